import { buildPlanModel, planOptions, type PlanModel, type PlanScope } from './planModel.js';
import { blockMinutes, distanceKm } from './planDayMinutes.js';
import type { PlanBlock, PlanProblem } from './planProblem.js';
import type { PlanSolution } from './planSolution.js';
import { evaluatePlan, type ChosenBlock } from './evaluatePlan.js';
import { solveLp } from './planHighs.js';
import { greedyPlan } from './greedyPlan.js';

/** A site's share of the plan as one model left it. */
interface ScopePlan {
  chosen: ChosenBlock[];
  objective: number;
  status: string;
  /** Shortfall or overtime left: the site could use help from its neighbours. */
  needy: Set<string>;
}

/**
 * Tomorrow's staffing plan. Decomposed in two steps, because one flat model over every
 * operator, block and reachable demand is too big for HiGHS in WebAssembly at 5,000
 * operators (measured: see test/bench/planSolver.ts):
 *   1. each site alone, with its own people: small models, and most sites are done here;
 *   2. the sites left with a shortfall or overtime, together with their `crossSiteNearest`
 *      nearest sites, in one model per group of overlapping neighbourhoods, where remote work
 *      towards the needy sites' demands is allowed. The model keeps step 1's plan within
 *      reach, so it is taken only when it is no worse (a time limit could leave it worse).
 * Exact when there is no shortfall or overtime anywhere (no site wants help, remote work costs);
 * otherwise a site that helps must be a near neighbour of the one it helps, and a site that
 * needs nothing receives nobody.
 */
export async function solvePlan(p: PlanProblem): Promise<PlanSolution> {
  const t0 = performance.now();
  const limits = p.timeLimitSeconds ?? { site: 1, crossSite: 4 };
  const models: PlanSolution['models'] = [];
  const sites = [...new Set([...p.operators.map((o) => o.site), ...p.demands.map((d) => d.site)])];
  const opsOf = groupIndex(p.operators.map((o) => o.site));
  const demandsOf = groupIndex(p.demands.map((d) => d.site));
  const scopeOf = (group: string[], crossAllowed: PlanScope['crossAllowed']): PlanScope => ({
    operators: group.flatMap((s) => opsOf.get(s) ?? []),
    demands: group.flatMap((s) => demandsOf.get(s) ?? []),
    crossAllowed,
  });
  let failed = false;
  const run = async (group: string[], scope: PlanScope, start?: ChosenBlock[]): Promise<ScopePlan | null> => {
    const t = performance.now();
    if (scope.demands.length === 0) return { chosen: [], objective: 0, status: 'optimal', needy: new Set() };
    const options = planOptions(p, scope);
    const model = buildPlanModel(p, scope, options);
    const solved = await solveLp(model.lp, group.length > 1 ? limits.crossSite : limits.site, startValues(p, model, scope, start ?? greedyPlan(p, options)));
    models.push({ sites: group, columns: model.options.length, ms: performance.now() - t, status: solved.status });
    if (!solved.values) return null;
    const v = (name: string | null): number => (name === null ? 0 : (solved.values!.get(name) ?? 0));
    const chosen: ChosenBlock[] = [];
    model.options.forEach((option, i) => {
      for (const block of ['am', 'pm'] as const) if (v(model.x(i, block)) > 0.5) chosen.push({ option, block, overtime: 0 });
    });
    const overtime = scope.demands.flatMap((d) => (['am', 'pm'] as const).map((block) => ({ demand: d, block, minutes: v(model.overtime(d, block)) })));
    shareOvertime(p, chosen, overtime);
    const needy = new Set<string>();
    for (const c of chosen) if (c.overtime > 0) needy.add(p.operators[c.option.op]!.site);
    for (const d of scope.demands) if (v(model.short(d)) > 0.5) needy.add(p.demands[d]!.site);
    return { chosen, objective: solved.objective, status: solved.status, needy };
  };

  // Step 1: every site alone.
  const bySite = new Map<string, ScopePlan>();
  for (const site of sites) {
    const plan = await run(
      [site],
      scopeOf([site], () => false),
    );
    if (plan) bySite.set(site, plan);
    else failed = true;
  }
  // Step 2: the needy sites with their nearest neighbours, remote work allowed towards the needy.
  const needy = new Set([...bySite.values()].flatMap((s) => [...s.needy]));
  const staffed = sites.filter((s) => (opsOf.get(s) ?? []).length > 0);
  const nearest = new Map<string, Set<string>>();
  for (const site of needy) {
    const others = staffed.filter((s) => s !== site).sort((a, b) => distanceKm(p.policy, site, a) - distanceKm(p.policy, site, b) || a.localeCompare(b));
    nearest.set(site, new Set(others.slice(0, Math.max(0, p.policy.crossSiteNearest))));
  }
  for (const group of neighbourhoods(nearest)) {
    if (group.length < 2) continue;
    const start = group.flatMap((site) => bySite.get(site)?.chosen ?? []);
    const plan = await run(
      group,
      scopeOf(group, (from, to) => nearest.get(to)?.has(from) ?? false),
      start,
    );
    const before = group.reduce((s, site) => s + (bySite.get(site)?.objective ?? Infinity), 0);
    if (!plan || plan.objective > before + 1e-6) continue;
    for (const site of group) bySite.delete(site);
    bySite.set(group.join('\u0000'), plan);
  }
  const chosen = [...bySite.values()].flatMap((s) => s.chosen);
  const status = failed ? 'failed' : models.some((m) => m.status !== 'optimal') ? 'time-limit' : 'optimal';
  return { status, ...evaluatePlan(p, chosen), models, ms: performance.now() - t0 };
}

/** Step 1's plan of a group's sites as values of the group's model: its start, so that a time limit cannot make it worse. */
function startValues(p: PlanProblem, model: PlanModel, scope: PlanScope, chosen: ChosenBlock[]): Map<string, number> {
  const index = new Map(model.options.map((o, i) => [`${o.op}:${o.demand}`, i]));
  const values = new Map<string, number>();
  for (const c of chosen) {
    const i = index.get(`${c.option.op}:${c.option.demand}`);
    if (i === undefined) continue;
    values.set(model.x(i, c.block), 1);
    const ot = model.overtime(c.option.demand, c.block);
    values.set(ot, (values.get(ot) ?? 0) + c.overtime);
  }
  const planned = evaluatePlan(p, chosen).demands;
  for (const d of scope.demands) {
    const { plannedItems, target, p80 } = planned[d]!;
    values.set(model.short(d), Math.max(0, target - plannedItems));
    values.set(model.buffer(d), Math.max(0, p80 - Math.max(plannedItems, target)));
  }
  return values;
}

/**
 * Shares each demand's overtime minutes out to the people on it in that block, fastest first,
 * each up to what the policy and their day still leave them. Early minutes go first; whole
 * minutes only. A person on two demands with overtime (early on one, late on another) may get
 * less than the model counted on: the plan's figures come from what is shared, not the model.
 */
function shareOvertime(p: PlanProblem, chosen: ChosenBlock[], overtime: { demand: number; block: PlanBlock; minutes: number }[]): void {
  const worked = new Map<number, number>();
  for (const c of chosen) worked.set(c.option.op, (worked.get(c.option.op) ?? 0) + blockMinutes(p.day, c.block));
  const given = new Map<number, number>();
  for (const ot of overtime.filter((o) => o.minutes > 0.5).sort((a, b) => (a.block === b.block ? 0 : a.block === 'am' ? -1 : 1))) {
    let left = Math.round(ot.minutes);
    const people = chosen.filter((c) => c.option.demand === ot.demand && c.block === ot.block).sort((a, b) => b.option.perMinute - a.option.perMinute);
    for (const c of people) {
      const o = p.operators[c.option.op]!;
      const room = Math.max(0, Math.min(p.policy.maxOvertimeMinutes, o.maxWorkMinutes - worked.get(c.option.op)!) - (given.get(c.option.op) ?? 0));
      const take = Math.min(left, Math.floor(room));
      if (take <= 0) continue;
      c.overtime += take;
      given.set(c.option.op, (given.get(c.option.op) ?? 0) + take);
      left -= take;
      if (left <= 0) break;
    }
  }
}

function groupIndex(keys: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  keys.forEach((k, i) => out.set(k, [...(out.get(k) ?? []), i]));
  return out;
}

/** Needy sites and their neighbours, joined into groups wherever two neighbourhoods share a site (union-find). */
function neighbourhoods(nearest: Map<string, Set<string>>): string[][] {
  const parent = new Map<string, string>();
  const find = (s: string): string => {
    while (parent.get(s) !== s) {
      parent.set(s, parent.get(parent.get(s)!)!);
      s = parent.get(s)!;
    }
    return s;
  };
  for (const [site, near] of nearest) {
    for (const s of [site, ...near]) if (!parent.has(s)) parent.set(s, s);
    for (const s of near) parent.set(find(s), find(site));
  }
  const groups = new Map<string, string[]>();
  for (const s of parent.keys()) groups.set(find(s), [...(groups.get(find(s)) ?? []), s]);
  return [...groups.values()].map((g) => g.sort());
}
