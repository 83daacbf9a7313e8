import type { Citation } from '../../api/assistantTypes.js';
import { localize, type Lang } from '../../api/localized.js';
import type { NamedInText } from './queryNames.js';

/**
 * A question whether someone may do something (「応援の人に最終チェックをさせていい？」, "Can a helper from another site
 * do the final check?"): its answer is the company's rule, never the state of the floor.
 */
export const PERMISSION =
  /てもいい|ても良い|てもよい|ていい|てもよろしい|ても構わ|てもかまわ|て大丈夫|ても大丈夫|任せても大丈夫|まかせても大丈夫|させていい|いいんだっけ|(?:ok|okay|大丈夫|だいじょうぶ)だっけ|アリ[?？]|ありですか|差し支え|問題ございません|\b(?:can|could|may)\b.*\b(?:do|work|handle|help|take|be)\b|\ballowed\b|\bpermitted\b|\bok(?:ay)? (?:to|for)\b/i;

/**
 * "can/may <a kind of person> … do/handle/take <work>": whether someone may do a kind of work, a question of the rules.
 * "anyone" and "someone" are no kind of person: «Can anyone in Yokohama do the final check?» asks whether one exists.
 */
const KIND_OF_PERSON =
  // «a 3-month rookie»: months of experience may stand before the kind.
  '(?:the |a |an |our |any |some )?(?:\\d{1,2}[- ]months?[- ](?:old )?)?(?:[^\\s\\d]+ )?(?:helpers?|support(?:ing)? (?:staff|people|operators?)|people|staff|operators?|new ?(?:hires?|comers?|people|staff)|newbies?|rookies?|trainees?|juniors?)\\b';
const ENGLISH_PERMISSION = new RegExp(
  // «can the 品川 helper do the final check?»: a word (a site) may stand before the kind of person.
  `\\b(?:can|could|may)\\b ${KIND_OF_PERSON}.*\\b(?:do|handle|take|perform|run|own)\\b|` +
    // «can we send a new hire to help 札幌?»: sending a kind of person is a question of the rules too.
    `\\b(?:can|could|may) (?:we|i|you) (?:send|move|lend|put|assign|use|give) ${KIND_OF_PERSON}`,
);

/**
 * Whether an English question asks what someone may do: a kind of person («can helpers do the final check?») or a
 * person named as the one who may do it («Can Kobayashi from Morioka help Sapporo's Entry 1?»).
 */
export function asksPermissionInEnglish(folded: string, named: Pick<NamedInText, 'operators' | 'text'>): boolean {
  if (ENGLISH_PERMISSION.test(folded)) return true;
  const person = named.operators[0];
  // «What can 伊藤 陽子 do?» asks what she is able to do (her skills), not whether she may.
  return (
    person !== undefined &&
    /\b(?:can|could|may)\s*$/.test(named.text.slice(0, person.at)) &&
    !/\b(?:what|which)\s+(?:\w+\s+)?(?:can|could|may)\s*$/.test(named.text.slice(0, person.at)) &&
    /\b(?:do|handle|take|perform|help|work)\b/.test(named.text.slice(person.end))
  );
}

/** A rule's sentence that forbids: 「〜しない」「させない」「禁止」, "never", "not allowed", "must not". */
const FORBIDS =
  // 「出さない」「回さない」「使わない」: a verb's negative ending a rule's sentence is what the rule forbids.
  /[さかがらわまばたな]ない(?:。|$|こと)|しない|させない|任せない|禁止|不可|してはいけない|できません|行いません|\bnever\b|\b(?:is|are) not \w+(?:ed|en|t)\b|\bnot allowed\b|\bmust not\b|\bmay not\b|\bno one\b|\bnot be\b/i;

/** The words a question and a rule share: Latin words of 4+ letters by their first 5, and runs of 2 kanji or katakana. */
function terms(text: string): Set<string> {
  const t = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const w of t.match(/[a-z]{4,}/g) ?? []) out.add(w.slice(0, 5));
  for (const run of t.match(/[\p{Script=Han}\p{Script=Katakana}ー]{2,}/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}
// Function words of four letters and more: two shared words must be two words of the matter, not «with» and «help».
const STOP = new Set([
  ...['there', 'their', 'which', 'would', 'could', 'should', 'other', 'about', 'after', 'befor', 'given', 'someo', 'where'],
  ...['with', 'from', 'that', 'this', 'have', 'into', 'they', 'them', 'when', 'what', 'will', 'then', 'than', 'been', 'were'],
]);

export interface RuleVerdict {
  /** The rule's sentence that forbids what was asked, in the answer's language. */
  sentence: string;
  citation: Citation;
  /** The people named whom the rule is about (under its months of experience), when it is about some. */
  people?: { name: string; months: number }[];
}

/** A person named by being new: 「新人」「新入社員」「入社したばかり」, "a new hire", "newcomers", "trainees". */
const NEW_PERSON =
  /新人|新入社員|新入り|入社(?:した)?ばかり|入社間もない|新しく入った|\bnew ?(?:hires?|comers?|joiners?|starters?|staff|people|operators?)\b|\bnewbies?\b|\brookies?\b|\btrainees?\b/i;

/** Sent to work elsewhere: 「応援に出す」「貸す」, "send", "lend", "to another site". */
const SENT = /応援|出す|出して|出せ|回す|回して|回せ|貸す|貸して|貸せ|\b(?:send|lend|loan|move|transfer)\b|\b(?:other|another) sites?\b/i;

/** The months of experience a rule's sentence sets people under («経験6か月未満», "less than 6 months"), or null. */
function underMonths(pair: readonly string[]): number | null {
  for (const s of pair) {
    const m = /経験\s*(\d+)\s*(?:か|ヶ|カ|ケ|箇)?月未満|(?:less|fewer) than (\d+) months|under (\d+) months/i.exec(s.normalize('NFKC'));
    if (m) return Number(m[1] ?? m[2] ?? m[3]);
  }
  return null;
}

/**
 * The rule that forbids what a permission question asks, or null. A sentence counts only when it forbids and shares at
 * least two of the question's words (in either of the rule's languages): a prohibition about something else is not an
 * answer. Null is not a yes: the caller says no rule was found that allows or forbids it.
 */
export function forbiddingRule(
  question: string,
  citations: readonly Citation[],
  lang: Lang,
  people: readonly { name: string; months: number }[] = [],
): RuleVerdict | null {
  const asked = terms(question);
  const said = (pair: string[]): string =>
    localize(lang, { ja: pair[0] || pair[1]!, en: pair[1] || pair[0]! })
      .replace(/^[^\n]*\n/, '')
      .trim();
  for (const citation of citations) {
    const texts = [citation.text, citation.textEn ?? ''];
    // Sentences pair by position across the two languages; a chunk's heading line (Japanese only) is not said.
    const sentencesOf = (t: string): string[] => t.split(/(?<=[。.!?！？])\s*/).filter((s) => s.trim() !== '');
    const [ja, en] = texts.map(sentencesOf);
    for (let i = 0; i < Math.max(ja!.length, en!.length); i++) {
      const pair = [ja![i] ?? '', en![i] ?? ''];
      if (!pair.some((s) => FORBIDS.test(s))) continue;
      const shared = [...new Set(pair.flatMap((s) => [...terms(s)]))].filter((w) => asked.has(w) && !STOP.has(w));
      // A prohibition of people under some months' experience, asked of people named: it is about them when one of them is
      // under it (and the question shares a word of what is forbidden), and not their answer when none is.
      const under = people.length > 0 ? underMonths(pair) : null;
      if (under !== null) {
        const who = people.filter((p) => p.months < under);
        if (who.length > 0 && shared.length >= 1) return { sentence: said(pair), citation, people: who };
        continue;
      }
      // A new hire sent elsewhere, asked of by kind («can we send a new hire to help 札幌?»), is whom a rule about the newest
      // months is about; helping at their own site («can new hires help with Sapporo's entry?») may be another matter.
      if (people.length === 0 && NEW_PERSON.test(question) && SENT.test(question) && underMonths(pair) !== null && shared.length >= 1)
        return { sentence: said(pair), citation };
      if (shared.length >= 2) return { sentence: said(pair), citation };
    }
  }
  return null;
}

export const VERDICT_TEXTS = {
  /** After the verdict: whom the rule is about, with the months Genba holds for them. */
  about: {
    ja: (people: readonly { name: string; months: number }[]) => people.map((p) => `${p.name}さんの経験は${p.months}か月です。`).join(''),
    en: (people: readonly { name: string; months: number }[]) => people.map((p) => `${p.name} has ${p.months} months' experience.`).join(' '),
  },
  forbidden: {
    ja: (sentence: string, title: string) => `いいえ。会社のルール（${title}）で「${sentence}」とされています。`,
    en: (sentence: string, title: string) => `No. The company's rule (${title}) says: "${sentence}"`,
  },
  noRule: {
    ja: 'これを許可する・禁止するルールは見つかりませんでした（はい、とは言えません）。近いルールは次のとおりです。',
    en: 'Genba found no rule that allows or forbids this, so it cannot say yes. The closest rules:',
  },
};
