import type { ChosenBlock } from './evaluatePlan.js';
import { blockMinutes } from './planDayMinutes.js';
import type { PlanBlock, PlanProblem } from './planProblem.js';

/**
 * Shares each demand's overtime minutes out to the people on it in that block, fastest first,
 * each up to what the policy and their day still leave them. Early minutes go first; whole
 * minutes only. A person on two demands with overtime (early on one, late on another) may get
 * less than the model counted on: the plan's figures come from what is shared, not the model.
 */
export function shareOvertime(p: PlanProblem, chosen: ChosenBlock[], overtime: { demand: number; block: PlanBlock; minutes: number }[]): void {
  const worked = new Map<number, number>();
  for (const c of chosen) worked.set(c.option.op, (worked.get(c.option.op) ?? 0) + blockMinutes(p.day, c.block));
  const given = new Map<number, number>();
  for (const ot of overtime.filter((o) => o.minutes > 0.5).sort((a, b) => (a.block === b.block ? 0 : a.block === 'am' ? -1 : 1))) {
    let left = Math.round(ot.minutes);
    const people = chosen.filter((c) => c.option.demand === ot.demand && c.block === ot.block).sort((a, b) => b.option.perMinute - a.option.perMinute);
    for (const c of people) {
      const o = p.operators[c.option.op]!;
      const room = Math.max(0, Math.min(p.policy.maxOvertimeMinutes, o.maxWorkMinutes - worked.get(c.option.op)!) - (given.get(c.option.op) ?? 0));
      const take = Math.min(left, Math.floor(room));
      if (take <= 0) continue;
      c.overtime += take;
      given.set(c.option.op, (given.get(c.option.op) ?? 0) + take);
      left -= take;
      if (left <= 0) break;
    }
  }
}
