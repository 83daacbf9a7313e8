import { afterAll, describe, expect, it } from 'vitest';
import { PlanSolvePool } from '../../../main/plan/planSolvePool.js';
import type { PlanSolution } from '../../../main/plan/planSolution.js';
import { PLAN_WORK, solvePlan } from '../../../main/plan/solvePlan.js';
import { largePlanCompany } from '../../bench/planCompany.js';

/** One thread whose answers come back after 0–190 ms, by the model's text: a longer model is not the later one. */
class LateAnswers extends PlanSolvePool {
  constructor() {
    super(1);
  }
  override async solve(...args: Parameters<PlanSolvePool['solve']>): ReturnType<PlanSolvePool['solve']> {
    const result = await super.solve(...args);
    await new Promise((resolve) => setTimeout(resolve, ((args[0].length * 7919) % 20) * 10));
    return result;
  }
}

/** Everything a plan says but the milliseconds it took. */
const text = (s: PlanSolution): string => JSON.stringify({ ...s, ms: 0, models: s.models.map((m) => ({ ...m, ms: 0 })) });

/**
 * Issue 40: a plan's models run on several cores (planSolvePool), and the plan must be the one a
 * single core makes, byte for byte: the sites' own models in any order, and each repair after the
 * earlier repairs that share one of its sites (those that share none may be taken before or after it,
 * and finish in any order).
 */
describe('the plan on several threads', () => {
  const one = new PlanSolvePool(1);
  const three = new PlanSolvePool(3);
  afterAll(() => Promise.all([one.close(), three.close()]));

  it('is the plan of one thread, on a company whose repairs partly overlap', async () => {
    // 14 sites, 420 operators: twelve sites want help, and some of their neighbourhoods share no site, so their repairs run at once.
    // The whole-day step with less work than a manager's plan: every path is taken, its four searches included, in a
    // fraction of the time (this test is of the order, not of the plan's quality).
    const p = { ...largePlanCompany(11, 14, 420), work: { ...PLAN_WORK, wholeDay: { lpIterations: 5_000, nodes: 50, nearRelaxation: true } } };
    const threaded = await solvePlan(p, { pool: three });
    const repairs = threaded.models.filter((m) => m.sites.length > 1).map((m) => new Set(m.sites));
    const apart = repairs.some((a, i) => repairs.slice(i + 1).some((b) => ![...a].some((s) => b.has(s))));
    expect(repairs.length).toBeGreaterThan(2);
    // The whole-day step ran: its four searches (two starts, two seeds) over the 14 sites.
    expect(threaded.models.filter((m) => m.sites.length === 14)).toHaveLength(4);
    expect(apart).toBe(true);
    const single = await solvePlan(p, { pool: one });
    expect(text(threaded)).toBe(text(single));
    // Repairs that share no site may be taken in any order: here each solve's answer is held back
    // for a while set by its model, so they finish in another order than they started.
    const scrambled = await solvePlan(p, { pool: new LateAnswers() });
    expect(text(scrambled)).toBe(text(threaded));
  }, 180_000);
});
