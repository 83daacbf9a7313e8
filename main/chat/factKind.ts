import { foldForCues } from './intentClassifier.js';

/** Which fact a simple question asks for; `progress`: remaining, deadline, projected finish and speed. */
export type FactKind = 'correction' | 'decisions' | 'qualified' | 'headcount' | 'proposals' | 'sync' | 'alerts' | 'progress';

// Most specific first: 補正待ち before 何件, 承認した before 承認待ち, 承認待ち before アラート.
const KINDS: [FactKind, RegExp][] = [
  ['correction', /補正待ち|補正まち|ほせいまち|(?:waiting|waits?|awaiting) for corrections?|corrections? (?:waiting|pending|backlog)/],
  ['decisions', /承認した|却下した|決定した|決めた|承認済|\b(?:approved|rejected|decided|decisions)\b/],
  ['headcount', /人数|在籍|登録|headcount|\bstaff\b/],
  ['proposals', /承認待ち|承認まち|しょうにんまち|未承認|承認して(い)?ない|承認をお待ち|pending|proposals?\b|提案|配置案/],
  ['qualified', /できる人|できるひと|できるの|資格|有資格|スキル|すきる|qualified|can do|skill|何人|なんにん|何名|how many (people|operators)/],
  ['sync', /同期|どうき|\bsync/],
  ['alerts', /あらーと|通知|alerts?\b/],
];

export function factKind(question: string): FactKind {
  const t = foldForCues(question);
  return KINDS.find(([, re]) => re.test(t))?.[0] ?? 'progress';
}

/** A skill level the question asks for: 「スキル4以上」, "skill 4 or more", "level 5"; null when none. */
export function skillLevelAsked(question: string): number | null {
  const m = /(?:すきる|れべる|skill|level|lv\.?) ?([1-5])(?!\d)/.exec(foldForCues(question));
  return m ? Number(m[1]) : null;
}
