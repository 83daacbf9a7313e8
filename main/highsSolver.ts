export type Highs = Awaited<ReturnType<typeof import('highs').default>>;
export type HighsModel = ReturnType<Highs['createModel']>;

let highs: Promise<Highs> | null = null;

/**
 * HiGHS compiled to WebAssembly, loaded once per process and shared by the move optimizer
 * and the staffing plan: one module to compile and warm, not one per caller. Each solve
 * creates its own model. Its glue code (170 kB) loads with the first solve, not with the
 * app: a `genba ask` that moves nobody never reads it.
 */
export const highsSolver = (): Promise<Highs> => (highs ??= import('highs').then((m) => m.default()));

/**
 * How a solve ended, read one way by the move optimizer and the plan:
 * - `optimal`: proven optimal (within the gaps the caller set);
 * - `limited`: stopped by a limit the caller set (nodes, LP iterations, time, an interrupt)
 *   with a feasible solution in hand: a usable answer, not proven the best;
 * - `infeasible`: proven to have no solution;
 * - `failed`: neither a solution to use nor a proof (unbounded, infeasible-or-unbounded, a
 *   limit reached before any solution, an error); `status` is HiGHS's own name for it.
 */
export type SolveEnd = { kind: 'optimal' } | { kind: 'limited' } | { kind: 'infeasible' } | { kind: 'failed'; status: string };

export function solveEnd(h: Highs, model: HighsModel): SolveEnd {
  const s = h.constants.modelStatus;
  const code = model.getModelStatus();
  if (code === s.optimal) return { kind: 'optimal' };
  if (code === s.infeasible) return { kind: 'infeasible' };
  // HiGHS reports mip_max_nodes reached as a solution limit.
  const limits: number[] = [s.timeLimit, s.iterationLimit, s.solutionLimit, s.interrupted];
  if (limits.includes(code) && model.info.get('primal_solution_status') === h.constants.solutionStatus.feasible) return { kind: 'limited' };
  return { kind: 'failed', status: Object.entries(s).find(([, v]) => v === code)?.[0] ?? String(code) };
}
