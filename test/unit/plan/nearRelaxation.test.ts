import { describe, expect, it } from 'vitest';
import { solveLp } from '../../../main/plan/planHighs.js';

const WORK = { lpIterations: 10_000, nodes: 100 };
/**
 * max 52a + 50b + 40c with 3a + 3b + 2.5c ≤ 5.5, all binary. The relaxation takes a whole and b at 5/6 (93.7) and leaves c
 * at zero; the best plan is a and c (92), which uses the column the relaxation leaves out.
 */
const LP = ['Maximize', ' obj: 52 a + 50 b + 40 c', 'Subject To', ' c1: 3 a + 3 b + 2.5 c <= 5.5', 'Binaries', ' a b c', 'End'].join('\n');

describe('a search near the LP relaxation (the whole-day step)', () => {
  it('holds out what the relaxation leaves at zero at a cost, and states the relaxation as its bound and its gap to it', async () => {
    const full = await solveLp(LP, WORK);
    expect(full).toMatchObject({ status: 'optimal', objective: 92 });
    const near = await solveLp(LP, { ...WORK, nearRelaxation: true });
    // Only a and b are open: a alone (52), not a with c.
    expect(near.objective).toBe(52);
    expect(near.values!.get('c')).toBe(0);
    // The bound is the relaxation's, at or above the best plan of the whole model (a maximum), and the gap is to it.
    expect(near.bound).toBeCloseTo(52 + 50 * (2.5 / 3), 9);
    expect(near.bound).toBeGreaterThanOrEqual(full.objective);
    expect(near.gap).toBeCloseTo((near.bound - 52) / 52, 9);
    // Its status is the neighbourhood's: no better plan among a and b.
    expect(near.status).toBe('optimal');
  });

  it("keeps the start's columns open: started from c alone, it finds a and c", async () => {
    const near = await solveLp(
      LP,
      { ...WORK, nearRelaxation: true },
      new Map([
        ['a', 0],
        ['b', 0],
        ['c', 1],
      ]),
    );
    expect(near.objective).toBe(92);
    expect([near.values!.get('a'), near.values!.get('b'), near.values!.get('c')]).toEqual([1, 0, 1]);
  });

  it('a model without a solution has none near its relaxation either', async () => {
    const none = ['Maximize', ' obj: a', 'Subject To', ' c1: a >= 2', 'Binaries', ' a', 'End'].join('\n');
    expect(await solveLp(none, { ...WORK, nearRelaxation: true })).toMatchObject({ status: 'none', values: null });
  });
});
