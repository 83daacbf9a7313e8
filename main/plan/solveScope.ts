import { buildPlanModel, planOptions, type PlanModel, type PlanScope } from './planModel.js';
import { p90Of, targetOf } from './planDayMinutes.js';
import type { PlanProblem } from './planProblem.js';
import type { PlanSolution } from './planSolution.js';
import { plannedItems, type ChosenBlock } from './evaluatePlan.js';
import type { SolveWork } from './planHighs.js';
import type { PlanSolvePool } from './planSolvePool.js';
import { greedyPlan } from './greedyPlan.js';
import { shareOvertime } from './shareOvertime.js';

/** A site's share of the plan as one model left it. */
export interface ScopePlan {
  chosen: ChosenBlock[];
  objective: number;
  status: string;
  /** Shortfall or overtime left: the site could use help from its neighbours. */
  needy: Set<string>;
  /** Of those, the sites with a shortfall. */
  short: Set<string>;
}

/** A model's plan (null: HiGHS found none) and its record (null: nothing to solve). */
export interface Solved {
  plan: ScopePlan | null;
  model: PlanSolution['models'][number] | null;
}

/** One model over a group of sites: solved from `start` (a greedy plan when none), its people's overtime shared out, the sites still wanting help. */
export async function solveScope(
  p: PlanProblem,
  group: string[],
  scope: PlanScope,
  work: SolveWork,
  pool: PlanSolvePool,
  start?: ChosenBlock[],
): Promise<Solved> {
  const t = performance.now();
  if (scope.demands.length === 0) return { plan: { chosen: [], objective: 0, status: 'optimal', needy: new Set(), short: new Set() }, model: null };
  const options = planOptions(p, scope);
  const model = buildPlanModel(p, scope, options);
  const values = startValues(p, model, scope, start ?? greedyPlan(p, options));
  const built = performance.now() - t;
  const solved = await pool.solve(model.lp, work, values);
  const record = {
    sites: group,
    columns: model.options.length,
    // Building the model and HiGHS's own time: not the wait for a free thread.
    ms: built + solved.ms,
    status: solved.status,
    gap: solved.gap,
    costGap: Math.max(0, solved.objective - solved.bound),
    bound: solved.bound,
    lpIterations: work.lpIterations,
  };
  if (!solved.values) return { plan: null, model: record };
  const v = (name: string | null): number => (name === null ? 0 : (solved.values!.get(name) ?? 0));
  const chosen: ChosenBlock[] = [];
  model.options.forEach((option, i) => {
    for (const block of ['am', 'pm'] as const) if (v(model.x(i, block)) > 0.5) chosen.push({ option, block, overtime: 0 });
  });
  const overtime = scope.demands.flatMap((d) =>
    (['am', 'pm'] as const).map((block) => ({ demand: d, block, minutes: model.overtime(d, block).reduce((m, name) => m + v(name), 0) })),
  );
  shareOvertime(p, chosen, overtime);
  const needy = new Set<string>();
  for (const c of chosen) if (c.overtime > 0) needy.add(p.operators[c.option.op]!.site);
  const short = new Set<string>();
  for (const d of scope.demands) if (v(model.short(d)) > 0.5) short.add(p.demands[d]!.site);
  for (const s of short) needy.add(s);
  return { plan: { chosen, objective: solved.objective, status: solved.status, needy, short }, model: record };
}

/** Step 1's plan of a group's sites as values of the group's model: its start, so that a work limit cannot make it worse. */
function startValues(p: PlanProblem, model: PlanModel, scope: PlanScope, chosen: ChosenBlock[]): Map<string, number> {
  const index = new Map(model.options.map((o, i) => [`${o.op}:${o.demand}`, i]));
  const values = new Map<string, number>();
  for (const c of chosen) {
    const i = index.get(`${c.option.op}:${c.option.demand}`);
    if (i === undefined) continue;
    values.set(model.x(i, c.block), 1);
    const ot = model.overtimeOf(i, c.block);
    if (ot !== null) values.set(ot, (values.get(ot) ?? 0) + c.overtime);
    // A start that lends someone sets their site's switch, or the model reads it as breaking the lenders' rule and drops it.
    const lends = c.option.cross ? model.lends(p.operators[c.option.op]!.site) : null;
    if (lends !== null) values.set(lends, 1);
  }
  const planned = plannedItems(p, chosen);
  for (const d of scope.demands) {
    const [done, target, { p80 }] = [planned[d]!, targetOf(p.demands[d]!, p.policy), p.demands[d]!];
    values.set(model.short(d), Math.max(0, target - done));
    values.set(model.buffer(d), Math.max(0, p80 - Math.max(done, target)));
    values.set(model.p90Gap(d), Math.max(0, p90Of(p.demands[d]!) - Math.max(done, target, p80)));
  }
  return values;
}
