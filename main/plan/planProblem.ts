/**
 * The input of tomorrow's staffing plan: who can work, what must be done by when, and the
 * policy that weighs the ways of getting there. Plain data; the solver does all the work.
 */

/** One process an operator may be given: their level, speed and experience on it. */
export interface PlanSkill {
  process: string;
  /** Level 1–5; below `PlanPolicy.minSkill` the process is never given to them. */
  skill: number;
  /** Registered speed, items per hour. */
  perHour: number;
  experienceMonths: number;
  /**
   * The process they normally work (their most experienced one): they may stay on it at any
   * level. minSkill is the level a move onto another process needs, as for the proposals.
   */
  usual?: boolean;
}

export type { PlanBlock } from '../api/planTypes.js';
import type { PlanBlock } from '../api/planTypes.js';

export interface PlanOperator {
  id: number;
  name: string;
  /** Their own site: work elsewhere is a remote (cross-site) assignment. */
  site: string;
  skills: PlanSkill[];
  /** Blocks they attend: paid leave known in advance makes a block unavailable. */
  blocks: Record<PlanBlock, boolean>;
  /** Daily limit of working minutes, overtime included. */
  maxWorkMinutes: number;
}

export type { PlanDemand } from '../api/planTypes.js';
import type { PlanDemand } from '../api/planTypes.js';

/** The working day, minutes after local midnight: AM is start–lunch, PM is lunch end–end. */
export interface PlanDay {
  startMinute: number;
  lunchStartMinute: number;
  lunchEndMinute: number;
  endMinute: number;
}

export interface PlanWeights {
  /** Per item short of the target: large enough to outweigh every preference together. */
  shortfallItem: number;
  /** Per item short of p80 above the target: only a tie-breaker for where spare people go. */
  bufferItem: number;
  /** Per item short of P90 above P80: the next tier, so that spare people go where a day in ten would be late. */
  p90Item: number;
  overtimeMinute: number;
  /** Per block worked at another site, plus per km between the two. */
  crossSite: number;
  crossSiteKm: number;
  /** Per block and per level above minSkill: keep the high levels for what only they can do. */
  skillWaste: number;
  /** Per block on a process whose preferred experience the operator lacks. */
  inexperienced: number;
  /** Per available block left without work: above the preferences, below a cross-site move. */
  idleBlock: number;
}

export interface PlanPolicy {
  /** An operator may be put on a process other than their usual one only at this level or above (the proposals' rule). */
  minSkill: number;
  /** Target = p50 + bufferShare × (p80 − p50). */
  bufferShare: number;
  /** Per person and day, early (早出) and late together. */
  maxOvertimeMinutes: number;
  /** km between sites (either direction may be given); a missing pair counts as `farKm`. */
  distancesKm: Record<string, Record<string, number>>;
  farKm: number;
  /** Remote work is offered only towards this many nearest other sites: the model stays small at 50 sites. */
  crossSiteNearest: number;
  /** 「エントリ工程は経験2年以上を優先」: processes starting with a prefix prefer this much experience. */
  preferredExperience: { processPrefix: string; months: number }[];
  /** The final check of a process (by prefix) is the site's own people's at this level or above (finalCheck.ts). */
  finalCheck: { processPrefix: string; level: number }[];
  /** People with less experience than this on every process help no other site. */
  newcomerMonths: number;
  weights: PlanWeights;
}

import type { SolveWork } from './planHighs.js';

export interface PlanProblem {
  day: PlanDay;
  operators: PlanOperator[];
  demands: PlanDemand[];
  policy: PlanPolicy;
  /**
   * Work HiGHS may do before the best plan found so far is taken (never seconds: planHighs.ts): `site` on one
   * site's model and on the repair of a site on overtime only, `crossSite` on the repair of a site left short.
   */
  work?: { site: SolveWork; crossSite: SolveWork; wholeDay?: SolveWork };
}

export const DEFAULT_PLAN_WEIGHTS: PlanWeights = {
  shortfallItem: 1000,
  bufferItem: 0.02,
  p90Item: 0.01,
  overtimeMinute: 1,
  crossSite: 60,
  crossSiteKm: 0.05,
  skillWaste: 1,
  inexperienced: 3,
  idleBlock: 20,
};

/** The policy with the config's placement section filled in; the rest at its defaults. */
export function planPolicy(
  placement: {
    minSkill: number;
    preferredExperience: { processPrefix: string; months: number }[];
    finalCheck: { processPrefix: string; level: number }[];
    newcomerMonths: number;
    distancesKm: Record<string, Record<string, number>>;
  },
  over: Partial<PlanPolicy> = {},
): PlanPolicy {
  return {
    minSkill: placement.minSkill,
    bufferShare: 0.5,
    maxOvertimeMinutes: 60,
    distancesKm: placement.distancesKm,
    farKm: 2000,
    crossSiteNearest: 5,
    preferredExperience: placement.preferredExperience,
    finalCheck: placement.finalCheck,
    newcomerMonths: placement.newcomerMonths,
    ...over,
    weights: { ...DEFAULT_PLAN_WEIGHTS, ...over.weights },
  };
}

/** The demo's 09:00–18:00 with lunch 12:00–13:00. */
export const STANDARD_DAY: PlanDay = { startMinute: 540, lunchStartMinute: 720, lunchEndMinute: 780, endMinute: 1080 };
