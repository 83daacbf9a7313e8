import { distanceKm, workable } from './planDayMinutes.js';
import { buildPlanModel, planOptions, type PlanScope } from './planModel.js';
import type { PlanProblem } from './planProblem.js';
import type { PlanSolvePool } from './planSolvePool.js';

/** The `crossSiteNearest` staffed sites nearest to `site` (ties by name): who may help it, by the company's policy. */
export function nearestSites(p: PlanProblem, staffed: readonly string[], site: string): Set<string> {
  return new Set(
    staffed
      .filter((s) => s !== site)
      .sort((a, b) => distanceKm(p.policy, site, a) - distanceKm(p.policy, site, b) || a.localeCompare(b))
      .slice(0, Math.max(0, p.policy.crossSiteNearest)),
  );
}

/** The whole day as one model: every operator and demand, each site helped by anyone of its nearest sites that keeps its own targets. */
export function wholeDayScope(p: PlanProblem): PlanScope {
  const staffed = [...new Set(p.operators.map((o) => o.site))];
  const nearOf = new Map(staffed.map((s) => [s, nearestSites(p, staffed, s)]));
  return {
    operators: p.operators.map((_, i) => i),
    demands: p.demands.map((_, i) => i),
    crossAllowed: (from, to) => nearOf.get(to)?.has(from) ?? false,
    lendersKeepTargets: true,
    overtimeBySpeed: true,
  };
}

/** A plan's cost is its model's objective plus the reward of every block that could be worked (evaluatePlan counts idle ones). */
export const idleOffset = (p: PlanProblem): number =>
  p.policy.weights.idleBlock * p.operators.reduce((n, op) => n + (['am', 'pm'] as const).filter((b) => workable(p.day, op, b)).length, 0);

/**
 * A lower bound of the cost of any plan of the day (its weighted objective, as evaluatePlan counts it): the LP relaxation
 * of the whole company in one model, every person free to help any site the policy lets them help, overtime counted at
 * the fastest speed on each demand, so that the relaxation allows at least what any plan does. Not a sub-model's bound:
 * the gap a plan states against it is its distance to the best plan the day allows, at most. Solved to its optimum
 * (an LP: no work limit can leave it half-proved), deterministic like every solve here. Null when there is no work.
 */
export async function dayLowerBound(p: PlanProblem, pool: PlanSolvePool): Promise<DayBound | null> {
  if (p.demands.length === 0) return null;
  const scope = wholeDayScope(p);
  const model = buildPlanModel(p, scope, planOptions(p, scope), { overtimeAtFastest: true });
  const solved = await pool.solve(model.lp, { lpIterations: Infinity, nodes: 0, relaxation: true });
  if (solved.status === 'none' || !solved.values) return null;
  const shortItems = scope.demands.reduce((n, d) => n + (solved.values!.get(model.short(d)) ?? 0), 0);
  return { cost: solved.objective + idleOffset(p), shortItems };
}

/** The day's lower bound of a plan's cost, and the items its relaxation leaves short (what help between sites might still cover). */
export interface DayBound {
  cost: number;
  shortItems: number;
}
