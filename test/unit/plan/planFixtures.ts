import { planPolicy, STANDARD_DAY, type PlanDemand, type PlanOperator, type PlanPolicy, type PlanProblem } from '../../../main/plan/planProblem.js';

/** An operator at 60 items/hour (one a minute) on `process` at `skill`. */
export function op(id: number, site: string, over: Partial<PlanOperator> & { skill?: number; process?: string; perHour?: number } = {}): PlanOperator {
  const { skill = 3, process = 'エントリ1', perHour = 60, ...rest } = over;
  return {
    id,
    name: `op${id}`,
    site,
    skills: [{ process, skill, perHour, experienceMonths: 36 }],
    blocks: { am: true, pm: true },
    maxWorkMinutes: 540,
    ...rest,
  };
}

/** A demand with no spread (target = p50) due at `deadline` (18:00 unless told). */
export function demand(site: string, items: number, over: Partial<PlanDemand> = {}): PlanDemand {
  return { site, businessId: 'b1', businessName: 'SS', process: 'エントリ1', p50: items, p80: items, deadlineMinute: 1080, ...over };
}

export function problem(operators: PlanOperator[], demands: PlanDemand[], policy: Partial<PlanPolicy> = {}): PlanProblem {
  return {
    day: STANDARD_DAY,
    operators,
    demands,
    policy: planPolicy({ minSkill: 3, preferredExperience: [], finalCheck: [], newcomerMonths: 0, distancesKm: { A: { B: 25, C: 900 } } }, policy),
  };
}
