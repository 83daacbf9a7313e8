import type { MeasureId } from '../../api/askQuery.js';
import { AVERAGE } from './asksWords.js';
import type { NamedInText } from './queryNames.js';
import { HAPPENED_BEFORE, timeOf } from './timeOf.js';

/**
 * The measures' scores (measureScores) changed by the question's structure rather than by a word of a measure: a tense,
 * a person named, words between the ones a measure's phrase would join, a measure said alone or not at all. Each rule
 * is a reading of the domain's phrasing (its examples below); the order matters, the last ones override. `fastestPerson`:
 * people ranked by speed were asked, whose split is people (parseQuery sets it).
 */
export function measureByStructure(scores: Map<MeasureId, number>, folded: string, names: NamedInText): { fastestPerson: boolean } {
  // "How many deadlines did Osaka miss?": a miss asked in the past tense, with its subject between.
  if (/\b(?:did|didn't|have|has|had)\b.*\bmiss(?:ed)?\b/.test(folded)) scores.set('missed_deadlines', (scores.get('missed_deadlines') ?? 0) + 2);
  // "How many items did we process today?": a count of work asked in the past tense, its verb in the base form after
  // did / have, is the work done (the measure's words are the verb's other forms: "processed", "entered").
  if (/\bhow many\b.*\b(?:did|didn't|have|has|had)\b.*\b(?:process|enter|handle|clear|input|key in|complete|finish|do)\b/.test(folded))
    scores.set('done', (scores.get('done') ?? 0) + 2);
  // «are we gonna make the 4pm SS cutoff?», "will Osaka meet its deadlines?", «gonna make 4pm»: whether a deadline is met is the slack to it, not
  // the deadline's time (which had answered «16:00» to a yes or no).
  if (
    /\b(?:make|makes|making|meet|meets|meeting|hit|hits|beat|miss|misses|missing)\b[^?.!]{0,30}\b(?:cutoffs?|cut-offs?|deadlines?)\b|\b(?:make|makes|making|hit|miss)\s+(?:the\s+|its\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b(?:make|makes|making|hit|miss)\s+(?:the\s+|its\s+)?\d{1,2}:\d{2}\b/.test(
      folded,
    )
  ) {
    scores.delete('deadline');
    scores.set('slack', Math.max(scores.get('slack') ?? 0, 3));
  }
  // «how many active operators do we have per site?», 「各拠点のオペレータ数」, «how big is each site»: with no measure's word, a
  // count of people (a site's size) is the headcount (it had given the items left by default).
  if (
    scores.size === 0 &&
    /\bhow many\b[^?.!]{0,24}\b(?:operators?|people|staff|workers?|employees?|agents?|keyers?|members?)\b|おぺれーたー?(?:の)?数|(?:すたっふ|従業員|社員)(?:の)?数|\bhow (?:big|large)\b[^?.!]{0,12}\bsites?\b|拠点の規模/.test(
      folded,
    )
  )
    scores.set('headcount', 2);
  // «has the ocr timeout thing happened before?»: whether it happened is its incidents, not a count of lines over the days.
  if (HAPPENED_BEFORE.test(folded) && scores.has('error_lines') && !scores.has('incidents')) {
    scores.set('incidents', scores.get('error_lines')!);
    scores.delete('error_lines');
  }
  // «who's on sapporo SS entry 1?»: the people a line has by the day's assignments («who's on PTO» is leave, a measure's word).
  if (scores.size === 0 && names.processes.length > 0 && /\bwho(?:'s| is| are)\s+on\b/.test(folded)) scores.set('planned_staff', 1);
  // A person asked whether they are in («is 鈴木 彩 in tomorrow?»): their attendance. Items «coming in tomorrow» are the forecast.
  if (names.operators.length > 0 && /\bin (?:today|tomorrow|on)\b/.test(folded) && !/\bcom(?:e|es|ing) in\b/.test(folded)) {
    scores.clear();
    scores.set('attendance', 3);
  }
  // The fastest or slowest of a kind of person («fastest entry1 keyer in the company?»): people ranked by their registered speed.
  const fastestPerson =
    /\b(?:fastest|slowest|quickest)\b[^.?!]{0,24}\b(?:keyers?|typists?|verifiers?|checkers?|correctors?|operators?|person|people|staff|workers?)\b/.test(
      folded,
    );
  if (fastestPerson) {
    for (const id of ['speed', 'done'] as const) scores.delete(id);
    scores.set('operator_speed', Math.max(scores.get('operator_speed') ?? 0, 3));
  }
  // The average speed of a line's people («avg 補正 speed by site», 「エントリ1の平均速度」), no time named: the people's registered
  // speeds (the masters' average_speed), not a line's pace now, which has no average over people.
  if (scores.has('speed') && AVERAGE.test(folded) && timeOf(folded) === null && !/今|現在|\bnow\b|\bcurrent/.test(folded)) {
    scores.delete('speed');
    scores.set('operator_speed', 3);
  }
  // Items counted with no other measure said (「先週の件数見せて」「SSの今月の件数は？」): the work done, which the answer names.
  // Only alone: «入荷件数», «インシデント件数» are the counts of their own measures.
  if (scores.size === 0 && /件数/.test(folded)) scores.set('done', 1);
  // «How many people didn't show / came in late / were off»: the count of those people, not of everyone registered.
  if (scores.has('headcount') && ['absence', 'late_arrivals', 'attendance'].some((id) => scores.has(id as MeasureId))) scores.delete('headcount');
  // People pulled or taken off a line («pull 2 people off Osaka verification») are moved, not off work.
  if (
    /\b(?:pull|pulled|pulling|take|took|taking|move|moved|moving|get)\s+(?:\d{1,3}\s+|two\s+|three\s+)?(?:people|persons|operators|staff|of them)\s+(?:off|out of)\b/.test(
      folded,
    )
  )
    scores.delete('absence');
  // A deadline said in the past tense (「間に合わなかった」 "did we miss") is the record of misses, not the slack now.
  if (scores.has('missed_deadlines')) for (const id of ['slack', 'deadline', 'finish'] as const) scores.delete(id);
  // Money (a cost, a wage, a penalty) is a figure Genba keeps none of: asked of a measure it has («overtime cost»,
  // 「遅れたらペナルティいくら」), the money is what is asked, and the answer says it has none, not the measure's figure.
  if (scores.has('unknown')) for (const id of [...scores.keys()]) if (id !== 'unknown') scores.delete(id);
  return { fastestPerson };
}
