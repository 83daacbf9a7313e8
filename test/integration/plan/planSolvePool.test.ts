import { afterAll, describe, expect, it } from 'vitest';
import { solveLp } from '../../../main/plan/planHighs.js';
import { PlanSolvePool } from '../../../main/plan/planSolvePool.js';
import { warmUpModel } from '../../../main/plan/warmUpModel.js';

const WORK = { lpIterations: 10_000, nodes: 100 };
/** max x + y with x + 2y ≤ 4, x ≤ 3, both integers: x = 3, y = 0 (objective 3). */
const LP = ['Maximize', ' obj: x + y', 'Subject To', ' c1: x + 2 y <= 4', 'Bounds', ' 0 <= x <= 3', ' 0 <= y <= 3', 'General', ' x y', 'End'].join('\n');

/** The plan's solver threads: a model HiGHS refuses fails alone, and the pool goes on with a fresh thread. */
describe('PlanSolvePool', () => {
  const pool = new PlanSolvePool(2);
  afterAll(() => pool.close());

  it('solves on worker threads, fails a model whose options it refuses, and solves the next one', async () => {
    const first = await pool.solve(LP, WORK);
    expect(first.status).toBe('optimal');
    expect(first.objective).toBe(3);
    // An option HiGHS refuses makes the thread answer with an error.
    await expect(pool.solve(LP, { lpIterations: 1, nodes: -1 })).rejects.toThrow();
    const [a, b, c] = await Promise.all([pool.solve(LP, WORK), pool.solve(LP, WORK), pool.solve(LP, WORK)]);
    for (const r of [a, b, c]) expect(r.values?.get('x')).toBe(3);
  });

  it('prestarts its threads once (they load HiGHS, the first also solves the warm-up model) and solves on them', async () => {
    await pool.close();
    pool.prestart();
    pool.prestart();
    expect(pool.startedThreads).toBe(2);
    const [a, b] = await Promise.all([pool.solve(LP, WORK), pool.solve(LP, WORK)]);
    for (const r of [a, b]) expect(r.values?.get('x')).toBe(3);
    expect(pool.startedThreads).toBe(2);
  });

  it('starts new threads after close', async () => {
    await pool.close();
    expect((await pool.solve(LP, WORK)).values?.get('y')).toBe(0);
  });

  it("warms up on a made-up site of a plan's own shape, the same model every time, which HiGHS solves to a plan within its small work", async () => {
    const m = warmUpModel();
    expect(warmUpModel().lp).toBe(m.lp);
    expect(m.lp).toContain('Binaries');
    expect(m.work.lpIterations).toBeLessThanOrEqual(1_000);
    const r = await solveLp(m.lp, m.work);
    expect(r.status).not.toBe('none');
    expect([...r.values!.values()].some((v) => v > 0.5)).toBe(true);
  });
});
