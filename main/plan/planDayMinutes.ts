import type { PlanBlock, PlanDay, PlanDemand, PlanOperator, PlanPolicy, PlanSkill } from './planProblem.js';

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Minutes of a block: 09:00–12:00 is 180, 13:00–18:00 is 300. */
export function blockMinutes(day: PlanDay, block: PlanBlock): number {
  return block === 'am' ? day.lunchStartMinute - day.startMinute : day.endMinute - day.lunchEndMinute;
}

/** A skill the plan may use: the person's usual process at any level, another at minSkill or above, with a speed. */
export const mayWork = (s: PlanSkill, policy: Pick<PlanPolicy, 'minSkill'>): boolean => (s.skill >= policy.minSkill || s.usual === true) && s.perHour > 0;

/** 「経験6か月未満のオペレータは拠点間の応援に出さない」: less experience than newcomerMonths on every process they have. */
export const newcomer = (o: Pick<PlanOperator, 'skills'>, policy: Pick<PlanPolicy, 'newcomerMonths'>): boolean =>
  Math.max(0, ...o.skills.map((s) => s.experienceMonths)) < policy.newcomerMonths;

/** A block a person attends and whose length their day allows: what the plan counts idle when it is left empty. */
export const workable = (day: PlanDay, o: Pick<PlanOperator, 'blocks' | 'maxWorkMinutes'>, b: PlanBlock): boolean =>
  o.blocks[b] && blockMinutes(day, b) <= o.maxWorkMinutes;

/** Minutes of a block that fall before `deadline`: the AM fully when the deadline is after lunch, the PM up to the deadline. */
export function minutesBefore(day: PlanDay, block: PlanBlock, deadline: number): number {
  return block === 'am'
    ? clamp(Math.min(deadline, day.lunchStartMinute) - day.startMinute, 0, blockMinutes(day, 'am'))
    : clamp(Math.min(deadline, day.endMinute) - day.lunchEndMinute, 0, blockMinutes(day, 'pm'));
}

/**
 * Whether late overtime (after the end of the day) counts towards a deadline: only for a
 * deadline at or after the end, which is read as the day's close (so a deadline of exactly
 * 18:00 takes the work done after 18:00; the brief of this engine decided so).
 */
export const lateCounts = (day: PlanDay, deadline: number): boolean => deadline >= day.endMinute;

/** Early overtime (早出) comes before the day starts, so it counts towards every deadline after the start. */
export const earlyCounts = (day: PlanDay, deadline: number): boolean => deadline > day.startMinute;

/** Items the plan aims for: p50 plus a share of the spread to p80. */
export const targetOf = (d: PlanDemand, policy: PlanPolicy): number => Math.max(0, d.p50 + policy.bufferShare * Math.max(0, d.p80 - d.p50));

/** A normal distribution's p90 from its p50 and p80: z(0.9) / z(0.8) = 1.2816 / 0.8416. */
const P90_PER_P80_SPREAD = 1.2816 / 0.8416;

/** The high forecast a plan's P90 finish is judged on: the p50→p80 spread read as a normal distribution's. */
export const p90Of = (d: Pick<PlanDemand, 'p50' | 'p80'>): number => d.p50 + P90_PER_P80_SPREAD * Math.max(0, d.p80 - d.p50);

/** km between two sites, either direction; 0 for the same site, `farKm` for a pair not in the table. */
export function distanceKm(policy: PlanPolicy, a: string, b: string): number {
  if (a === b) return 0;
  return policy.distancesKm[a]?.[b] ?? policy.distancesKm[b]?.[a] ?? policy.farKm;
}

/** Months of experience the policy prefers on a process (0: no preference). */
export function preferredMonths(policy: PlanPolicy, process: string): number {
  return Math.max(0, ...policy.preferredExperience.filter((p) => process.startsWith(p.processPrefix)).map((p) => p.months));
}
