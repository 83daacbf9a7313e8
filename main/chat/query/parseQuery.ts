import { ASK_OPS, type AskMove, type AskOp, type AskQuery, type MeasureId } from '../../api/askQuery.js';
import { foldForCues } from '../foldForCues.js';
import { asksOf } from './asksWords.js';
import { measureByStructure } from './measureByStructure.js';
import { excludedFamilyNames, excludedPeople, excludedSites } from './excludedSites.js';
import { planConditionsOf, volumeFactorOf } from './planConditionsOf.js';
import { calibrated } from './calibration.js';
import { MEASURES } from './measures.js';
import { asksHistory, asksPlanHistory } from './historyWords.js';
import { hasCue as has, measureScores } from './measureWords.js';
import { OP_CUES } from './opCues.js';
import { asksPermissionInEnglish, PERMISSION } from './ruleVerdict.js';
import { againstOf, changeTime, experienceOf, experienceUnderOf, levelOf, rankOf, statusOf, withoutBaseTime } from './fieldWords.js';
import { namedTwice, splitOf } from './splitOf.js';
import { isAhead, timeOf } from './timeOf.js';
import { measureInContext } from './measureInContext.js';
import { storeMeasureOf } from './measureSql.js';
import { spellFixed } from './typoWords.js';
import { COMMAND, moveEnds, moveOf, PEOPLE_SENT, SITE_HELPS, withinSite } from './moveOf.js';
import { isWorkChange } from './workChangeOf.js';
import { MOVE_VERB } from './moveWords.js';
import type { NamedInText } from './queryNames.js';

/** The rules parser's reading of a request, and how sure it is of the operation. */
export interface ParsedQuery {
  query: AskQuery;
  /** How often a reading this sure is right (calibration.ts); below `UNSURE` the assistant says what it understood and asks. */
  confidence: number;
  /** The two operations it could not choose between, when they are close. */
  alternatives: [AskOp, AskOp] | null;
  /** The operations with any evidence, likeliest first: the closest readings an ask-back offers. */
  ranked: AskOp[];
  /** Whether the request's own words named an operation and a measure: a request naming neither may be a follow-up. */
  said: { op: boolean; measure: boolean };
}

export { UNSURE } from './calibration.js';

const fold = (t: string): string => foldForCues(t);
/**
 * The least evidence that makes an operation: one full cue. Half-weight words (any, has, have) only support one;
 * alone they leave the question to its measure's value, or outside (an unknown shape is not read as a known one).
 */
const MIN_EVIDENCE = 1;
/** Statistics beyond the operations (value, list, compare, rank, trend, change): read, and answered with what Genba can do instead. */
const STATISTIC =
  /標準偏差|ひょうじゅんへんさ|分散|相関|そうかん|回帰|分位|パーセンタイル|偏差値|standard deviation|std ?dev|variance|correlat|regression|percentile|quantile/;
const OP_CUE_FOLDED = Object.fromEntries(Object.entries(OP_CUES).map(([op, cues]) => [op, cues.map(([c, w]) => [fold(c), w] as const)])) as Record<
  keyof typeof OP_CUES,
  (readonly [string, number])[]
>;
const LOG_MEASURES = new Set<MeasureId>(['error_lines', 'incidents', 'alerts']);

/** A value question's own words: it asks for a figure. */
const VALUE_CUES = [
  '何件',
  'なんけん',
  'いくつ',
  '何分',
  '何時',
  '何%',
  '何パーセント',
  'どれくらい',
  'どのくらい',
  '教えて',
  'how many',
  'how much',
  "what's",
  'what is',
  'how long',
  'when ',
  // A total asked is one figure, even of all sites (「全拠点の合計」 "total, all sites").
  '合計',
  '全部で',
  'total',
  'altogether',
];

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const KANJI_DIGITS = '〇一二三四五六七八九十';
/**
 * Phrases read as what they mean before any cue: a number of people in words ("three people", 「三人」) is a number, and
 * "break it down by site" asks for a split (its "down" is not an outage). "One" is a count only before people.
 */
function wordsRead(folded: string): string {
  return (
    spellFixed(folded)
      .replace(/\b(two|three|four|five|six|seven|eight|nine|ten)\b/g, (w) => String(NUMBER_WORDS.indexOf(w)))
      // "One" before people is a count («loses one person», "add one more operator"); "which one" stays a word.
      .replace(/\bone(?= (?:more )?(?:person|people|operator|staff|member|head)\b)/g, '1')
      .replace(/([一二三四五六七八九十])(?=人|名)/g, (k) => String(KANJI_DIGITS.indexOf(k)))
      .replace(/break(?:ing)? (?:it |this |that |them |those |these )?down|breakdown/g, 'split')
  );
}

/** The operation's evidence: cues, plus the question's structure. */
function opEvidence(folded: string, named: NamedInText, move: AskMove | null, measureFound: boolean): Map<AskOp, number> {
  const e = new Map<AskOp, number>(ASK_OPS.map((op) => [op, 0]));
  for (const [op, cues] of Object.entries(OP_CUE_FOLDED) as [keyof typeof OP_CUES, (readonly [string, number])[]][])
    for (const [cue, w] of cues) if (has(folded, cue)) e.set(op, e.get(op)! + w);
  // The default shape: a figure asked for.
  e.set('value', (measureFound ? 1 : 0) + (VALUE_CUES.some((c) => has(folded, c)) ? 1.2 : 0));
  // A polar question (no question word; "is/will/can …?", 「…る？」「…ない？」) asks yes or no.
  const wh =
    /何|なに|なん|いつ|どこ|どれ|どの|誰|だれ|どう|なぜ|いくつ|いくら|どのくらい|どれくらい|どっち|どちら|\b(?:what|when|where|which|who|why|how)\b/.test(
      folded,
    );
  if (!wh && (/^(?:is|are|was|were|will|can|could|do|does|did|has|have|any)\b/.test(folded) || /[るうたいかよね][?？]$/.test(folded.replace(/\s+$/, ''))))
    e.set('check', e.get('check')! + 2);
  // With a question word, a polar ending (「何があった？」「誰が休んでる？」) is how the question ends, not a yes or no asked.
  if (wh && /[るうたいかよね][?？]$/.test(folded.replace(/\s+$/, ''))) e.set('check', Math.max(0, e.get('check')! - 1.5));
  // Whether something may be done (「応援の人に最終チェックを任せても大丈夫？」 "can a helper do the final check?") asks the
  // company's rules: the helper it names is who would do it, not people asked for, and its yes or no is the rule's
  // (ruleVerdict.ts). A rule holds whatever the day: asked of a day (「明日承認して大丈夫？」), it is that day's floor.
  // In English the same question names a kind of person and a kind of work: "can the helpers from Morioka do the final
  // check?", "may new hires handle corrections?" (a move of people asks "can we send …", not what someone may do).
  if (asksPermissionInEnglish(folded, named)) e.set('knowhow', e.get('knowhow')! + 4);
  // The same of a kind of person in Japanese («新人を札幌の応援に出しても大丈夫？»): whether the rules let them go.
  if (PERMISSION.test(folded) && /新人|新入社員|未経験|経験の浅い|入ったばかり|研修中/.test(folded)) e.set('knowhow', e.get('knowhow')! + 4);
  if (e.get('knowhow')! > 0 && PERMISSION.test(folded) && timeOf(folded) === null) for (const op of ['propose', 'check'] as const) e.set(op, 0);
  // Against a past time (昨日と比べて, than last week), a comparison is a change over time, not of two things.
  // With nothing named twice, "compare X with yesterday" compares X with itself then: the comparison's words are the change's.
  const several = namedTwice(named) !== null;
  if (/昨日|きのう|前日|先週|前週|普段|いつも|通常|yesterday|last (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|usual|normal/.test(folded))
    e.set('change', e.get('change')! + (several ? Math.min(2, e.get('compare')!) : e.get('compare')! + 0.5));
  // 「残業の多い5人」: a number of people with a word of more or less is the top of a ranking, not people to send.
  if (/(?:多い|少ない|速い|遅い|早い|長い|短い|高い|低い)\s*\d+\s*(?:人|名)/.test(folded)) e.set('rank', e.get('rank')! + 3);
  // 「誰が遅い？」 "who's slow?": the slowest (or fastest) people, a ranking, even without a superlative.
  if (/\bwho|誰|だれ/.test(folded) && /\bslow|\bfast|遅い|速い|おそい|はやい/.test(folded)) e.set('rank', e.get('rank')! + 2);
  // 「拠点別」「オペレーター別」「per site」: a split asked for.
  if (
    /(?:拠点|工程|業務|おぺれーたー|ほすと|さーびす|れべる|site|process|business|operator|host|service)(?:別|ごと|毎)|(?:per|each|every|by) (?:site|process|business|operator|host|service)/.test(
      folded,
    )
  )
    e.set('list', e.get('list')! + 2);
  // 「今何人で回してる？」: how a line is run now (the progressive, a state), not an order to move anyone (「回して」).
  if (/(?:回|まわ)して(?:る|い)/.test(folded)) e.set('propose', e.get('propose')! - 2);
  // A figure asked to be recalled (「オペレータ何人いるんだっけ」「何件だっけ」) is the figure, not a rule of the company's.
  if (/んだっけ/.test(folded) && /何[人名件時個]|なんにん|なんめい|いくつ/.test(folded)) e.set('knowhow', e.get('knowhow')! - 2);
  // "Who can help Sapporo?": who goes to a line, not how many are there ("who can help me read this?" asks no move).
  if (/\bwho (?:can|could|should|would) (?:help|cover)\b(?! (?:me|us|you)\b)/.test(folded)) e.set('propose', e.get('propose')! + 4);
  // Who to send from one site to another (「佐世保から札幌に応援出すなら誰？」, "who should we send from Osaka to Sapporo?"): two
  // sites named as a move's two ends, with who asked, ask for the move, not how the sites compare; with a count supposed it is
  // the what-if's (moveOf.ts), and without who it may be a rule asked («出すのってアリ？»).
  const ends = named.sites.length > 1 && !move && MOVE_VERB.test(folded) && /誰|だれ|どなた|\bwho\b/.test(folded) ? moveEnds(named) : null;
  const directed = ends?.source !== undefined && ends.target !== undefined && ends.source.canonical !== ends.target.canonical;
  // A site that can help another («Osaka can help Sapporo»): its people sent there, a move asked for.
  const helps = !move && named.sites.length > 1 && named.sites.some((h) => SITE_HELPS.test(named.text.slice(h.end)));
  if (directed || helps) e.set('propose', e.get('propose')! + 3);
  // Two things of one kind named together: a comparison, unless a move or a ranking says otherwise.
  if (several && !move && !directed && !helps) e.set('compare', e.get('compare')! + 1.5);
  // A report of lateness about a named place (「札幌のエントリ1工程が遅延しています」, "Sapporo entry 1 is running late"), not a
  // question: the manager asks for help with it (AIMEE's request), so a move proposal.
  const asked = /[?？]|^(?:is|are|will|which|what|how|why|when|does|do|can|could)\b|か[。.]?$|の[。.]?$/.test(folded);
  const reported = /(?:遅延して|遅れて|おくれて|遅れが出て)(?:います|いる|る|おります)|(?:is|are) (?:running )?(?:late|behind)(?: schedule)?[.!]?$/.test(
    folded,
  );
  if (reported && !asked && [named.sites, named.processes].some((h) => h.length > 0)) e.set('propose', e.get('propose')! + 2.5);
  // "Which sites …", 「どの拠点が…」: the members of a dimension asked for.
  // A ranking's own words (the fewest, the fastest) say it is a ranking, not a list.
  if (
    e.get('rank')! === 0 &&
    /\bwhich (?:[a-z0-9]+ )?(?:sites?|process(?:es)?|business(?:es)?|operators?|people|hosts?|services?|lines?)\b|どの(?:拠点|工程|業務|人|ホスト|サービス)/.test(
      folded,
    )
  )
    e.set('list', e.get('list')! + 1.5);
  // 「遅延リスクのある工程は？」「休んでいる人は？」: a kind of thing asked for at the end, its members.
  if (e.get('rank')! === 0 && /(?:拠点|工程|業務|人|方|オペレーター|おぺれーたー|ほすと|さーびす)(?:は|って)[?？]?$/.test(folded))
    e.set('list', e.get('list')! + 1.5);
  // A number of people or a speed under a condition: a what-if.
  if (move) e.set('whatif', e.get('whatif')! + (!('count' in move) || move.to || move.from ? 2 : 1));
  // Work added or stopped under a condition (「1時間止まったら影響ある？」): the what-if's own matter, not a check of the state now.
  if (move && isWorkChange(move)) e.set('whatif', e.get('whatif')! + 2);
  // More work by a share on a line today (「エントリ1にあと1割多く入荷してたら」): a what-if on its items; a day ahead is the plan's.
  if (!move && named.processes.length > 0 && (volumeFactorOf(folded) ?? 1) > 1 && /たら|なら|\bif\b/.test(folded) && !isAhead(timeOf(folded)))
    e.set('whatif', e.get('whatif')! + 3);
  // A move named whole (how many, from where, to where: 「札幌に盛岡から3人回せる？」) is weighed as named; a proposal would
  // choose its own people and sites instead of the ones asked about.
  if (move && 'count' in move && move.from && move.to) e.set('whatif', e.get('whatif')! + 2);
  // An order to change a record ("change X's attendance to present", "mark her as absent"): Genba reads the records and
  // writes back only the decisions on its cards, so it is not a question it answers, whatever the record.
  if (
    /^(?:please |pls |can you |could you )?(?:change|update|set|edit|modify|correct|mark|delete|remove|cancel)\b.*\b(?:to|as)\b/.test(folded) &&
    !/\?$/.test(folded)
  )
    e.set('outside', e.get('outside')! + 5);
  // The same in Japanese: a record of the company's (勤怠, 残業, スキル, マスタ …) to be rewritten (「出勤に書き換えておいて」).
  if (
    /(?:勤怠|出勤|欠勤|遅刻|有給|残業|スキル|レベル|マスタ|記録|データ).*(?:書き換え|書きかえ|変更|修正|訂正|更新|登録|削除)(?:して|しておいて|しといて|ておいて|お願い)/.test(
      folded,
    )
  )
    e.set('outside', e.get('outside')! + 5);
  // Sending something to people (「全員にLINEで明日のシフト送っといて」 "notify everyone"): Genba sends no messages, whatever the content.
  if (
    /line ?で|らいん ?で|めーる ?で|ちゃっと ?で|送っといて|送っておいて|送信して|一斉送信|連絡しておいて|伝えておいて|\b(?:notify|message|tell|text) (?:them|everyone|all|the team|staff)\b/.test(
      folded,
    )
  )
    e.set('outside', e.get('outside')! + 5);
  // What came of a move, a decision or a plan already taken (「前回札幌に応援を出したときはどうなった？」 "did the move to Sapporo
  // help?"): answered from the records, so never a new proposal, a what-if or a yes/no about the state now; a day ahead is no history.
  if (asksHistory(folded) && !isAhead(timeOf(folded))) {
    for (const op of ['propose', 'whatif', 'check', 'advise'] as const) e.set(op, 0);
    e.set('history', 6);
  }
  // Lunchtime is a time of day ("in the logs around lunchtime"), not lunch as a meal.
  if (/lunch ?time|around lunch|at lunch|(?:since|after) lunch/.test(folded)) e.set('outside', Math.max(0, e.get('outside')! - 3));
  // Nothing of the floor named, no measure and no time: not about the floor. A time alone (「昨日は？」 "what about
  // tomorrow?") is a follow-up's, not a request about something else.
  const anyName = [named.sites, named.processes, named.businesses, named.operators, named.services, named.hosts].some((h) => h.length > 0);
  if (!anyName && !measureFound && timeOf(folded) === null) e.set('outside', e.get('outside')! + 1.5);
  return e;
}

/**
 * The measures defaultMeasure gives a question that names no service, host or person (items left, progress, speed, slack,
 * none): a figure by one of them, beside words not understood, answered no measure the question said (assistant.ts).
 */
export const DEFAULT_MEASURES: ReadonlySet<MeasureId | null> = new Set<MeasureId | null>(['remaining', 'progress', 'speed', 'slack', null]);

/** The measure an operation takes when the request names none. */
function defaultMeasure(op: AskOp, named: NamedInText): MeasureId | null {
  if (op === 'status' || op === 'knowhow' || op === 'outside') return null;
  if (named.services.length > 0 || named.hosts.length > 0) return op === 'trend' || op === 'change' || op === 'rank' ? 'error_lines' : 'incidents';
  // A what-if about people (「小川さんが帰ったら」) asks what happens to the deadline, not who they are.
  if (named.operators.length > 0 && op !== 'whatif') return op === 'rank' || op === 'compare' ? 'operator_speed' : 'skill';
  if (op === 'trend' || op === 'change') return 'speed';
  if (op === 'list' || op === 'value') return 'remaining';
  if (op === 'compare') return 'progress';
  return 'slack';
}

/**
 * The model-free parser: a request → the typed query. The operation is the one with the
 * most evidence (opCues.ts and the question's structure); the measure, the one whose words
 * the request uses (measures.ts), else the operation's default; filters are the names the
 * request uses (queryNames.ts). `ops` narrows the operations it may choose (the
 * leave-one-operation-out check of `genba eval ask`).
 */
export function parseQuery(question: string, found: NamedInText, ops: readonly AskOp[] = ASK_OPS): ParsedQuery {
  const folded = wordsRead(fold(question));
  const excluded = excludedSites(found);
  const leftOutPeople = excludedPeople(found);
  const named: NamedInText = {
    ...found,
    sites: found.sites.filter((h) => !excluded.includes(h)),
    operators: found.operators.filter((h) => !leftOutPeople.includes(h)),
  };
  // 補正待ち is a count, not the process 補正; «entry 1 backlog» is entry 1's items left, its process kept.
  const processes = named.processes.filter(
    (h) =>
      !h.canonical.includes('補正') ||
      (!/^(?:待ち|まち| ?(?:waiting|pending|backlog|queue))/.test(named.text.slice(h.end)) &&
        !/(?:waiting|waits?|awaiting) for ?$/.test(named.text.slice(0, h.at))),
  );
  const names: NamedInText = { ...named, processes };
  const move = moveOf(folded, names);
  // A count of people given as an instruction (「盛岡以外から3人回して」 "move 2 people from Shinagawa to Sapporo"): a proposal of
  // exactly that many, from where it says.
  // Whether a move may be made («出していい？», "is it OK to send 3?") asks the rules, not for a card.
  const commanded = move === null && COMMAND.test(folded) && !PERMISSION.test(folded) ? moveOf(folded, names, { commanded: true }) : null;
  // …to or from a place: «残業の多い5人を出して» names people to show, not to move.
  const ordered = commanded !== null && 'count' in commanded && (commanded.from || commanded.to) ? commanded : null;
  // The company's taught words (「物量」 = arrivals) count as the measure's own words do.
  const scores = measureScores(folded, found.taught);
  // A skill level given as a threshold (「スキル3以上」) filters the people another measure counts (「何人」): it is not the figure
  // asked. Alone, it is the skill measure, but not one the request said (a follow-up keeps the measure before it).
  const experience = experienceOf(folded);
  const experienceUnder = experienceUnderOf(folded);
  const levelOnly = (levelOf(folded) !== null || experience !== null || experienceUnder !== null) && scores.has('skill');
  // People asked by their experience or level alone («how many new hires?», "people with less than 2 years on entry 1",
  // «who are the L4 checkers?»): the people, counted or named; no other measure was said.
  // Who they are is asked of their skills, which name them; how many of the headcount.
  if (scores.size === 0 && (experience !== null || experienceUnder !== null || levelOf(folded) !== null))
    scores.set(/\bwho\b|誰|だれ|\bwhich (?:operators?|people)\b|\bnames?\b/.test(folded) ? 'skill' : 'headcount', 1);
  if (levelOnly && scores.size > 1) scores.delete('skill');
  const { fastestPerson } = measureByStructure(scores, folded, names);
  const evidence = opEvidence(folded, names, move, scores.size > 0);
  // A what-if supposes something of now or ahead. A day gone or a date with nothing supposed read («10/20の納期落ちしたライン
  // 数は？», whose 「したライ」 folds to 「したらい」) asks that day's figures.
  if (
    move === null &&
    /^(?:yesterday|last_night|last_week|ago_|past_|last_\d{1,2}d|last_(?:sun|mon|tue|wed|thu|fri|sat)|dom_\d\d_past|date_|dates_)/.test(timeOf(folded) ?? '')
  )
    evidence.set('whatif', 0);
  // «盛岡から3人出すなら who?»: how many and from where, with who asked and no place to go: the people are Genba's to choose, a
  // proposal of that many for the work that needs them, not a what-if of the site losing them.
  // So is a count from a site with a person left out («盛岡から3人出すとして、高山さんは外して»): only a proposal chooses people.
  const whoToSend =
    move !== null && 'count' in move && !move.to && (/\bwho\b|誰|だれ|どなた/.test(folded) || (move.from !== null && excludedPeople(found).length > 0))
      ? move
      : null;
  if (whoToSend) {
    evidence.set('propose', evidence.get('propose')! + 3);
    evidence.set('whatif', 0);
  }
  if (ordered) evidence.set('propose', evidence.get('propose')! + 3);
  // People asked to be sent to a place (「終わった工程の人をエントリ1に回せない？」): a move asked for, however the question
  // ends; whether it may be done asks the rules.
  else if (move === null && !PERMISSION.test(folded) && PEOPLE_SENT.test(folded)) evidence.set('propose', evidence.get('propose')! + 3);
  const ranked = [...evidence].filter(([op]) => ops.includes(op)).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, v]) => s + Math.max(0, v), 0);
  // Without evidence for an operation, a question with a measure or a thing of the floor named (「明日の横浜の検証は誰？」) asks
  // about it: its value. Only one with neither is outside the floor.
  // Items counted (「先週の件数見せて」) are the floor's too, whichever count is meant.
  const aboutFloor =
    scores.size > 0 || [named.sites, named.processes, named.businesses, named.operators].some((h) => h.length > 0) || /件数|\bitems\b/.test(folded);
  const said = ranked[0]![1] >= MIN_EVIDENCE;
  let op: AskOp = said ? ranked[0]![0] : aboutFloor && ops.includes('value') ? 'value' : 'outside';
  // The chosen operation's own share: an operation taken by default (no evidence for it) is a guess, 0.
  const confidence = calibrated(total > 0 ? Math.max(0, evidence.get(op) ?? 0) / total : 0);
  if (!ops.includes(op)) op = 'outside';
  const close = ranked[1] && ranked[0]![1] > 0 && ranked[0]![1] - ranked[1][1] < 0.5 ? ([ranked[0]![0], ranked[1][0]] as [AskOp, AskOp]) : null;

  // A service or host named: the question is about the logs (「entry-api 落ちてない？」 is not about speed).
  if (names.services.length > 0 || names.hosts.length > 0) for (const id of scores.keys()) if (!LOG_MEASURES.has(id)) scores.delete(id);
  // A speed given as a what-if's change is its condition, not what it asks (「毎分7件になったら間に合う？」 asks the slack).
  if (op === 'whatif' && move && 'speed' in move) scores.delete('speed');
  let measure: MeasureId | null = [...scores].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  // A person asked late («is morioka's 中村 恵美 late today?»): their arrival, not a line's deadline, which no person has.
  if (names.operators.length > 0 && (measure === 'slack' || measure === 'deadline') && /\blate\b|遅刻|遅れて(?:来|き|出勤)/.test(folded))
    measure = 'late_arrivals';
  // 「勤怠の状況は？」: a state of the planning data is its value (who is in, who is off), not the floor's status summary.
  if (op === 'status' && measure !== null && MEASURES[measure].source.kind === 'planning') op = 'value';
  // 「いつから出てる？」 "since when?": a start asked for, which an incident has and a count of error lines has not.
  if (measure === 'error_lines' && /いつから|何時から|なんじから|since when|when did .* (?:start|begin)/.test(folded)) measure = 'incidents';
  // "Is Sapporo done for the day?" 「終わった？」 asks whether work is left, not how much was done: its yes is nothing remaining.
  if (op === 'check' && measure === 'done') measure = 'remaining';
  // A statistic no operation computes (「残件の標準偏差」, "correlation"): outside, but about its measure, so the answer can say what it can do with it.
  const statistic = STATISTIC.test(folded) && measure !== null;
  if (statistic) op = 'outside';
  // 「生産性はどう？」: the state of the speed is its analysis, so a status keeps that one measure; any other is the summary's.
  if ((op === 'status' && measure !== 'speed') || op === 'knowhow' || (op === 'outside' && !statistic)) measure = null;
  // A proposal is of moves for the slack now, or of the day's staffing when its words speak of the staffing plan (「配置計画」).
  else if (op === 'propose') measure = measure === 'planned_staff' ? 'planned_staff' : 'slack';
  // A history question is about decisions: the staffing plans decided (「この前の計画」), else the moves.
  else if (op === 'history') measure = asksPlanHistory(folded) ? 'planned_staff' : 'decisions';
  else if (measure === null) measure = defaultMeasure(op, names);

  // The registered headcount has no day: how many people a day has is its attendance (「今日大阪に何人いる？」 "how many
  // people are in today"), or for a day ahead its roster (「明日は何人出勤する？」). Who 「can do」 a process stays the register.
  const day = timeOf(folded);
  // A person named arriving («What time did Nakamura Emi arrive?») is their clock-in, not the items that arrived.
  if (measure === 'arrivals' && names.operators.length > 0) measure = 'attendance';
  // Who can do a process is the register whatever the day (「明日エントリ1できる人何人？」 asks the capable, not the plan).
  if (measure === 'headcount' && day !== null && !/できる|can do|can work|qualified|skill|すきる/.test(folded)) measure = 'attendance';
  // People at work on a process («札幌のSSエントリ1に今何人ついてる？»): attendance is kept per person, the process they work
  // is the day's assignments'.
  if (measure === 'attendance' && names.processes.length > 0 && names.operators.length === 0) measure = 'planned_staff';

  // A proposal with its source named (「佐世保から札幌に応援出すなら誰？」) helps the other site, from that one only.
  const ends = op === 'propose' ? moveEnds(names) : null;
  const from =
    op === 'propose' && (ordered ?? whoToSend)?.from
      ? [(ordered ?? whoToSend)!.from!]
      : ends?.source && (!ends.target || ends.source.canonical !== ends.target.canonical)
        ? // 「盛岡から誰なら出せる？」 names only the site that sends: the one helped is the turn before's, or the floor's neediest.
          [ends.source.canonical]
        : [];
  // Within one site («札幌の中で», "within Sapporo"): its own people, from the lines they are on to the one asked.
  const within = op === 'propose' && names.sites.length === 1 && withinSite(names.text, names.sites[0]!) ? names.sites[0]!.canonical : null;
  if (within !== null && from.length === 0) from.push(within);
  const sources = move && 'count' in move && move.from ? [move.from] : from;
  const sites = names.sites
    .map((h) => h.canonical)
    .filter((s) => s === within || !sources.includes(s) || names.sites.filter((h) => h.canonical === s).length > 1);
  const query: AskQuery = {
    op,
    measure,
    site: [...new Set(sites)].sort(),
    process: [...new Set(processes.map((h) => h.canonical))].sort(),
    business: [...new Set(names.businesses.map((h) => h.canonical))].sort(),
    operator: [...new Set(names.operators.map((h) => h.canonical))].sort(),
    service: [...new Set(names.services.map((h) => h.canonical))].sort(),
    host: [...new Set(names.hosts.map((h) => h.canonical))].sort(),
    level: levelOf(folded),
    experience,
    experienceUnder,
    // 「終わった？」 is a state of the work left; of a deadline (「17時までに終わる？」) it is the slack's own question.
    status: op === 'check' && measure !== 'remaining' && statusOf(op, folded) === 'done' ? null : statusOf(op, folded),
    // Against a measure the request said; one taken by default does not overrule the split it asked for.
    by: op === 'history' ? null : splitOf(op, folded, names, scores.size > 0 ? measure : null),
    // The earlier day a change compares with is its `against`, not the time asked about; a request not about the floor has no time of the floor's.
    // A time said as the base of a comparison (「先週の木曜と比べて今日の…」) is that base: the time asked is the rest's.
    time:
      changeTime(op, folded) ??
      (withoutBaseTime(op, folded) !== null
        ? timeOf(withoutBaseTime(op, folded)!)
        : (op === 'change' && againstOf(op, folded) === timeOf(folded)) || (op === 'outside' && !statistic && said)
          ? null
          : timeOf(folded)),
    rank: rankOf(op, folded, measure),
    against: againstOf(op, folded),
    move: op === 'whatif' ? move : op === 'propose' ? (ordered ?? whoToSend) : null,
    notFrom: [...new Set(excluded.map((h) => h.canonical))].sort(),
    from,
    notWho: [
      ...new Set([
        ...leftOutPeople.map((h) => h.canonical),
        ...excludedFamilyNames(found.text).filter((f) => !leftOutPeople.some((h) => h.canonical.startsWith(f))),
      ]),
    ].sort(),
    asks: asksOf(question, {
      forecast: measure === 'forecast_volume',
      rules: evidence.get('knowhow')! > 0 || op === 'knowhow',
      plan: measure === 'planned_staff',
      fault: measure !== null && storeMeasureOf(measure)?.fault !== undefined,
      skill: measure === 'skill',
      speeds: measure === 'operator_speed',
    }),
    conditions: null,
  };
  const read = measureInContext(query, folded);
  // Ranked as people, unless a split by site was said («by site»).
  if (fastestPerson && read.measure === 'operator_speed' && read.by !== 'operator' && !/\bby site\b|拠点(?:別|ごと)/.test(folded)) read.by = 'operator';
  read.conditions = planConditionsOf(question, read);
  return {
    query: read,
    confidence,
    alternatives: close,
    ranked: ranked.filter(([, v]) => v > 0).map(([o]) => o),
    // A history question's words say its measure (the decisions, or the plans), whatever measure word it holds.
    said: { op: said, measure: (scores.size > 0 && !levelOnly) || op === 'history' },
  };
}
