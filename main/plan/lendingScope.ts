import { plannedItems, type ChosenBlock } from './evaluatePlan.js';
import { blockMinutes, minutesBefore, p90Of, targetOf } from './planDayMinutes.js';
import type { PlanScope } from './planModel.js';
import type { PlanBlock, PlanProblem } from './planProblem.js';

/**
 * The repair model of a needy site: its own people (all but those already lent elsewhere) and
 * its demands, plus helpers from its neighbours: people idle in a block, or whose block at home
 * works a demand planned above its target (that demand lends no more than its surplus). Helpers
 * with overtime at home, or already lent, stay as they are; a part-timer working at home is not
 * free in their other block. Far smaller than the neighbourhood's whole model (at 50 sites the
 * neighbourhoods overlap into one 40,000-option model that a time limit leaves unimproved).
 */
export function lendingScope(
  p: PlanProblem,
  chosen: ChosenBlock[],
  site: string,
  near: Set<string>,
  opsOf: Map<string, number[]>,
  demandsOf: Map<string, number[]>,
): { scope: PlanScope; helpers: NonNullable<PlanScope['helpers']> } {
  const { day, policy } = p;
  const w = policy.weights;
  const blocksOf = new Map<number, ChosenBlock[]>();
  for (const c of chosen) blocksOf.set(c.option.op, [...(blocksOf.get(c.option.op) ?? []), c]);
  const planned = plannedItems(p, chosen);
  const helpers: NonNullable<PlanScope['helpers']> = new Map();
  const limits = new Map<number, { terms: { op: number; block: PlanBlock; items: number }[]; max: number }>();
  for (const from of near) {
    for (const op of opsOf.get(from) ?? []) {
      const o = p.operators[op]!;
      const mine = blocksOf.get(op) ?? [];
      if (mine.some((c) => c.overtime > 0 || c.option.cross)) continue;
      const homeMinutes = mine.reduce((s, c) => s + blockMinutes(day, c.block), 0);
      const helper = { blocks: { am: false, pm: false }, maxWorkMinutes: o.maxWorkMinutes, moveCost: { am: 0, pm: 0 } };
      for (const b of ['am', 'pm'] as const) {
        if (!o.blocks[b]) continue;
        const home = mine.find((c) => c.block === b);
        if (!home) {
          if (homeMinutes + blockMinutes(day, b) > o.maxWorkMinutes) continue;
          helper.blocks[b] = true;
          continue;
        }
        const d = p.demands[home.option.demand]!;
        const [done, target] = [planned[home.option.demand]!, targetOf(d, policy)];
        const items = home.option.perMinute * minutesBefore(day, b, d.deadlineMinute);
        if (done - target < items - 1e-9) continue;
        helper.blocks[b] = true;
        // The move replaces the home block: its costs and reward go, and the items above the target it did.
        const p90Gap = (planned: number): number => Math.max(0, p90Of(d) - Math.max(planned, target, d.p80));
        helper.moveCost[b] =
          w.idleBlock -
          home.option.blockCost +
          w.bufferItem * Math.min(items, Math.max(0, d.p80 - (done - items))) +
          w.p90Item * (p90Gap(done - items) - p90Gap(done));
        const limit = limits.get(home.option.demand) ?? { terms: [], max: done - target };
        limit.terms.push({ op, block: b, items });
        limits.set(home.option.demand, limit);
      }
      if (helper.blocks.am || helper.blocks.pm) helpers.set(op, helper);
    }
  }
  const lent = new Set(chosen.filter((c) => c.option.cross).map((c) => c.option.op));
  const operators = [...(opsOf.get(site) ?? []).filter((op) => !lent.has(op)), ...helpers.keys()];
  return {
    scope: {
      operators,
      demands: demandsOf.get(site) ?? [],
      crossAllowed: (from, to) => to === site && near.has(from),
      helpers,
      lendLimits: [...limits.values()],
    },
    helpers,
  };
}
