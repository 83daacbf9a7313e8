import type { UnassignedPerson } from '../api/planTypes.js';
import { blockMinutes, mayWork } from './planDayMinutes.js';
import type { PlanProblem } from './planProblem.js';
import type { PlanSolution } from './planSolution.js';

/**
 * Everyone at work that day whom the plan leaves without work in a block, with the reason, so
 * that a manager reading an empty morning cell knows it is meant (「午前の割当なし」 is a
 * question otherwise). The reasons are checked in the order the model would meet them: the
 * person's hours, then whether their site has work of theirs that day (work after its deadline
 * counts: the late items still get done); what is left was a choice of the plan (a work-limited
 * solve, or help elsewhere dearer than a free block).
 */
export function unassignedPeople(problem: PlanProblem, solution: Pick<PlanSolution, 'assignments'>): UnassignedPerson[] {
  const { day, policy } = problem;
  const worked = new Map<number, Set<string>>();
  for (const a of solution.assignments) worked.set(a.operatorId, (worked.get(a.operatorId) ?? new Set()).add(a.block));
  const out: UnassignedPerson[] = [];
  for (const o of problem.operators) {
    const mine = worked.get(o.id) ?? new Set<string>();
    for (const block of ['am', 'pm'] as const) {
      if (!o.blocks[block] || mine.has(block)) continue;
      const other = block === 'am' ? 'pm' : 'am';
      const used = mine.has(other) ? blockMinutes(day, other) : 0;
      const why: UnassignedPerson['why'] =
        used + blockMinutes(day, block) > o.maxWorkMinutes
          ? 'hours'
          : problem.demands.some((d) => d.site === o.site && o.skills.some((s) => s.process === d.process && mayWork(s, policy)))
            ? 'notNeeded'
            : 'noWork';
      out.push({ operatorId: o.id, name: o.name, site: o.site, block, why });
    }
  }
  return out;
}
