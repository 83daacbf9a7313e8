import { earlyCounts, lateCounts, minutesBefore, p90Of, targetOf, workable } from './planDayMinutes.js';
import type { PlanOption } from './planModel.js';
import type { PlanBlock, PlanProblem } from './planProblem.js';
import type { PlanAssignment, PlanObjectiveParts, PlanOvertime, PlannedDemand } from './planSolution.js';
import { finishMinute, type WorkSpan } from './finishMinute.js';

/** One block of one operator's plan, with the overtime that extends it (early before an AM, late after a PM). */
export interface ChosenBlock {
  option: PlanOption;
  block: PlanBlock;
  overtime: number;
}

/** The items one block of a plan does by its demand's deadline, with its overtime where that counts before the deadline. */
export function blockItems(p: PlanProblem, c: ChosenBlock): number {
  const { day } = p;
  const d = p.demands[c.option.demand]!;
  const counts = c.block === 'am' ? earlyCounts(day, d.deadlineMinute) : lateCounts(day, d.deadlineMinute);
  return c.option.perMinute * (minutesBefore(day, c.block, d.deadlineMinute) + (counts ? c.overtime : 0));
}

/**
 * The items planned on each demand by its deadline, by demand index: evaluatePlan's plannedItems
 * (summed the same way, so the same numbers) without its other figures, for the repairs' reading of
 * the plan so far, which needs nothing else: at 50 sites evaluatePlan there took a large share of the main
 * thread's CPU beside the solver threads (profiled: docs/bench/2026-11-27-plan-cold-start.md).
 */
export function plannedItems(p: PlanProblem, chosen: ChosenBlock[]): number[] {
  const planned = p.demands.map(() => 0);
  for (const c of chosen) planned[c.option.demand]! += blockItems(p, c);
  return planned;
}

/**
 * The plan's figures computed from the chosen blocks alone, not from the model's variables:
 * items by each deadline, shortfall, finish projections and the cost by part. With `only`, the
 * cost counts only those demands' items and those operators' idle blocks (and the blocks given):
 * a part of the company judged on its own, without the rest's far larger sums to round against.
 */
export function evaluatePlan(
  p: PlanProblem,
  chosen: ChosenBlock[],
  only?: { operators: (op: number) => boolean; demands: (d: number) => boolean },
): { assignments: PlanAssignment[]; overtime: PlanOvertime[]; demands: PlannedDemand[]; objective: PlanObjectiveParts } {
  const { day, policy } = p;
  const w = policy.weights;
  const planned = p.demands.map(() => 0);
  const byBlock = p.demands.map(() => ({ am: 0, pm: 0 }));
  const people = p.demands.map(() => ({ am: 0, pm: 0 }));
  const spans: WorkSpan[][] = p.demands.map(() => []);
  const ot = new Map<number, PlanOvertime>();
  const assignments: PlanAssignment[] = [];
  let [crossSiteBlocks, crossSiteKm, skillWasteLevels, inexperiencedBlocks] = [0, 0, 0, 0];

  for (const c of chosen) {
    const o = p.operators[c.option.op]!;
    const d = p.demands[c.option.demand]!;
    const rate = c.option.perMinute;
    const items = blockItems(p, c);
    planned[c.option.demand]! += items;
    byBlock[c.option.demand]![c.block] += items;
    people[c.option.demand]![c.block]++;
    const [from, to] = c.block === 'am' ? [day.startMinute - c.overtime, day.lunchStartMinute] : [day.lunchEndMinute, day.endMinute + c.overtime];
    spans[c.option.demand]!.push({ from, to, perMinute: rate });
    assignments.push({ operatorId: o.id, block: c.block, site: d.site, businessId: d.businessId, process: d.process, crossSite: c.option.cross });
    if (c.option.cross) [crossSiteBlocks, crossSiteKm] = [crossSiteBlocks + 1, crossSiteKm + c.option.km];
    skillWasteLevels += Math.max(0, c.option.skill - policy.minSkill);
    if (c.option.inexperienced) inexperiencedBlocks++;
    if (c.overtime > 0) {
      const row = ot.get(o.id) ?? { operatorId: o.id, earlyMinutes: 0, lateMinutes: 0, minutes: 0 };
      row[c.block === 'am' ? 'earlyMinutes' : 'lateMinutes'] += c.overtime;
      row.minutes += c.overtime;
      ot.set(o.id, row);
    }
  }
  const worked = new Set(chosen.map((c) => `${c.option.op}:${c.block}`));
  let idleBlocks = 0;
  p.operators.forEach((o, i) => {
    if (only && !only.operators(i)) return;
    for (const b of ['am', 'pm'] as const) if (workable(day, o, b) && !worked.has(`${i}:${b}`)) idleBlocks++;
  });
  const demands: PlannedDemand[] = p.demands.map((d, i) => {
    const target = targetOf(d, policy);
    const p90 = p90Of(d);
    return {
      ...d,
      target,
      plannedItems: planned[i]!,
      itemsByBlock: byBlock[i]!,
      shortfallItems: Math.max(0, target - planned[i]!),
      people: people[i]!,
      finishP50Minute: finishMinute(spans[i]!, d.p50),
      finishP90Minute: finishMinute(spans[i]!, p90),
    };
  });
  const counted = only ? demands.filter((_, i) => only.demands(i)) : demands;
  const shortfallItems = counted.reduce((s, d) => s + d.shortfallItems, 0);
  const bufferGapItems = counted.reduce((s, d) => s + Math.max(0, d.p80 - Math.max(d.plannedItems, d.target)), 0);
  const p90GapItems = counted.reduce((s, d) => s + Math.max(0, p90Of(d) - Math.max(d.plannedItems, d.target, d.p80)), 0);
  const overtime = [...ot.values()];
  const overtimeMinutes = overtime.reduce((s, r) => s + r.minutes, 0);
  const weighted =
    w.shortfallItem * shortfallItems +
    w.bufferItem * bufferGapItems +
    w.p90Item * p90GapItems +
    w.overtimeMinute * overtimeMinutes +
    w.crossSite * crossSiteBlocks +
    w.crossSiteKm * crossSiteKm +
    w.skillWaste * skillWasteLevels +
    w.inexperienced * inexperiencedBlocks +
    w.idleBlock * idleBlocks;
  return {
    assignments,
    overtime,
    demands,
    objective: {
      shortfallItems,
      bufferGapItems,
      p90GapItems,
      overtimeMinutes,
      crossSiteBlocks,
      crossSiteKm,
      skillWasteLevels,
      inexperiencedBlocks,
      idleBlocks,
      weighted,
    },
  };
}
