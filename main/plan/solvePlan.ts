import { planOptions, type PlanScope } from './planModel.js';
import type { PlanProblem } from './planProblem.js';
import type { PlanSolution } from './planSolution.js';
import { evaluatePlan, type ChosenBlock } from './evaluatePlan.js';
import type { SolveWork } from './planHighs.js';
import { planSolvePool, type PlanSolvePool } from './planSolvePool.js';
import { dayLowerBound, idleOffset, nearestSites, wholeDayScope } from './dayBound.js';
import { lendingScope } from './lendingScope.js';
import { solveScope, type ScopePlan, type Solved } from './solveScope.js';
import { breaksFinalCheck, finalCheckGaps } from './finalCheck.js';

/**
 * The work each model may do (planHighs.ts: counted, never timed). A site's own model is a first
 * draft: where it is short or on overtime its repair revises it, with its neighbours' people, and
 * that is where the plan is decided, so the repair of a site with a shortfall gets more. HiGHS
 * finds its plans at the root node and in the first few thousand LP iterations; the rest mostly
 * proves its bound, so more work mostly buys a proof, not a better plan. The limits were chosen with
 * bench `plan` on its 50-site company and eight demo-sized ones, and checked on the demo's history with
 * `plan-history` (docs/bench/2026-11-26-plan-work-limits.md).
 *
 * A site short of nothing but on overtime gets a site model's work for its repair (`crossSite` is
 * the work of a repair of a site that step 1 left short): what it can gain is overtime traded for a
 * neighbour's block, and a block's move costs about an hour of overtime (weights.crossSite 60 and
 * 0.05 a km against 1 an overtime minute, less an idle helper's 20), so the gains are small and
 * the solver's time goes to the shortfalls instead (bench `plan`, before and after:
 * docs/bench/2026-11-27-plan-work-limits.md).
 */
export const PLAN_WORK: { site: SolveWork; crossSite: SolveWork; wholeDay: SolveWork } = {
  site: { lpIterations: 3_000, nodes: 200 },
  crossSite: { lpIterations: 8_000, nodes: 200 },
  // The whole company from the decomposition's plan, on a day it leaves items short that the day's bound covers or states
  // a wide gap. Searched near its LP relaxation (planHighs.ts): over the whole model, HiGHS spent this work at the root and
  // found less (docs/bench/2026-11-29-plan-whole-day-neighbourhood.md).
  wholeDay: { lpIterations: 40_000, nodes: 500, nearRelaxation: true },
};

/**
 * A plan stated further than this from the day's bound is tried again as the whole company in one model: the
 * decomposition alone leaves plans well above the day's best on ordinary days too, not only on days with items short
 * (docs/bench/2026-11-28-plan-exact.md). A plan closer to its bound keeps its speed.
 */
const WHOLE_DAY_GAP = 0.05;

/**
 * HiGHS seeds the whole-day step searches with, from each of its two starts: the seed is counted work too, so the plan
 * stays the same on any machine. A second seed found a cheaper plan on 20 of the demo's last 60 days (10-20 −14.6 %, 08-18
 * −12.5 %, 08-25 −8.4 %) for about a fifth more solving over the 60 days (docs/bench/2026-11-29-plan-company-rules.md).
 */
const WHOLE_DAY_SEEDS = 2;

/** Above this many options the whole company in one model is too big to solve in a manager's wait (the 50-site bench). */
const WHOLE_DAY_MAX_OPTIONS = 60_000;

/**
 * Tomorrow's staffing plan. Decomposed in two steps, because one flat model over every
 * operator, block and reachable demand is too big for HiGHS in WebAssembly at 5,000
 * operators (measured: see test/bench/planSolver.ts):
 *   1. each site alone, with its own people: small models, and most sites are done here;
 *   2. each site left with a shortfall or overtime, with helpers from its
 *      `crossSiteNearest` nearest sites (lendingScope): their idle blocks, and blocks at home on
 *      a demand planned above its target, up to that surplus. The repair starts from the plan so
 *      far and is taken only when the weighted cost of its sites' people and demands goes down
 *      (the rest of the plan is the same with it or without).
 * Step 2 repairs one needy site at a time rather than each group of overlapping neighbourhoods
 * whole: at 50 sites the groups join into one model too large to improve within its limit. Tried
 * and dropped: aggregating operators into classes (too few alike to matter), and fixing the LP
 * relaxation's near-whole values before solving the rest (the fixed people leave targets the others
 * cannot fill). What was measured: docs/bench/2026-11-23-plan-decomposition.md.
 * Exact when there is no shortfall or overtime anywhere (no site wants help, remote work costs);
 * otherwise a site that helps must be a near neighbour of the one it helps, and only what it can
 * spare is lent. Models with a shortfall may end on their work limit: their gap at the root is a
 * few % (see planHighs.ts).
 * The models run on every core the machine has (planSolvePool), and the plan is byte for byte the
 * one a single thread makes (planThreads.test.ts); bench `plan` times the 50-site company on one
 * thread and on all (docs/bench/2026-11-27-plan-work-limits.md).
 * `whole`: then every site in one model, each helped by its nearest sites, started from that plan
 * and kept where it costs less, solved until its plan's cost is within `gap` (a share) of itself
 * above its bound: the reference the bench measures the decomposition against offline
 * (`plan-exact`), with work far beyond what a manager waits for. Its gap is then that model's alone.
 */
export async function solvePlan(p: PlanProblem, o: { whole?: { work: SolveWork; gap: number }; pool?: PlanSolvePool } = {}): Promise<PlanSolution> {
  const t0 = performance.now();
  const limits = p.work ?? PLAN_WORK;
  const pool = o.pool ?? planSolvePool;
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
  const solve = (group: string[], scope: PlanScope, work: SolveWork, start?: ChosenBlock[]): Promise<Solved> => solveScope(p, group, scope, work, pool, start);

  // Step 1: every site alone, all at once (planSolvePool): no site's model reads another's. Each
  // site's plan joins the plan as its model finishes (the plan is kept in plan order, so the order
  // they finish in changes nothing).
  const bySite = new Map<string, ScopePlan>();
  const ownModels: (Solved['model'] | null)[] = sites.map(() => null);
  let chosen: ChosenBlock[] = [];
  const alone = new Map(
    sites.map((site, k) => [
      site,
      solve(
        [site],
        scopeOf([site], () => false),
        limits.site,
      ).then(({ plan, model }) => {
        ownModels[k] = model;
        if (!plan) failed = true;
        else {
          bySite.set(site, plan);
          chosen = inPlanOrder([...chosen, ...plan.chosen]);
        }
      }),
    ]),
  );
  // Step 2: each needy site (short or on overtime after step 1), in name order, with the people its
  // nearest neighbours can lend. A repair reads and changes only the plans of its own site and its
  // neighbours (its hood) and is judged on them alone, so it waits only for its hood's own plans and
  // for the sites before it whose hoods share a site with its own (their repairs, or, for one that
  // needs none, its step 1 that says so): the rest changes nothing it reads, whether it comes before
  // or after. The plan is therefore the same on any number of cores and whatever order the models
  // finish in (planThreads.test.ts), and by the same argument the one repairing site after site
  // makes. Waiting for every earlier repair instead kept a core idle behind a long repair elsewhere,
  // and waiting for every site's step 1 before the first repair kept one idle behind step 1's last
  // models, so a repair starts as soon as what it reads is in (measured: docs/bench/
  // 2026-11-26-plan-work-limits.md and 2026-11-27-plan-cold-start.md).
  const staffed = sites.filter((s) => (opsOf.get(s) ?? []).length > 0);
  const hoods = [...sites].sort().map((site) => ({ site, near: nearestSites(p, staffed, site) }));
  const shares = (a: (typeof hoods)[number], b: (typeof hoods)[number]): boolean => [a.site, ...a.near].some((s) => s === b.site || b.near.has(s));
  const repairs: (Solved['model'] | null)[] = hoods.map(() => null);
  const taken: Promise<void>[] = [];
  hoods.forEach((hood, k) => {
    const earlier = taken.filter((_, j) => shares(hoods[j]!, hood));
    taken.push(
      alone.get(hood.site)!.then(async () => {
        const own = bySite.get(hood.site);
        if (!own?.needy.has(hood.site) || hood.near.size === 0) return;
        await Promise.all([...[...hood.near].map((s) => alone.get(s)!), ...earlier]);
        const repair = lendingScope(p, chosen, hood.site, hood.near, opsOf, demandsOf);
        if (repair.helpers.size === 0) return;
        const mine = new Set(repair.scope.operators);
        const start = chosen.filter((c) => mine.has(c.option.op) && !c.option.cross);
        // A site that step 1 left short gets a short site's repair work; one left on overtime only, a site model's (PLAN_WORK).
        const solved = await solve([hood.site, ...hood.near], repair.scope, own.short.has(hood.site) ? limits.crossSite : limits.site, start);
        repairs[k] = solved.model;
        if (!solved.plan) return;
        const moved = new Set(solved.plan.chosen.filter((c) => c.option.cross).map((c) => `${c.option.op}:${c.block}`));
        const candidate = inPlanOrder([
          ...chosen.filter((c) => !(mine.has(c.option.op) && !repair.helpers.has(c.option.op)) && !moved.has(`${c.option.op}:${c.block}`)),
          ...solved.plan.chosen,
        ]);
        // Judged on the hood's people and demands alone: the rest of the plan is the same in both
        // and may meanwhile have changed elsewhere (other repairs), which must not tip the choice.
        const hoodSites = new Set([hood.site, ...hood.near]);
        const only = { operators: (op: number) => hoodSites.has(p.operators[op]!.site), demands: (d: number) => hoodSites.has(p.demands[d]!.site) };
        const cost = (plan: ChosenBlock[]): number =>
          evaluatePlan(
            p,
            plan.filter((c) => only.operators(c.option.op) || only.demands(c.option.demand)),
            only,
          ).objective.weighted;
        // A repair may lend a site's checker (its home is not in the repair's model): such a plan is not taken.
        if (cost(candidate) < cost(chosen) - 1e-6 && !breaksFinalCheck(p, candidate)) chosen = candidate;
      }),
    );
  });
  // Every model settles before the plan ends (none keeps the pool busy after it), and a failure is the first in site order, not the first in time.
  const settled = await Promise.allSettled([...alone.values(), ...taken]);
  const failure = settled.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  for (const model of ownModels) if (model) models.push(model);
  for (const model of repairs) if (model) models.push(model);
  // The day's lower bound: the whole company's LP relaxation (dayBound.ts), solved beside the reference when there is one.
  const dayBound = dayLowerBound(p, pool);
  if (o.whole) {
    // The reference: every site in one model, each helped by its nearest sites, from the plan above.
    const costGap = { share: o.whole.gap, offset: idleOffset(p) };
    const { plan: whole, model } = await solveScope(p, sites, wholeDayScope(p), { ...o.whole.work, costGap }, pool, chosen);
    if (model) models.push(model);
    if (whole && keepsRules(p, whole.chosen) && evaluatePlan(p, whole.chosen).objective.weighted < evaluatePlan(p, chosen).objective.weighted - 1e-6)
      chosen = inPlanOrder(whole.chosen);
  }
  const lp = await dayBound;
  // Items short that the day's relaxation covers, or a cost far above the day's bound: the decomposition may have missed a
  // plan that lends across sites (a person with overtime at home lent to a short site, say). The whole company in one model,
  // started from this plan, finds it within a counted work limit; kept only where it costs less.
  const found = evaluatePlan(p, chosen).objective;
  // Without help across sites (「拠点間の移動なし」) the whole model is the sites' own models side by side: nothing to find.
  const missed =
    lp !== null &&
    p.policy.crossSiteNearest > 0 &&
    (found.shortfallItems - lp.shortItems >= 1 || (found.weighted - lp.cost) / Math.max(1, Math.abs(found.weighted)) > WHOLE_DAY_GAP);
  if (missed && !o.whole) {
    const scope = wholeDayScope(p);
    if (planOptions(p, scope).length <= WHOLE_DAY_MAX_OPTIONS) {
      // Side by side on the pool: from the decomposition's plan, and from nothing (near the relaxation alone), each with
      // WHOLE_DAY_SEEDS seeds. Within a work limit the search stays near its start, and which start leads to the cheaper
      // plan differs from day to day by tens of % either way (docs/bench/2026-11-29-plan-overtime-by-speed.md); the
      // cheapest is kept, the first on a tie.
      const work = limits.wholeDay ?? PLAN_WORK.wholeDay;
      const tries = await Promise.all(
        Array.from({ length: WHOLE_DAY_SEEDS }, (_, seed) => [
          solveScope(p, sites, scope, { ...work, seed }, pool, chosen),
          solveScope(p, sites, scope, { ...work, seed }, pool, []),
        ]).flat(),
      );
      for (const { plan: whole, model } of tries) {
        if (model) models.push(model);
        if (whole && keepsRules(p, whole.chosen) && evaluatePlan(p, whole.chosen).objective.weighted < evaluatePlan(p, chosen).objective.weighted - 1e-6)
          chosen = inPlanOrder(whole.chosen);
      }
    }
  }
  const evaluated = evaluatePlan(p, chosen);
  const cost = evaluated.objective.weighted;
  // A model's own MIP bound is no bound of the day: it counts overtime at the slowest speed on a demand, which any plan's
  // people beat. The relaxation counts it at the fastest, so no plan costs less than it.
  const bound = lp?.cost ?? null;
  // The gap is measured against the day, never against a sub-model's bound: the most a better plan of the day could save,
  // as a share of this plan's cost. Optimal only when that is proven nil (within the solver's own tolerance).
  const gap = bound === null ? 0 : Math.max(0, cost - bound) / Math.max(1, Math.abs(cost));
  const status = failed ? 'failed' : gap <= DAY_GAP_PROVEN ? 'optimal' : models.some((m) => m.status !== 'optimal') ? 'work-limit' : 'unproven';
  return {
    status,
    gap,
    bound,
    boundShortItems: lp?.shortItems ?? null,
    ...evaluated,
    finalCheckGaps: finalCheckGaps(p, chosen),
    models,
    ms: performance.now() - t0,
  };
}

/** A gap this small is the solvers' tolerance, not a better plan: the plan is proven the day's best. */
const DAY_GAP_PROVEN = 1e-3;

/**
 * Whether every site that lends someone keeps all its targets, as the plan's people will really work (the model shares
 * overtime per demand, and may count minutes a person's day has no room for): the company's rule that a move never makes
 * the site it comes from miss its deadline; and no checked process worked without its final check where it could be kept
 * (finalCheck.ts).
 */
function keepsRules(p: PlanProblem, chosen: ChosenBlock[]): boolean {
  const lenders = new Set(chosen.filter((c) => c.option.cross).map((c) => p.operators[c.option.op]!.site));
  return evaluatePlan(p, chosen).demands.every((d) => !lenders.has(d.site) || d.shortfallItems < 0.5) && !breaksFinalCheck(p, chosen);
}

/** A plan's blocks by operator, then AM before PM: the order its figures are summed in, whatever order the repairs were taken in. */
function inPlanOrder(chosen: ChosenBlock[]): ChosenBlock[] {
  return chosen.sort((a, b) => a.option.op - b.option.op || (a.block === b.block ? 0 : a.block === 'am' ? -1 : 1));
}

function groupIndex(keys: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  keys.forEach((k, i) => out.set(k, [...(out.get(k) ?? []), i]));
  return out;
}
