import type { Intent, IntentType } from '../../api/assistantTypes.js';
import type { MeasureId } from '../../api/askQuery.js';
import { aheadDay } from './aheadDay.js';
import { PLANNED_OPS } from './answerQuery.js';
import { CHANGE_MEASURES } from './changeAnswer.js';
import { MEASURES } from './measures.js';
import { TREND_MEASURES } from './trendAnswer.js';
import { UNSURE, type ParsedQuery } from './parseQuery.js';

/**
 * Measures of the floor's progress: a why or advise about them is explained from the progress and the logs. Speed is
 * not among them: the productivity engine explains a slower speed with more (every business, the usual, the spread).
 */
const FLOOR_MEASURES = new Set<MeasureId>(['slack', 'remaining', 'finish', 'progress', 'done', 'needed_speed', 'correction_waiting']);

/** Measures the planner states for a value or list question the simple-fact engine would answer with the progress list. */
const PLANNED_FACTS = new Set<MeasureId>(['remaining', 'done', 'arrivals', 'progress', 'needed_speed', 'finish', 'slack', 'deadline', 'operator_speed']);

/** The measures the staffing plan of a day ahead answers: how much work, when it finishes, who works, overtime. */
const PLAN_MEASURES: ReadonlySet<MeasureId> = new Set<MeasureId>([
  'remaining',
  'done',
  'progress',
  'speed',
  'needed_speed',
  'finish',
  'slack',
  'deadline',
  'headcount',
  'planned_staff',
  'overtime',
]);

/** Who answers a question: the planner (answerQuery), the why/advise explanation (explainQuery), the staffing plan, or an intent's engine. */
export type QueryRoute = 'planner' | 'explain' | 'engine' | 'plan';

/**
 * Where a question goes, from its typed query and its intent. `free`: neither chosen by the
 * manager (an ask-back's button) nor a follow-up read in the turn before's context; those
 * stay with the intent; `today` (a local date) places a time ahead. Returns the intent the engine should use: a what-if or a know-how
 * question the query reads plainly is answered as one whichever intent its words leaned to.
 */
export function routeQuery(parsed: ParsedQuery, intent: Intent, free: boolean, today: string): { route: QueryRoute; intent: Intent } {
  const q = parsed.query;
  const sure = parsed.confidence >= UNSURE;
  const missing = q.measure !== null && MEASURES[q.measure].source.kind === 'none';
  if (!free) return { route: 'engine', intent };
  // 「明日の最適配置を提案して」: a proposal for a day ahead, or of the day's staffing, is the staffing plan, not a move for now.
  if (q.op === 'propose' && (q.time === 'tomorrow' || q.measure === 'planned_staff')) return { route: 'plan', intent };
  // Tomorrow's staffing or overtime is what the plan says: there are no actuals for a day ahead, and an approved plan is shown as it is.
  if (q.time === 'tomorrow' && (q.measure === 'planned_staff' || q.measure === 'overtime') && q.op !== 'outside' && q.op !== 'knowhow')
    return { route: 'plan', intent };
  // A day ahead has no actuals: its work, its finish, its people and whether it will be tight are what the plan says
  // (「明日は厳しい？」「明日の札幌は誰が何を？」). Its forecast and its roster stay with the planner, which reads them.
  if (aheadDay(q.time, today) !== null && q.op !== 'outside' && q.op !== 'knowhow' && (q.measure === null || PLAN_MEASURES.has(q.measure)))
    return { route: 'plan', intent };
  // Attendance, overtime, the forecast and the day's assignments have no intent engine: the planner reads the planning
  // tables (a proposal or a what-if of staffing stays with the engines).
  if (q.measure !== null && MEASURES[q.measure].source.kind === 'planning' && PLANNED_OPS.has(q.op)) return { route: 'planner', intent };
  // The planner takes what no engine answers (the intents' 'other'), the shapes no engine has (comparison,
  // ranking, change), and a sure reading where the intents were too close to choose (an ask-back); an engine's own
  // question (a proposal, a speed analysis, a log investigation) stays with the engine.
  const planned =
    q.op !== 'knowhow' &&
    // Outside the operations but about a measure of the floor (a statistic): said what Genba can do with that measure.
    ((q.op === 'outside' && q.measure !== null) ||
      (q.op !== 'outside' && missing) ||
      (PLANNED_OPS.has(q.op) &&
        (intent.intent_type === 'other' ||
          (sure && (q.op === 'compare' || q.op === 'rank')) ||
          // Against yesterday, last week or the usual: the figures at the same time of those days, not a week of speed steps.
          (sure && q.op === 'change' && q.measure !== null && CHANGE_MEASURES.has(q.measure)) ||
          // A measure over time: its figure at each step from the store, with the table the chart is drawn from.
          (sure && q.op === 'trend' && q.measure !== null && TREND_MEASURES.has(q.measure)) ||
          // A named service: the log engine's answer does not narrow to it.
          (sure && q.service.length > 0) ||
          // A figure the simple-fact engine has no sentence for (「札幌の残件は何件？」 got a list of series, never the total).
          (sure && intent.intent_type === 'simple_query' && q.measure !== null && PLANNED_FACTS.has(q.measure)) ||
          (sure && intent.source === 'rules' && intent.alternatives !== undefined))));
  if (planned) return { route: 'planner', intent };
  // 「なぜ遅れてる？」「どうしたらいい？」 about the floor: the cause with its evidence, and (advise) what to do, with the
  // know-how that backs it, instead of a proposal or a dump of speeds. Why and advise about logs or alerts stay with their engines.
  if (sure && (q.op === 'why' || q.op === 'advise') && (q.measure === null || FLOOR_MEASURES.has(q.measure)) && !missing) return { route: 'explain', intent };
  // A what-if the question states (people or a speed under a condition) is answered on the proposal's model,
  // whichever intent its words leaned to (「7件/分に戻ったら間に合う？」 reads as a risk question). Likewise a question
  // about the rules (「スキル2の人をエントリ1に入れてもいい？」) is answered from the stored know-how, not the data, whenever
  // it is the likeliest reading: showing the rules costs little, a proposal nobody asked for costs a card.
  const asked: IntentType | null = q.op === 'whatif' && q.move && sure ? 'impact_analysis' : q.op === 'knowhow' ? 'knowledge_query' : null;
  if (asked === null || intent.intent_type === asked) return { route: 'engine', intent };
  const { alternatives: _, ...read } = intent;
  return { route: 'engine', intent: { ...read, intent_type: asked, requires_action: false } };
}
