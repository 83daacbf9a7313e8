import { highsSolver } from '../highsSolver.js';

const solver = highsSolver;

/**
 * Gaps at which a solve stops. Measured on the bench's companies: a site with a shortfall has a
 * root gap of a few % (person-blocks of 180–300 minutes cannot fill every target exactly, the LP
 * can), which no gap short of tens of items closes, so those models end on their time limit
 * whatever the gap; the sites without one prove optimality 3–5× sooner with an absolute gap of one
 * idle block (20) than of one overtime minute (1), at the same objective on the demo.
 */
const MIP_REL_GAP = 1e-3;
const MIP_ABS_GAP = 20;

export interface HighsResult {
  status: 'optimal' | 'time-limit' | 'none';
  /** Column values by name; null when the solve found no plan at all. */
  values: Map<string, number> | null;
  objective: number;
}

/**
 * Solves LP text, starting from `start` (column values by name) when given: a time limit
 * then leaves a plan at least as good as the start.
 */
export async function solveLp(lp: string, timeLimitSeconds: number, start?: Map<string, number>): Promise<HighsResult> {
  const h = await solver();
  const model = h.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: MIP_REL_GAP, mip_abs_gap: MIP_ABS_GAP });
    const { numCols } = model.getDimensions();
    const names = Array.from({ length: numCols }, (_, i) => model.getColName(i));
    if (start) model.setSolution({ colValue: Float64Array.from(names, (n) => start.get(n) ?? 0) });
    model.run();
    const code = model.getModelStatus();
    const s = h.constants.modelStatus;
    const limited = code === s.timeLimit || code === s.iterationLimit || code === s.interrupted || code === s.solutionLimit;
    if (code !== s.optimal && !(limited && model.info.get('primal_solution_status') === h.constants.solutionStatus.feasible)) {
      return { status: 'none', values: null, objective: Infinity };
    }
    const colValue = model.getSolution().colValue;
    const values = new Map(names.map((n, i) => [n, colValue[i]!]));
    return { status: code === s.optimal ? 'optimal' : 'time-limit', values, objective: model.getObjectiveValue() };
  } finally {
    model.dispose();
  }
}
