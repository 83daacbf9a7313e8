import type { AskOp, Dimension, MeasureId } from '../../api/askQuery.js';
import { MEASURES } from './measures.js';
import type { NameHit, NamedInText } from './queryNames.js';

/** Where something is, asked (「どこに」 "where are …"), not a clause ("behind where it was yesterday"). */
const WHERE = /どこ|(?:^|[,.?!] ?)where\b|\bwhere (?:are|is|do|does|did|have|has)\b/;

/**
 * The split a request asks for (its `by`): from the words of a kind of thing (拠点ごと, per site, who), or the kind it
 * names twice (札幌と大阪), checked against the measure the request said (a default measure does not overrule it).
 */
export function splitOf(op: AskOp, folded: string, named: NamedInText, saidMeasure: MeasureId | null): Dimension | null {
  const by = byDimension(op, folded, named);
  if (saidMeasure === null) return by;
  // Where a log line comes from is its host (or service): a measure without sites is placed by what it has.
  const dims = MEASURES[saidMeasure].dims;
  if (by === 'site' && !dims.includes('site') && WHERE.test(folded)) return dims.find((d) => d === 'host' || d === 'service') ?? null;
  return declaredSplit(op, saidMeasure, by, named, folded);
}

/** The kinds of thing a request names, in the order a split prefers them. */
const kindsNamed = (named: NamedInText): [Dimension, NameHit[]][] => [
  ['site', named.sites],
  ['process', named.processes],
  ['business', named.businesses],
  ['operator', named.operators],
  ['service', named.services],
  ['host', named.hosts],
];

/** The first kind the request names two or more of (among `allowed` when given): 「札幌と大阪」 names sites. */
export function namedTwice(named: NamedInText, allowed?: readonly Dimension[]): Dimension | null {
  return kindsNamed(named).find(([d, h]) => h.length >= 2 && (!allowed || allowed.includes(d)))?.[0] ?? null;
}

const DIM_WORDS: [Dimension, RegExp][] = [
  ['day', /曜日|ようび|weekday|day of (?:the )?week/],
  // The text is folded (katakana as hiragana): the kana forms are the ones that match.
  [
    'operator',
    /おぺれーたー|おぺ(?!れ)|担当者|作業者|入力者|めんばー|誰|だれ|[人者](?:は|を|が|って)|(?<![何数])人(?=[、(]|$)|(?:多い|少ない|長い|短い|速い|遅い)人|operators?|who|people|person|staff member/,
  ],
  ['site', /拠点|きょてん|せんたー|さいと|site|center|centre|location|office|branch/],
  ['process', /工程|こうてい|ぷろせす|process|step|stage/],
  ['business', /業務|ぎょうむ|案件|business|client|job|project/],
  ['service', /サービス|さーびす|service|api|system/],
  ['host', /ホスト|ほすと|サーバ|さーば|host|server|machine/],
  ['level', /レベル別|スキル別|れべる別|by level|by skill/],
];

/** "ごと/別/each/per/by" naming a split (「拠点別」 "per site", "split by site"). */
const splitAsked = (folded: string): Dimension | null =>
  // 「各業務の納期」 is each business's: 各 before the kind asks for each one as 「業務ごと」 after it does.
  DIM_WORDS.find(([, re]) => new RegExp(`(?:${re.source})(?:ごと|毎|別|単位)|(?:each|per|by|every) (?:${re.source})|各(?:${re.source})`).test(folded))?.[0] ??
  null;

/** The days something happened, asked (「遅れた日は？」「どの日」, "which days did we miss?"): a figure per day of the period. */
export const asksWhichDays = (folded: string): boolean =>
  /(?:だった|した|れた|った|の)日(?:は|を|って|が|[?？])|どの日|何日に|\b(?:which|what) (?:days?|dates?)\b/.test(folded);

/** Days as the things ranked: the noun a ranking word or a count stands before, or a day that had the most or least. */
const RANKED_DAYS =
  /\b(?:top|bottom|which|what|busiest|heaviest|worst|best|highest|lowest|quietest)(?: (?:\d{1,2}|[a-z]+)){0,2} days\b|\bdays? (?:with|had|that had|when we had) the (?:most|least|highest|lowest|fewest)\b|\b(?:busiest|heaviest|biggest|largest|quietest|worst|best)(?: [a-z]+){0,2} day\b|(?:多い|少ない|多かった|少なかった|忙しい|忙しかった|ひどかった)日|上位 ?\d*日/;

function byDimension(op: AskOp, folded: string, named: NamedInText): Dimension | null {
  if (op === 'trend') return /日ごと|日別|毎日|週|daily|day by day|by day|per day|week|過去\d+日|last \d+ days/.test(folded) ? 'day' : 'hour';
  if (op === 'compare') {
    return namedTwice(named) ?? DIM_WORDS.find(([, re]) => re.test(folded))?.[0] ?? null;
  }
  // The days ranked («top 3 days by arrivals», "which days had the most", 「一番多かった日」): a figure per day, ranked.
  if (op === 'rank' && RANKED_DAYS.test(folded)) return 'day';
  // The hours ranked («which hour today had the most errors», 「何時台が一番多い？」): the figure hour by hour.
  if (op === 'rank' && /\b(?:which|what) hours?\b|\bbusiest hours?\b|何時台|どの時間帯|時間帯別/.test(folded)) return 'hour';
  if (op === 'list' || op === 'rank') {
    // "ごと/別/each/per/by" names the split; else the kind of thing asked for (which site, who).
    const split = splitAsked(folded);
    if (split) return split;
    // Where something is, listed («上野さんは今どこ？», "where are the items waiting?"): its places.
    if (op === 'list' && WHERE.test(folded)) return 'site';
    const asked = DIM_WORDS.find(([, re]) => re.test(folded));
    if (asked) return asked[0];
    if (op === 'list' && (named.services.length > 0 || named.hosts.length > 0)) return null;
    return op === 'rank' ? 'site' : null;
  }
  // 「今日休んでいるのは誰？」, who is absent: the answer names the people.
  // 「スキル3以上の人は？」 too: the people, not how many of them (「何人」).
  // A yes/no about people (「上限に近い人はいる？」) is answered person by person, like a figure asked of them.
  if (op !== 'value' && op !== 'check') return null;
  // A figure asked per something, or where it is (「補正待ちはどこに何件？」 "where are the items waiting?"): its places.
  const split = splitAsked(folded);
  if (split) return split;
  if (WHERE.test(folded)) return 'site';
  if (asksWhichDays(folded)) return 'day';
  // «Anyone late this morning?», «nobody off today?»: whether there are such people asks who they are.
  if (
    /誰|だれ|\bwho\b|\b(?:anyone|anybody|someone|somebody|nobody|no one)\b|(?<![何数])人(?=[はを、(]|$)|(?<![何数])人(?:は|が)?(?:いる|おる|いない|いません)/.test(
      folded,
    )
  )
    return 'operator';
  return null;
}

/**
 * The split a word asked for, kept only when the measure is split that way: 「札幌と大阪、どっちが多い？ who has more left」
 * asks which site, since items left belong to no person. Otherwise the kind of thing named twice or more, or none.
 */
function declaredSplit(op: AskOp, measure: MeasureId, by: Dimension | null, named: NamedInText, folded: string): Dimension | null {
  if (by === null || op === 'trend' || MEASURES[measure].dims.includes(by)) return by;
  if (!['value', 'list', 'compare', 'rank', 'check'].includes(op)) return by;
  // A kind asked for by name («which operator keyed the most», 「拠点別のDBエラー」, who ranks first) that the measure is not
  // recorded by stays asked, and is declined in words: a ranking of another kind would answer another question.
  return namedTwice(named, MEASURES[measure].dims) ?? (kindAskedByName(op, measure, folded) === by ? by : null);
}

/**
 * The kind a request asks for by its name: split by it («per site», 「拠点別」), «which site», 「どの拠点」, or who ranks first
 * in the work people do («who keyed the most»; «who has the most left» asks where the work is).
 */
function kindAskedByName(op: AskOp, measure: MeasureId, folded: string): Dimension | null {
  const split = splitAsked(folded);
  if (split) return split;
  const which = DIM_WORDS.find(([, re]) => new RegExp(`\\b(?:which|what) (?:${re.source})|どの(?:${re.source})`).test(folded));
  if (which) return which[0];
  return op === 'rank' && measure === 'done' && /\bwho\b|誰|だれ/.test(folded) ? 'operator' : null;
}
