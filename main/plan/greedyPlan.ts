import type { ChosenBlock } from './evaluatePlan.js';
import { minutesBefore, targetOf } from './planDayMinutes.js';
import type { PlanOption } from './planModel.js';
import type { PlanProblem } from './planProblem.js';
import { blockMinutes } from './planDayMinutes.js';
import { checkersAtWork, checkGroupOf, checks } from './finalCheck.js';

/**
 * A quick plan to start HiGHS from: block by block, the people with the fewest options
 * first, each on what lacks the most items (to the target, then to p80); cheaper options
 * win ties. Never optimal; it only makes sure that a work-limited solve starts from a sound
 * plan instead of whatever its own heuristics reach first (on a loaded machine, very little).
 */
export function greedyPlan(p: PlanProblem, options: PlanOption[]): ChosenBlock[] {
  const { day, policy } = p;
  const need = new Map<number, { target: number; p80: number }>();
  for (const o of options) {
    const d = p.demands[o.demand]!;
    need.set(o.demand, { target: targetOf(d, policy), p80: Math.max(d.p80, targetOf(d, policy)) });
  }
  const byOp = new Map<number, PlanOption[]>();
  for (const o of options) byOp.set(o.op, [...(byOp.get(o.op) ?? []), o]);
  const ops = [...byOp.keys()].sort((a, b) => byOp.get(a)!.length - byOp.get(b)!.length || a - b);
  const chosen: ChosenBlock[] = [];
  const atWork = checkersAtWork(p);
  for (const block of ['am', 'pm'] as const) {
    const free = (op: number): boolean => {
      const o = p.operators[op]!;
      if (!o.blocks[block] || blockMinutes(day, block) > o.maxWorkMinutes) return false;
      return !(block === 'pm' && o.blocks.am && blockMinutes(day, 'am') + blockMinutes(day, 'pm') > o.maxWorkMinutes);
    };
    // The final check first (finalCheck.ts): one of a site's own at the rule's level on each checked process with work,
    // so that the others may join it below; the model's rows reject a start without one.
    const taken = new Set<number>();
    const checked = new Set<string>();
    for (const op of ops) {
      if (!free(op)) continue;
      const mine = byOp.get(op)!.filter((option) => checks(p, option) && !checked.has(checkGroupOf(p, option.demand)!) && need.get(option.demand)!.target > 0);
      const option = mine.sort((a, b) => need.get(b.demand)!.target - need.get(a.demand)!.target)[0];
      if (!option) continue;
      const items = option.perMinute * minutesBefore(day, block, p.demands[option.demand]!.deadlineMinute);
      if (items <= 0) continue;
      chosen.push({ option, block, overtime: 0 });
      taken.add(op);
      checked.add(checkGroupOf(p, option.demand)!);
      need.get(option.demand)!.target -= items;
      need.get(option.demand)!.p80 -= items;
    }
    for (const op of ops) {
      if (taken.has(op) || !free(op)) continue;
      let best: { option: PlanOption; score: number; items: number } | null = null;
      for (const option of byOp.get(op)!) {
        // Nobody joins a checked process without its checker where the site has one at work.
        const group = checkGroupOf(p, option.demand);
        if (group !== null && !checked.has(group) && atWork.has(`${group}\u0000${block}`)) continue;
        const items = option.perMinute * minutesBefore(day, block, p.demands[option.demand]!.deadlineMinute);
        if (items <= 0) continue;
        const n = need.get(option.demand)!;
        // Items towards the target count a thousand times those towards p80: the objective's order.
        const useful = 1000 * Math.min(items, Math.max(0, n.target)) + Math.min(items, Math.max(0, n.p80));
        const score = useful - option.blockCost;
        if (!best || score > best.score) best = { option, score, items };
      }
      if (!best || (best.option.cross && best.score <= 0)) continue;
      chosen.push({ option: best.option, block, overtime: 0 });
      const n = need.get(best.option.demand)!;
      n.target -= best.items;
      n.p80 -= best.items;
    }
  }
  return chosen;
}
