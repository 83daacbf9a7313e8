/*
 * A question about a decision already taken and what came of it (「前回札幌に応援を出したときはどうなった？」, "did the move
 * to Sapporo help?"): the `history` operation. Read from the question's structure, on the text as the cues are folded
 * (foldForCues: katakana as hiragana, width and case): it names a move, a decision or a plan, and asks how it went, in
 * the past. A request to move people (「札幌に応援を出して」), a what-if (「出したらどうなる？」) and a figure of decisions
 * (「昨日の承認は何件？」) are not history.
 */

/** A move, a decision or a plan: what a history question is about (its noun, or its verb in the past). */
const ACT =
  /応援|おうえん|移動|異動|へるぷ|助っ人|増員|配置変更|配置案|承認|提案|計画|けいかく|人を(?:回|まわ|出|送|入れ|動か|移)|(?:回し|まわし|動かし)た|\bmov(?:e|ed|es|ing)\b|\bsent\b|\bsend(?:ing)? (?:people|staff|help|someone|operators?)\b|\bhelp(?:ers?)? (?:to|at|for)\b|\breassign|\btransfer|\bapprov|\bdecision|\bplans?\b|\bproposals?\b|\breinforce/;

/** How it went, asked in the past by its own words: 「どうなった」「効果はあった」, "what happened", "did it help". */
const OUTCOME_PAST =
  /どうなった|どうだった|どうなりました|どうでした|効果(?:は|が)?(?:あった|出た|でた|ありました|出ました)|うまく(?:いった|行った)|上手く(?:いった|行った)|役に立った|役立った|間に合った|意味(?:は|が)?あった|\bwhat happened\b|\bhow did\b|\bhow (?:has|have) (?:it|that|they|the move)\b|\bturn(?:ed)? out\b|\bwork(?:ed)? out\b|\bdid (?:it|that|this|they|the|moving|sending|we)\b.*\b(?:help|work|pay off|make (?:a|any) difference|make it|go)\b|\bpaid off\b|\bhow it went\b/;

/** How a move taken is going (「応援の効果は出てる？」 "is the move to Sapporo working?"): about a decision taken, in the present. */
const OUTCOME_NOW =
  /効果(?:は|が)?(?:出てる|出ている|でてる|ある|あります|出てます)(?:か)?[?？]|\b(?:is|are) (?:the|our|that) (?:move|help|helpers|people we (?:sent|moved))\b.*\b(?:working|helping)\b/;

/** What came of something, a noun that needs a pointer to the past: 「効果は？」 alone may ask about a plan ahead. */
const OUTCOME_NOUN = /効果|結果|成果|\bresults?\b|\boutcomes?\b|\beffects?\b|\bworth it\b|\bhelped\b/;

/** Words that point to a time before: 「前回」「この前」「先週…したとき」, "last time", "the other day". */
const PAST =
  /前回|ぜんかい|この前|このまえ|こないだ|この間|このあいだ|以前|いぜん|先日|せんじつ|前に|先週|先月|昨日|きのう|おととい|一昨日|(?:し|っ)た(?:とき|時|際|あと|後)|\blast time\b|\bthe last (?:move|plan|decision|approved|approval|one)\b|\blast (?:approved|move|plan|decision)\b|\bprevious(?:ly)?\b|\bthe other day\b|\bearlier\b|\b(?:when|after) we\b|\blast week\b|\byesterday\b/;

/**
 * A condition or a request: a what-if (「3人回したらどうなる？」 "what would happen if") or a move asked for (「札幌に応援を出して」
 * "suggest a move"), never history. 「出したら間に合った？」 is past: a condition ending in the present is the what-if.
 */
const NOT_PAST =
  /(?:たら|なら|れば|せば|すと)[^。？?]*(?:なる|ある|合う|いい|できる|変わる)(?:か|の)?[?？]?$|もし|仮に|\bif\b|\bwould\b|\bwhat happens\b|して(?:ください|下さい|ほしい|欲しい|おいて)?[。.!！]?$|\bsuggest\b|\bpropose\b|\bplease\b/;

/** What was decided or done before, asked (「前回札幌が遅れたときはどうした？」 "what did we decide last time Sapporo was late?"). */
const DECIDED = /\bwhat did (?:we|i|you) (?:decide|do|approve)\b|(?:どう|何を|なにを)(?:した|決めた|判断した|しました|承認した)[?？]?$/;

/**
 * Whether moves were made at all (「先月、拠点間で誰か移動させた？」 "have we moved anyone between sites in the last month?"):
 * the decisions on record, not the floor's state then.
 */
const MOVES_MADE =
  /\b(?:have|did|had) (?:we|you|i|they) (?:ever )?(?:move|moved|send|sent|lend|lent|loan|loaned|shift|shifted|transfer|transferred|borrow|borrowed) (?:anyone|anybody|someone|somebody|people|staff|any(?: \w+)?)\b|(?:誰か|だれか|人を)?(?:応援|移動)(?:を|は|って)?(?:出した|させた|した|あった)(?:こと)?(?:ある|あった)?[?？]?$/;

/** Whether the folded request asks what came of a move, a decision or a plan already taken, or what was decided then. */
export function asksHistory(folded: string): boolean {
  if (NOT_PAST.test(folded)) return false;
  if (MOVES_MADE.test(folded)) return true;
  if (DECIDED.test(folded) && PAST.test(folded)) return true;
  if (!ACT.test(folded)) return false;
  return OUTCOME_PAST.test(folded) || OUTCOME_NOW.test(folded) || (OUTCOME_NOUN.test(folded) && PAST.test(folded));
}

/** The history of plans (「この前の計画はどうなった？」 "how did the last approved plan turn out?"), else of moves. */
export const asksPlanHistory = (folded: string): boolean =>
  /計画|けいかく|しふと|\bplans?\b|\broster\b/.test(folded) && !/応援|移動|人を|\bmov(?:e|ed|es|ing)\b|\bsent\b/.test(folded);
