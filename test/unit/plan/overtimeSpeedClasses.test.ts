import { describe, expect, it } from 'vitest';
import { wholeDayScope } from '../../../main/plan/dayBound.js';
import { buildPlanModel, planOptions } from '../../../main/plan/planModel.js';
import { solveLp } from '../../../main/plan/planHighs.js';
import { demand, op, problem } from './planFixtures.js';

const WORK = { lpIterations: 20_000, nodes: 200 };

/**
 * Site A's two people do 480 items each in their day and may stay 60 minutes more; A's demand wants 1,060, so 100 items
 * of overtime cover it. B, 25 km away, has one idle person skilled for the same work at a tenth of the speed.
 */
const day = problem([op(1, 'A'), op(2, 'A'), op(3, 'B', { perHour: 6 })], [demand('A', 1060)], { maxOvertimeMinutes: 60 });

describe('overtime counted by class of speed (the whole-day model)', () => {
  it("covers the demand with its own people's overtime although a slow helper could come: no items short, nobody sent", async () => {
    const scope = wholeDayScope(day);
    const options = planOptions(day, scope);
    // The slow helper is an option of the model: one overtime column at the slowest speed counted A's 120 minutes as 12 items.
    expect(options.some((o) => o.cross)).toBe(true);
    const model = buildPlanModel(day, scope, options);
    const solved = await solveLp(model.lp, WORK);
    expect(solved.status).toBe('optimal');
    const v = (name: string): number => solved.values!.get(name) ?? 0;
    expect(v(model.short(0))).toBeCloseTo(0, 6);
    options.forEach((o, i) => {
      if (o.cross) expect([v(model.x(i, 'am')), v(model.x(i, 'pm'))]).toEqual([0, 0]);
    });
    // A's minutes are in the fast class, counted at a minute an item: the 100 items take 100 minutes, no more.
    const minutes = model
      .overtime(0, 'am')
      .concat(model.overtime(0, 'pm'))
      .reduce((m, name) => m + v(name), 0);
    expect(minutes).toBeCloseTo(100, 6);
  });

  it('keeps the slow helper in a class of its own, so a fast class never counts a slow minute at its speed', () => {
    const scope = wholeDayScope(day);
    const options = planOptions(day, scope);
    const model = buildPlanModel(day, scope, options);
    const helper = options.findIndex((o) => o.cross);
    const fast = options.findIndex((o) => !o.cross);
    expect(model.overtimeOf(helper, 'pm')).not.toBeNull();
    expect(model.overtimeOf(helper, 'pm')).not.toBe(model.overtimeOf(fast, 'pm'));
    expect(model.overtime(0, 'pm')).toHaveLength(2);
  });
});
