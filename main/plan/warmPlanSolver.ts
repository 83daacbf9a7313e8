import { planPolicy, STANDARD_DAY, type PlanOperator, type PlanProblem } from './planProblem.js';
import { solvePlan } from './solvePlan.js';

/**
 * Runs a small plan of the real one's shape (two sites, a shortfall, a neighbour to help) at
 * start-up: WebAssembly compiles lazily and the plan's model paths warm on first use, so the
 * manager's first plan would otherwise pay a second or more for them.
 */
export async function warmPlanSolver(): Promise<void> {
  try {
    const operators: PlanOperator[] = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      name: '',
      site: i < 8 ? 'a' : 'b',
      skills: [
        { process: 'p', skill: 3 + (i % 3), perHour: 30 + (i % 5), experienceMonths: 12 + i, usual: i % 2 === 0 },
        { process: 'q', skill: 2 + (i % 3), perHour: 25 + (i % 4), experienceMonths: 6 + i, usual: i % 2 === 1 },
      ],
      blocks: { am: true, pm: i % 5 !== 0 },
      maxWorkMinutes: 600,
    }));
    const demands = [
      { site: 'a', businessId: 'x', process: 'p', p50: 900, p80: 980, deadlineMinute: 960 },
      { site: 'a', businessId: 'x', process: 'q', p50: 500, p80: 560, deadlineMinute: 960 },
      { site: 'b', businessId: 'x', process: 'p', p50: 200, p80: 230, deadlineMinute: 1020 },
    ];
    const problem: PlanProblem = {
      day: STANDARD_DAY,
      operators,
      demands,
      policy: planPolicy({ minSkill: 3, preferredExperience: [], finalCheck: [], newcomerMonths: 0, distancesKm: { a: { b: 20 } } }),
    };
    await solvePlan(problem);
  } catch {
    // A solver that cannot load fails the first real plan with its own error.
  }
}
