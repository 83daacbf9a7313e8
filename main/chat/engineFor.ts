import type { AskQuery, MeasureId } from '../api/askQuery.js';
import type { EngineId } from '../api/engineIds.js';
import { aheadDay } from './query/aheadDay.js';
import { beforeToday } from './query/beforeToday.js';
import type { Engine } from './engines/askContext.js';
import { alertHistoryEngine } from './engines/alertHistoryEngine.js';
import { decisionHistoryEngine } from './engines/decisionHistoryEngine.js';
import { explainEngine } from './engines/explainEngine.js';
import { knowhowEngine } from './engines/knowhowEngine.js';
import { logsEngine } from './engines/logsEngine.js';
import { outsideEngine } from './engines/outsideEngine.js';
import { planEngine } from './engines/planEngine.js';
import { plannerEngine } from './engines/plannerEngine.js';
import { proposeEngine } from './engines/proposeEngine.js';
import { riskEngine } from './engines/riskEngine.js';
import { speedEngine } from './engines/speedEngine.js';
import { whatIfEngine } from './engines/whatIfEngine.js';

/** Every engine by its id: a new id in api/engineIds.ts does not compile until it has its engine here. */
export const ENGINES: Record<EngineId, Engine> = {
  planner: plannerEngine,
  plan: planEngine,
  explain: explainEngine,
  speed: speedEngine,
  risk: riskEngine,
  logs: logsEngine,
  alertHistory: alertHistoryEngine,
  decisionHistory: decisionHistoryEngine,
  propose: proposeEngine,
  whatif: whatIfEngine,
  knowhow: knowhowEngine,
  outside: outsideEngine,
};

/**
 * The measures a day ahead's staffing plan answers: how much work, when it finishes, who works, overtime. Not who can do a
 * process (headcount): that is the register, whatever the day (parseQuery.ts reads a day's people as attendance).
 */
const PLAN_MEASURES: ReadonlySet<MeasureId> = new Set<MeasureId>([
  'remaining',
  'done',
  'progress',
  'speed',
  'needed_speed',
  'finish',
  'slack',
  'deadline',
  'planned_staff',
  'overtime',
]);
const LOG_MEASURES: ReadonlySet<MeasureId> = new Set<MeasureId>(['error_lines', 'incidents']);
const DEADLINE_MEASURES: ReadonlySet<MeasureId> = new Set<MeasureId>(['slack', 'finish', 'remaining']);
const LATE: ReadonlySet<string> = new Set(['late', 'at_risk']);

/**
 * The engine that answers a reading: chosen from its operation, and its measure and time where they matter. The one
 * place a question's route is decided; `today` (a local date) places a time ahead; `conditions`: the question sets the
 * day's plan conditions (「物量が2割増えたら」「拠点間の移動なし」), which only the plan can work out.
 */
export function engineFor(q: AskQuery, today: string, conditions = false): EngineId {
  const ahead = aheadDay(q.time, today) !== null;
  const aboutPlan = ahead && (conditions || q.measure === null || PLAN_MEASURES.has(q.measure));
  switch (q.op) {
    case 'outside':
      // A statistic of a measure (「残件の標準偏差」) is answered with what Genba can do with that measure.
      return q.measure !== null ? 'planner' : 'outside';
    case 'knowhow':
      return 'knowhow';
    case 'propose':
      // 「明日の最適配置を提案して」: the day's staffing plan, not a move for now.
      return ahead || q.measure === 'planned_staff' ? 'plan' : 'propose';
    case 'whatif':
      return ahead ? 'plan' : 'whatif';
    // What came of a decision already taken: its record and measured outcome; nothing is proposed, projected or stored.
    case 'history':
      return 'decisionHistory';
    case 'why':
    case 'advise':
      if (aboutPlan) return 'plan';
      // 「10月14日、なんであんなに遅れたの？」: the engines explain the floor now; a day gone is answered from its records.
      if (beforeToday(q.time, today) && (q.measure === null || !LOG_MEASURES.has(q.measure))) return 'planner';
      if (q.measure !== null && LOG_MEASURES.has(q.measure)) return 'logs';
      if (q.measure === 'alerts') return 'alertHistory';
      if (q.measure === 'speed' || q.measure === 'operator_speed') return 'speed';
      return 'explain';
    case 'check':
    case 'list':
    case 'value':
    case 'status':
      if (aboutPlan) return 'plan';
      // 「17時に間に合わない工程は？」「遅延リスクのある工程は？」: the series that will not be done by a time, or are late or
      // at risk, each with its figures (a split asked for, 「遅れている拠点は？」, stays a figure per member).
      if (
        DEADLINE_MEASURES.has(q.measure ?? 'unknown') &&
        (/^by_\d+$/.test(q.time ?? '') || (q.op === 'list' && LATE.has(q.status ?? 'done') && (q.by === null || q.by === 'process')))
      )
        return 'risk';
      // The state of a service or a host («entry-apiのstatus見せて», "what's happening with ocr-worker?") is its incidents, not
      // the floor's summary.
      if (q.op === 'status' && (q.service.length > 0 || q.host.length > 0)) return 'logs';
      // What is happening in the logs (「何が起きている？」) is the incidents with their evidence; whether one service is down is a yes or no.
      if (q.measure === 'incidents' && q.op !== 'check') return 'logs';
      // 「生産性はどう？」: how the speed is doing is its analysis against the usual.
      if (q.op === 'status' && q.measure === 'speed') return 'speed';
      return 'planner';
    case 'compare':
    case 'rank':
    case 'trend':
    case 'change':
      return aboutPlan ? 'plan' : 'planner';
  }
}
