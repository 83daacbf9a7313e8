import { GenbaError } from '../errors.js';
import { highsSolver, solveEnd } from '../highsSolver.js';
import type { Candidate, DonorCapacity } from './placementSituation.js';

const solver = highsSolver;
/** Far beyond what a move problem needs (the demo's solve in a few ms, a handful of nodes); a bound that any machine reaches at the same place. */
const MAX_NODES = 50_000;

/**
 * Loads the solver and runs one small move problem through it at start-up: WebAssembly
 * compiles lazily, so the first solve would otherwise pay for the compilation (docs/bench/2026-11-26-start-up-costs.md).
 */
export async function warmSolver(): Promise<void> {
  try {
    await solver();
    // A problem of the real one's shape (40 operators, 4 donor groups) takes the solver's usual paths.
    const candidates: Candidate[] = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      name: '',
      site: `s${i % 4}`,
      skill: 3 + (i % 3),
      experienceMonths: 12 + i,
      perHour: 30 + (i % 7),
      mainProcess: 'p',
      mainPerHour: 30 + (i % 5),
      todayProcess: null,
      recentMoves: 0,
    }));
    const donors = [0, 1, 2, 3].map((k) => ({ site: `s${k}`, process: 'p', currentPerMinute: 5, requiredPerMinute: 4, sparePerMinute: 1 + k }));
    for (const minMoves of [0, 3]) await solveMoves({ candidates, donors, deficitPerMinute: 1.2, minMoves, maxMoves: 6, cost: (c) => 10 + c.id / 10 });
  } catch {
    // A solver that cannot load fails the first real request with its own error.
  }
}

export interface MoveProblem {
  candidates: Candidate[];
  donors: DonorCapacity[];
  /** Items per minute the target lacks. */
  deficitPerMinute: number;
  minMoves: number;
  maxMoves: number;
  /** For what-ifs: exactly this many moves, whatever the other targets. */
  exactMoves?: number;
  /** Per-candidate cost: distance, experience, fairness (lower is preferred). */
  cost: (c: Candidate) => number;
}

export interface MoveSolution {
  /**
   * optimal: the best moves, proven; limited: the best found when the node limit stopped the
   * search, not proven the best; infeasible: no set of exactly `exactMoves` people fits what
   * the donors can spare, and `chosen` is empty. Any other end (unbounded, a limit reached
   * before any answer, a solver error) throws SOLVER_FAILED naming HiGHS's status.
   */
  status: 'optimal' | 'limited' | 'infeasible';
  chosen: Candidate[];
  /** Items per minute of the deficit left uncovered, and people short of minMoves. */
  uncoveredPerMinute: number;
  missingMoves: number;
  ms: number;
}

// Uncovered work outweighs any mix of preferences, and too few people outweighs preferences too.
const UNCOVERED_PENALTY = 10_000;
const MISSING_MOVE_PENALTY = 1_000;

const num = (v: number): string => (Number.isFinite(v) ? Number(v.toFixed(6)).toString() : '1e30');

/**
 * The move as an integer program: one binary per qualified operator elsewhere.
 *   minimize   Σ cost·x + big·uncovered + big·missing
 *   subject to Σ speed·x + uncovered ≥ deficit          (cover the shortage)
 *              Σ x + missing ≥ minMoves, Σ x ≤ maxMoves (policy)
 *              per donor site and process: Σ speed there·x ≤ what it can spare
 * Shortage and policy are soft so that an impossible request still yields the best partial
 * answer with exact figures; the donor constraints are hard: no site is stripped below its need.
 */
export async function solveMoves(p: MoveProblem, limits: { nodes: number } = { nodes: MAX_NODES }): Promise<MoveSolution> {
  const t0 = performance.now();
  const usable = prune(
    p.candidates.filter((c) => spareOf(p.donors, c) > 0),
    p,
  );
  if (usable.length === 0 || (p.exactMoves !== undefined && p.exactMoves > usable.length)) {
    return {
      status: p.exactMoves !== undefined && p.exactMoves > 0 ? 'infeasible' : 'optimal',
      chosen: [],
      uncoveredPerMinute: Math.max(0, p.deficitPerMinute),
      missingMoves: p.minMoves,
      ms: performance.now() - t0,
    };
  }
  const x = (c: Candidate): string => `x${c.id}`;
  const objective = usable.map((c) => `${num(p.cost(c))} ${x(c)}`);
  const rows: string[] = [];
  rows.push(`cover: ${usable.map((c) => `${num(c.perHour / 60)} ${x(c)}`).join(' + ')} + uncovered >= ${num(Math.max(0, p.deficitPerMinute))}`);
  if (p.exactMoves !== undefined) {
    rows.push(`exact: ${usable.map(x).join(' + ')} = ${p.exactMoves}`);
  } else {
    rows.push(`atleast: ${usable.map(x).join(' + ')} + missing >= ${p.minMoves}`);
    rows.push(`atmost: ${usable.map(x).join(' + ')} <= ${p.maxMoves}`);
  }
  p.donors.forEach((d, i) => {
    if (!Number.isFinite(d.sparePerMinute)) return;
    const from = usable.filter((c) => c.site === d.site && c.mainProcess === d.process);
    if (from.length > 0) rows.push(`donor${i}: ${from.map((c) => `${num(c.mainPerHour / 60)} ${x(c)}`).join(' + ')} <= ${num(d.sparePerMinute)}`);
  });
  const lp = [
    'Minimize',
    ` obj: ${objective.join(' + ')} + ${UNCOVERED_PENALTY} uncovered + ${MISSING_MOVE_PENALTY} missing`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Bounds',
    ' uncovered >= 0',
    ' missing >= 0',
    'Binaries',
    ` ${usable.map(x).join(' ')}`,
    'End',
  ].join('\n');
  // Tiny models: presolve costs more than it saves (measured on the demo: docs/bench/2026-11-26-start-up-costs.md).
  // Bounded by nodes, not seconds: a proposal asked twice is the same on a busy machine (docs/bench/2026-11-25-plan-stopping-rules.md).
  const h = await solver();
  const model = h.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({ output_flag: false, mip_max_nodes: limits.nodes, mip_rel_gap: 0, presolve: 'off' });
    model.run();
    const end = solveEnd(h, model);
    // Shortage and policy are soft, so only an exact count can make the moves infeasible: anything else is a fault, said as one.
    if (end.kind === 'infeasible' && p.exactMoves !== undefined)
      return { status: 'infeasible', chosen: [], uncoveredPerMinute: p.deficitPerMinute, missingMoves: p.minMoves, ms: performance.now() - t0 };
    if (end.kind === 'infeasible' || end.kind === 'failed') {
      const status = end.kind === 'failed' ? end.status : end.kind;
      throw new GenbaError(
        'SOLVER_FAILED',
        { ja: `移動の最適化が解を出せませんでした（HiGHS: ${status}）。`, en: `The move optimizer found no answer (HiGHS: ${status}).` },
        { detail: lp },
      );
    }
    const { numCols } = model.getDimensions();
    const colValue = model.getSolution().colValue;
    const values = new Map(Array.from({ length: numCols }, (_, i) => [model.getColName(i), colValue[i]!]));
    const value = (name: string): number => values.get(name) ?? 0;
    return {
      status: end.kind,
      chosen: usable.filter((c) => value(x(c)) > 0.5),
      uncoveredPerMinute: value('uncovered'),
      missingMoves: p.exactMoves === undefined ? Math.round(value('missing')) : 0,
      ms: performance.now() - t0,
    };
  } finally {
    model.dispose();
  }
}

/** Whether moving all of `set` leaves every donor site and process within what it can spare. */
export function fitsDonors(donors: DonorCapacity[], set: Candidate[]): boolean {
  const load = new Map<DonorCapacity, number>();
  for (const c of set) {
    const d = donors.find((x) => x.site === c.site && x.process === c.mainProcess);
    if (!d || !Number.isFinite(d.sparePerMinute)) continue;
    load.set(d, (load.get(d) ?? 0) + c.mainPerHour / 60);
  }
  return [...load].every(([d, used]) => used <= d.sparePerMinute + 1e-9);
}

/** What the candidate's own site can spare on the process they work on now. */
export function spareOf(donors: DonorCapacity[], c: Candidate): number {
  return donors.find((d) => d.site === c.site && d.process === c.mainProcess)?.sparePerMinute ?? Infinity;
}

/**
 * Drops candidates that cannot be in any optimum: those with more than maxMoves others in
 * the same donor group that are at least as cheap, as fast here and as light on their own
 * site. Whatever solution holds such a candidate has a dominating one left over to swap in.
 * Candidates whose site has no limit on their process form one group. Exact.
 */
function prune(cs: Candidate[], p: MoveProblem): Candidate[] {
  const limit = Math.max(p.maxMoves, p.exactMoves ?? 0) + 1;
  const cost = new Map(cs.map((c) => [c.id, p.cost(c)]));
  const group = new Map(cs.map((c) => [c.id, Number.isFinite(spareOf(p.donors, c)) ? `${c.site}\u0000${c.mainProcess}` : '']));
  return cs.filter((c) => {
    let dominators = 0;
    for (const d of cs) {
      if (d === c || group.get(d.id) !== group.get(c.id)) continue;
      const [cd, cc] = [cost.get(d.id)!, cost.get(c.id)!];
      // Without a donor limit, what someone's own site loses does not matter.
      const light = group.get(c.id) === '' ? 0 : c.mainPerHour - d.mainPerHour;
      const noWorse = cd <= cc && d.perHour >= c.perHour && light >= 0;
      // Equal candidates dominate in id order, so that a group of twins keeps `limit` of them.
      const better = cd < cc || d.perHour > c.perHour || light > 0 || d.id < c.id;
      if (noWorse && better) dominators++;
      if (dominators >= limit) return false;
    }
    return true;
  });
}
