import { describe, expect, it } from 'vitest';
import { GenbaError } from '../../../main/errors.js';
import { highsSolver, solveEnd } from '../../../main/highsSolver.js';
import { solveMoves, type MoveProblem } from '../../../main/placement/placementSolver.js';
import type { Candidate, DonorCapacity } from '../../../main/placement/placementSituation.js';
import { whatIfAnswer } from '../../../main/chat/whatIfTexts.js';
import type { WhatIfOutcome } from '../../../main/placement/moveWhatIf.js';

/** Thirty operators at thirty sites, the faster the dearer with some noise: a knapsack that branch and bound needs several nodes for. */
const candidates: Candidate[] = Array.from({ length: 30 }, (_, i) => ({
  id: i + 1,
  name: `op${i + 1}`,
  site: `s${i}`,
  skill: 4,
  experienceMonths: 24,
  perHour: 20 + ((i * 37) % 41),
  mainProcess: 'p',
  mainPerHour: 30,
  todayProcess: null,
  recentMoves: 0,
}));
const costs = new Map(candidates.map((c, i) => [c.id, c.perHour / 10 + ((i * 53) % 17) / 7]));
const knapsack: MoveProblem = { candidates, donors: [], deficitPerMinute: 7.77, minMoves: 0, maxMoves: 12, cost: (c) => costs.get(c.id)! };

/** A site that can spare 0.2 items a minute of p, where each of its operators does 0.5. */
const tight: DonorCapacity = { site: 's0', process: 'p', currentPerMinute: 5, requiredPerMinute: 4.8, sparePerMinute: 0.2 };

/** Each HiGHS run below is real: the highs package is HiGHS compiled to WebAssembly. */
describe('how a HiGHS solve ended, read one way (highsSolver.solveEnd)', () => {
  const end = async (lp: string, options: Record<string, unknown> = {}) => {
    const h = await highsSolver();
    const model = h.createModel({ format: 'lp', data: lp });
    try {
      model.options.set({ output_flag: false, presolve: 'off', ...options });
      model.run();
      return solveEnd(h, model);
    } finally {
      model.dispose();
    }
  };

  it('optimal, infeasible, stopped by a limit with a solution in hand, and unbounded each say what they are', async () => {
    expect(await end(['Minimize', ' obj: x + y', 'Subject To', ' c: x + y >= 1', 'Binaries', ' x y', 'End'].join('\n'))).toEqual({ kind: 'optimal' });
    expect(await end(['Minimize', ' obj: x + y', 'Subject To', ' a: x + y >= 3', ' b: x + y <= 1', 'Binaries', ' x y', 'End'].join('\n'))).toEqual({
      kind: 'infeasible',
    });
    expect(await end(['Minimize', ' obj: -x', 'Subject To', ' c: x - y <= 1', 'End'].join('\n'))).toEqual({ kind: 'failed', status: 'unbounded' });
    // A 30-item knapsack with two capacities, stopped after one node: a solution, not a proof.
    const x = Array.from({ length: 30 }, (_, i) => i);
    const knapsackLp = [
      'Maximize',
      ` obj: ${x.map((i) => `${41 + ((i * 104729) % 97)} x${i}`).join(' + ')}`,
      'Subject To',
      ` a: ${x.map((i) => `${37 + ((i * 7919) % 101)} x${i}`).join(' + ')} <= 1001`,
      ` b: ${x.map((i) => `${((41 + ((i * 104729) % 97)) * 3) % 89} x${i}`).join(' + ')} <= 977`,
      'Binaries',
      ` ${x.map((i) => `x${i}`).join(' ')}`,
      'End',
    ].join('\n');
    expect(await end(knapsackLp, { mip_max_nodes: 1, mip_rel_gap: 0 })).toEqual({ kind: 'limited' });
    expect(await end(knapsackLp, { mip_rel_gap: 0 })).toEqual({ kind: 'optimal' });
    // No node at all: neither a solution nor a proof.
    expect(await end(knapsackLp, { mip_max_nodes: 0 })).toEqual({ kind: 'failed', status: 'solutionLimit' });
  });
});

describe('the move optimizer reports what HiGHS found (solveMoves)', () => {
  it('proves its moves optimal when the search completes', async () => {
    const r = await solveMoves(knapsack);
    expect(r.status).toBe('optimal');
    expect(r.chosen.length).toBeGreaterThan(0);
    expect(r.uncoveredPerMinute).toBeCloseTo(0, 9);
  });

  it('stopped by its node limit, it returns the moves found and says they are not proven the best', async () => {
    const r = await solveMoves(knapsack, { nodes: 1 });
    expect(r.status).toBe('limited');
    expect(r.chosen.length).toBeGreaterThan(0);
    // The moves found still cover the shortage: a plan, only not proven the cheapest.
    expect(r.chosen.reduce((a, c) => a + c.perHour / 60, 0) + r.uncoveredPerMinute).toBeGreaterThanOrEqual(knapsack.deficitPerMinute - 1e-9);
  });

  it('an exact count the giving sites cannot spare is infeasible, not an empty optimum', async () => {
    const r = await solveMoves({
      candidates: candidates.slice(0, 2),
      donors: [tight],
      deficitPerMinute: 1,
      minMoves: 0,
      maxMoves: 2,
      exactMoves: 2,
      cost: () => 1,
    });
    expect(r.status).toBe('infeasible');
    expect(r.chosen).toEqual([]);
    // Without the donors' limit the same two can move.
    const free = await solveMoves({
      candidates: candidates.slice(0, 2),
      donors: [],
      deficitPerMinute: 1,
      minMoves: 0,
      maxMoves: 2,
      exactMoves: 2,
      cost: () => 1,
    });
    expect(free.status).toBe('optimal');
    expect(free.chosen).toHaveLength(2);
  });

  it('a limit reached before any answer is an error that names the status, not an infeasible problem', async () => {
    // Any two of two can move, but with no node allowed HiGHS stops holding neither an answer nor a proof.
    const problem = { candidates: candidates.slice(0, 2), donors: [], deficitPerMinute: 1, minMoves: 0, maxMoves: 2, exactMoves: 2, cost: () => 1 };
    const error = await solveMoves(problem, { nodes: 0 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GenbaError);
    expect((error as GenbaError).code).toBe('SOLVER_FAILED');
    expect((error as GenbaError).messageIn('en')).toBe('The move optimizer found no answer (HiGHS: solutionLimit).');
    expect((error as GenbaError).messageIn('ja')).toBe('移動の最適化が解を出せませんでした（HiGHS: solutionLimit）。');
  });
});

describe('the texts say which it is', () => {
  const outcome = (notProvenBest: boolean): WhatIfOutcome => ({
    target: {
      site: '札幌',
      process: 'エントリ1',
      businessId: '611040',
      remaining: 120,
      snapshotTime: 0,
      deadline: 3_600_000,
      projectedFinish: 3_900_000,
      minutesLate: 5,
    } as WhatIfOutcome['target'],
    change: { people: 1, from: null },
    movers: [candidates[0]!],
    short: 0,
    beyondSpare: false,
    notProvenBest,
    switchMinutes: 2,
    before: { perMinute: 5, finish: 3_900_000, minutesLate: 5 },
    after: { perMinute: 5.3, finish: 3_700_000, minutesLate: 2 },
    donors: [],
  });

  it('a what-if from a search stopped at its limit says its movers are not proven the best; a proven one does not', () => {
    const o = { lang: 'en' as const, timeZone: 'Asia/Tokyo', businessNames: {} };
    expect(whatIfAnswer(outcome(true), 3, o)).toContain('not proven the best');
    expect(whatIfAnswer(outcome(false), 3, o)).not.toContain('not proven');
    expect(whatIfAnswer(outcome(true), 3, { ...o, lang: 'ja' })).toContain('最善とは証明されていません');
  });
});
