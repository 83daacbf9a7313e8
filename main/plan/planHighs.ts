import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | null = null;
/** HiGHS compiled to WebAssembly: loaded once per process, then each solve is a fresh model. */
const solver = (): Promise<Highs> => (highs ??= loadHighs());

export interface HighsResult {
  status: 'optimal' | 'time-limit' | 'none';
  /** Column values by name; null when the solve found no plan at all. */
  values: Map<string, number> | null;
  objective: number;
}

/**
 * Solves LP text, starting from `start` (column values by name) when given: a time limit
 * then leaves a plan at least as good as the start. The absolute gap of 1 is one overtime
 * minute, finer than any preference that matters to a manager; the relative gap of 1e-4
 * forgives a fraction of an item when a shortfall dominates the objective, where closing the
 * last of the gap is a subset-sum search over speeds that can take seconds for nothing.
 */
export async function solveLp(lp: string, timeLimitSeconds: number, start?: Map<string, number>): Promise<HighsResult> {
  const h = await solver();
  const model = h.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 1e-4, mip_abs_gap: 1 });
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
