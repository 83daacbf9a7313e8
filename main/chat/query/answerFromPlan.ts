import type { AskQuery } from '../../api/askQuery.js';
import type { Lang } from '../../api/localized.js';
import type { PlanConditions, StoredPlan } from '../../api/planTypes.js';
import { askedDay } from './aheadDay.js';
import { planAnswerText } from './planAnswerText.js';

/**
 * A question answered from a day's staffing plan: the plan under the conditions its words set
 * (a what-if is set against the current plan and is no card to approve), and the answer's
 * text: the closed day asked about, the work narrowed to what was named, the names when it
 * asks who.
 */
export async function answerFromPlan(o: {
  q: AskQuery;
  lang: Lang;
  today: string;
  day: string | undefined;
  conditions: PlanConditions | null;
  plan: (date?: string, conditions?: PlanConditions) => Promise<StoredPlan>;
}): Promise<{ plan: StoredPlan | undefined; text: string }> {
  const { q } = o;
  const plan = await o.plan(o.day, o.conditions ?? undefined);
  const current = plan.whatIf ? await o.plan(o.day) : null;
  // Names when the question asks who (a list, a person, by person); a what-if the words do not state is said not to be worked out.
  const text = planAnswerText(plan, q.site, o.lang, {
    names: q.op === 'list' || q.by === 'operator' || q.operator.length > 0 || q.asks.includes('names'),
    whatIf: o.conditions === null && q.op === 'whatif',
    against: current,
    askedDay: askedDay(q.time, o.today) ?? undefined,
    processes: q.process,
    businesses: q.business,
  });
  return { plan: plan.whatIf ? undefined : plan, text };
}
