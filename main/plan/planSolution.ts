import type { FinalCheckGap } from './finalCheck.js';
import type { PlanBlock, PlanDemand } from './planProblem.js';

export interface PlanAssignment {
  operatorId: number;
  block: PlanBlock;
  site: string;
  businessId: string;
  process: string;
  /** Worked remotely for another site than their own. */
  crossSite: boolean;
}

export interface PlanOvertime {
  operatorId: number;
  /** 早出 before the start, and after the end of the day. */
  earlyMinutes: number;
  lateMinutes: number;
  minutes: number;
}

export interface PlannedDemand extends PlanDemand {
  target: number;
  /** Items the plan finishes by the deadline (its blocks' minutes before it, overtime that counts). */
  plannedItems: number;
  /** plannedItems by block: what the morning's and the afternoon's people do by the deadline, their overtime that counts included. */
  itemsByBlock: Record<PlanBlock, number>;
  shortfallItems: number;
  /** People on it per block. */
  people: Record<PlanBlock, number>;
  /**
   * Minute (after midnight) by which the people on it would finish p50 items, and a p90
   * estimate: the spread p50→p80 read as a normal distribution's (p90 = p50 + 1.523 × (p80 − p50)).
   * The people keep working on it after the deadline until their block ends; null: not within the day.
   */
  finishP50Minute: number | null;
  finishP90Minute: number | null;
}

/** The plan's cost by part: counts and minutes as they are, and their weighted sum in the objective. */
export interface PlanObjectiveParts {
  shortfallItems: number;
  bufferGapItems: number;
  /** Items short of the P90 above P80 by the deadline: what makes a series late one day in ten. */
  p90GapItems: number;
  overtimeMinutes: number;
  crossSiteBlocks: number;
  crossSiteKm: number;
  /** Σ over worked blocks of (skill − minSkill). */
  skillWasteLevels: number;
  inexperiencedBlocks: number;
  idleBlocks: number;
  weighted: number;
}

export interface PlanSolution {
  /**
   * optimal: proven the day's best (its cost within 0.1 % of the day's bound); unproven: every model solved, but the day's
   * bound leaves room; work-limit: a model stopped on its work limit with the best plan it found; failed: a model had no plan.
   */
  status: 'optimal' | 'unproven' | 'work-limit' | 'failed';
  /**
   * How far the plan may be from the best plan of the day: its weighted cost above the day's bound (`bound`), as a share
   * of its cost (0.01 = 1 %). An upper limit: the best plan may be closer.
   */
  gap: number;
  /** The lower bound of the day's cost the gap is measured against (dayBound.ts: the whole company's LP relaxation); null: no work to plan. */
  bound: number | null;
  /** Items the bound's relaxation leaves short, all demands together: below the plan's, another plan may cover more. */
  boundShortItems: number | null;
  assignments: PlanAssignment[];
  /** Half days a checked process is worked without its final check (finalCheck.ts): where none of the site's own at the rule's level is at work. */
  finalCheckGaps: FinalCheckGap[];
  overtime: PlanOvertime[];
  demands: PlannedDemand[];
  objective: PlanObjectiveParts;
  /** The models solved: per-site ones, then cross-site repairs over neighbouring sites; `lpIterations`: the work each was given (PLAN_WORK, the problem's own `work`, or the `whole` reference's). `ms`: each model's time where solvePlan is called itself (the bench); 0 in a plan from the planning service, which keeps solutions to give again (computedResults.ts). */
  models: { sites: string[]; columns: number; ms: number; status: string; gap: number; costGap: number; bound: number; lpIterations: number }[];
  ms: number;
}
