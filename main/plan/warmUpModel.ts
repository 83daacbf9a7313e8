import type { SolveWork } from './planHighs.js';
import { buildPlanModel, planOptions } from './planModel.js';
import { planPolicy, STANDARD_DAY, type PlanOperator, type PlanProblem } from './planProblem.js';

/**
 * A made-up site that one solver thread solves while a cold plan reads its inputs
 * (PlanSolvePool.prestart): V8 runs HiGHS's WebAssembly in its baseline tier until its hot code
 * has run a while, and the optimized code then serves every thread of the process. Without it
 * the plan's first models paid for that; a longer warm-up slowed the reading of the inputs by as
 * much as it saved (bench `plan`: docs/bench/2026-11-27-plan-cold-start.md). It is built as a plan's own models are (buildPlanModel: 48 people on
 * four processes, eight demands about as large as they can do), so that presolve, cuts and the
 * sub-MIP heuristics all run; its answer is thrown away. Fixed numbers, no randomness: the same model in
 * every process.
 */
export function warmUpModel(): { lp: string; work: SolveWork } {
  const processes = ['p1', 'p2', 'p3', 'p4'];
  const operators: PlanOperator[] = Array.from({ length: 48 }, (_, i) => ({
    id: i + 1,
    name: `w${i + 1}`,
    site: 'S',
    skills: processes
      .filter((_, k) => (i + k) % 3 !== 0)
      .map((process, k) => ({ process, skill: 2 + ((i * 7 + k) % 4), perHour: 40 + ((i * 13 + k * 5) % 30), experienceMonths: 6 + ((i * 5 + k) % 40) })),
    blocks: { am: i % 11 !== 0, pm: i % 13 !== 0 },
    maxWorkMinutes: 540,
  }));
  const demands = processes.flatMap((process, k) =>
    [900, 1080].map((deadlineMinute, j) => ({ site: 'S', businessId: `b${j}`, process, p50: 1650 + 260 * k, p80: 1950 + 260 * k, deadlineMinute })),
  );
  const p: PlanProblem = {
    day: STANDARD_DAY,
    operators,
    demands,
    policy: planPolicy({ minSkill: 3, preferredExperience: [], finalCheck: [], newcomerMonths: 0, distancesKm: {} }),
  };
  const scope = { operators: operators.map((_, i) => i), demands: demands.map((_, i) => i), crossAllowed: () => false };
  return { lp: buildPlanModel(p, scope, planOptions(p, scope)).lp, work: { lpIterations: 150, nodes: 20 } };
}
