import { answerFromPlan } from '../query/answerFromPlan.js';
import { aheadDay } from '../query/aheadDay.js';
import type { Engine } from './askContext.js';

/**
 * A day ahead, from its staffing plan: the work, the finish, who works where, overtime, and a plan under the manager's
 * conditions (「拠点間の移動なし」「物量が2割増えたら」). A plan is stored open for a decision only when the request asks
 * for one; a question about the day's figures is answered from the standing plan, or one worked out and kept nowhere.
 */
export const planEngine: Engine = async (q, c) => {
  c.onStage?.('optimize');
  const t0 = performance.now();
  const day = aheadDay(q.time, c.today) ?? undefined;
  // A request to plan (「明日の最適配置を提案して」) or for the day's plan itself (「明日の配置計画は？」「明日は誰が何を？」)
  // gets a plan to decide; a question about the day's figures (overtime, items, how many people) reads one and stores nothing.
  // Nothing is stored for a decision when the reading left an exclusion or a number of the request out.
  const store =
    c.leftOut.length === 0 &&
    (q.op === 'propose' || (q.measure === 'planned_staff' && (q.op === 'list' || q.op === 'status' || (q.op === 'value' && !q.asks.includes('count')))));
  const { plan, text } = await answerFromPlan({
    q,
    lang: c.lang,
    today: c.today,
    day,
    conditions: q.conditions,
    plan: (date, conditions) => c.deps.plan(date, conditions, store),
  });
  // The standing plan, or the one this request made, is shown as its card; one worked out only to answer is not.
  return { text, ...(plan && !plan.unsaved ? { plan } : {}), optimizeMs: performance.now() - t0 };
};
