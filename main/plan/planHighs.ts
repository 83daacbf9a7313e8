import { highsSolver, solveEnd, type Highs, type HighsModel } from '../highsSolver.js';

const solver = highsSolver;

/**
 * Gaps at which a solve stops. A site with a shortfall has a root gap of a few % (person-blocks of
 * 180–300 minutes cannot fill every target exactly, the LP can), which no gap short of tens of items
 * closes; a site without one proves optimality sooner with an absolute gap of one idle block (20)
 * than of one overtime minute (1), at the same objective (bench `plan`:
 * docs/bench/2026-11-25-plan-stopping-rules.md).
 */
const MIP_REL_GAP = 1e-3;
const MIP_ABS_GAP = 20;

/**
 * How much work a solve may do before it stops with the best plan so far, counted by HiGHS itself:
 * LP iterations (all of branch and bound's LPs together) and nodes. Never seconds: a plan stopped
 * on a clock depends on how busy the machine is (identical data gave different plans by load:
 * docs/bench/2026-11-25-plan-stopping-rules.md). Counts are the same on a quiet or a busy
 * machine, so the same inputs give the same plan. HiGHS in WebAssembly runs on one thread with a
 * fixed random seed; its heuristics and cuts are scheduled by counts too.
 */
export interface SolveWork {
  lpIterations: number;
  nodes: number;
  /**
   * Stop instead when the best plan's cost is within `share` of itself above the bound, its cost
   * being the objective plus `offset` (the offline reference: 1 % of the plan's cost). HiGHS's own
   * relative gap is of the objective, which counts each worked block's reward (−idleBlock) and so
   * reads far smaller than the same distance against the plan's cost.
   */
  costGap?: { share: number; offset: number };
  /** Solve the LP relaxation instead (every binary between 0 and 1), to its optimum: a lower bound of the MIP (dayBound.ts). */
  relaxation?: boolean;
  /**
   * Search only near the LP relaxation: solve it first, then the MIP with every integer column that the relaxation leaves
   * at zero at a cost (a positive reduced cost), and the start does not use, held at zero (after RENS, Berthold 2014). On
   * a model as large as the whole company's day, HiGHS spends its work at the root cutting and looking for a first good
   * plan; the options left (an eighth of them on the demo's days) hold a plan as good or better on most days, found in a
   * fraction of the time (bench
   * `plan-history`: docs/bench/2026-11-29-plan-whole-day-neighbourhood.md). The status is then the neighbourhood's
   * (optimal: no better plan among the options left), and the bound and gap the relaxation's: the neighbourhood's own
   * bound proves nothing of the options held out.
   */
  nearRelaxation?: boolean;
  /** HiGHS's random seed (0 unless told): another seed searches elsewhere from the same start, as deterministically. */
  seed?: number;
}

export interface HighsResult {
  /** optimal: within the gaps above; work-limit: stopped by SolveWork with the best plan found; none: no plan. */
  status: 'optimal' | 'work-limit' | 'none';
  /** Column values by name; null when the solve found no plan at all. */
  values: Map<string, number> | null;
  objective: number;
  /** HiGHS's proven bound on the objective, and the relative gap reached to it (optimal may leave up to the gaps above). */
  bound: number;
  gap: number;
  /** HiGHS's time, reading the text included (reported only: nothing stops on it). */
  ms: number;
}

/**
 * Solves LP text, starting from `start` (column values by name) when given: a work limit then
 * leaves a plan at least as good as the start.
 */
export async function solveLp(lp: string, work: SolveWork, start?: Map<string, number>): Promise<HighsResult> {
  const h = await solver();
  const t = performance.now();
  const model = h.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({
      output_flag: false,
      mip_rel_gap: work.costGap ? 0 : MIP_REL_GAP,
      mip_abs_gap: work.costGap ? 0 : MIP_ABS_GAP,
      mip_max_nodes: work.nodes,
      random_seed: work.seed ?? 0,
      solve_relaxation: work.relaxation === true,
    });
    const { numCols } = model.getDimensions();
    const names = Array.from({ length: numCols }, (_, i) => model.getColName(i));
    const relaxed = work.nearRelaxation && !work.relaxation ? holdOutsideRelaxation(h, model, names, start) : null;
    if (relaxed === 'none') return { status: 'none', values: null, objective: Infinity, bound: -Infinity, gap: Infinity, ms: performance.now() - t };
    if (start) model.setSolution({ colValue: Float64Array.from(names, (n) => start.get(n) ?? 0) });
    let withinCostGap = false;
    model.run({
      [h.constants.callbackType.mipInterrupt](e) {
        const objective = Number(e.data.objective_function_value);
        const bound = Number(e.data.mip_dual_bound);
        if (work.costGap && Number.isFinite(objective) && objective - bound <= work.costGap.share * Math.abs(objective + work.costGap.offset)) {
          withinCostGap = true;
          e.interrupt();
        } else if (Number(e.data.mip_total_lp_iterations ?? 0) > work.lpIterations) e.interrupt();
      },
    });
    const end = solveEnd(h, model);
    if (end.kind === 'infeasible' || end.kind === 'failed') {
      return { status: 'none', values: null, objective: Infinity, bound: -Infinity, gap: Infinity, ms: performance.now() - t };
    }
    const colValue = model.getSolution().colValue;
    const values = new Map(names.map((n, i) => [n, colValue[i]!]));
    const objective = model.getObjectiveValue();
    // A relaxation's optimum is its own bound; a search near it is bounded by it, not by what the neighbourhood proved.
    const bound = work.relaxation ? objective : relaxed !== null ? relaxed.bound : Number(model.info.get('mip_dual_bound'));
    const reached = work.relaxation
      ? 0
      : relaxed !== null
        ? Math.abs(objective - bound) / Math.max(1e-9, Math.abs(objective))
        : Number(model.info.get('mip_gap'));
    const gap = Number.isFinite(reached) ? Math.max(0, reached) : Infinity;
    return { status: end.kind === 'optimal' || withinCostGap ? 'optimal' : 'work-limit', values, objective, bound, gap, ms: performance.now() - t };
  } finally {
    model.dispose();
  }
}

/**
 * Solves the model's LP relaxation, then holds at zero every integer column the relaxation leaves at zero at a cost and
 * the start does not use (nearRelaxation), and sets the model back to a MIP. 'none' when the relaxation has no solution (then
 * neither has the MIP).
 */
function holdOutsideRelaxation(h: Highs, model: HighsModel, names: string[], start: Map<string, number> | undefined): { bound: number } | 'none' {
  model.options.set({ solve_relaxation: true });
  model.run();
  if (h.constants.modelStatus.optimal !== model.getModelStatus()) return 'none';
  const bound = model.getObjectiveValue();
  const { colValue, colDual } = model.getSolution();
  names.forEach((name, i) => {
    if (model.getColIntegrality(i) === h.constants.variableType.continuous) return;
    // A column at zero with no reduced cost lies on the relaxation's optimal face as much as one it uses: it stays open.
    if (colValue[i]! <= 1e-6 && Math.abs(colDual[i]!) > 1e-7 && (start?.get(name) ?? 0) <= 0.5) model.changeColBounds(i, 0, 0);
  });
  model.options.set({ solve_relaxation: false });
  return { bound };
}
