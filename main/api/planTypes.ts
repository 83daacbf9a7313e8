/**
 * The staffing plan and the workload forecast as the screens, the chat card and `--json` see
 * them. Declared here, in the contract, once: the core's planner and forecast produce these
 * shapes, and the renderer compiles against them.
 */

import type { z } from 'zod';
import type { planConditionsSchema } from './askQuery.js';
import type { Localized } from './localized.js';

export type PlanBlock = 'am' | 'pm';

/** One day's forecast of a series: the median and the 10th and 90th percentiles of the items expected. */
export interface DayForecast {
  date: string;
  p10: number;
  p50: number;
  p90: number;
  /** The company's own forecast of the day's items (its workload_forecasts), shown beside Genba's; absent where it gives none. */
  company?: number;
}

/** A low, middle and high figure of items: the 10th, 50th and 90th percentiles. */
export interface ItemBand {
  p10: number;
  p50: number;
  p90: number;
}

/**
 * Today's items of a series re-estimated during the day: what has arrived by `asOf`, what is
 * still expected, and the day's total, from the share of a day that had usually arrived by
 * that time and the forecast made the evening before.
 */
export interface TodayArrivals {
  key: string;
  site: string;
  businessId: string;
  process: string;
  /** Items arrived today by `asOf` (epoch ms). */
  arrived: number;
  asOf: number;
  /** The share of a day's items that had arrived by this time of day on earlier days (median), null without such days. */
  usualShare: number | null;
  /** Earlier days the usual share was taken from. */
  profileDays: number;
  /** Still expected today, and the day's total (arrived included). */
  rest: ItemBand;
  total: ItemBand;
  /** On nine days in ten everything had arrived by this time: nothing more is expected. */
  complete: boolean;
  /** The forecast made the evening before, where the history was long enough. */
  forecast: ItemBand | null;
}

/** What a manager asks the plan to assume or respect (「拠点間の移動なし」「札幌だけ」「物量が2割増えたら」). */
/** The manager's conditions for a day's plan: declared once, with the query that carries them (askQuery.ts). */
export type PlanConditions = z.infer<typeof planConditionsSchema>;

/** One series' forecast for the coming working days. */
export interface SeriesForecast {
  key: string;
  site: string;
  businessId: string;
  process: string;
  /** `arrivals`: the company's count of items received; `snapshots`: done plus remaining at the day's last snapshot. */
  from: 'arrivals' | 'snapshots';
  /** Working days of history it learned from. */
  historyDays: number;
  days: DayForecast[];
}

export interface StoreForecast {
  /** The local date the forecast was made on: its history ends there. */
  asOf: string;
  dates: string[];
  series: SeriesForecast[];
  /** Series with too little history to forecast: named, not guessed. */
  tooShort: { key: string; historyDays: number }[];
  minHistory: number;
}

/** One line of a plan: a person, a half day, where and on what. */
export interface PlanLine {
  operatorId: number;
  name: string;
  homeSite: string;
  block: PlanBlock;
  site: string;
  businessId: string;
  process: string;
  crossSite: boolean;
  /** 早出 before the morning block, or overtime after the afternoon block, in minutes. */
  overtimeMinutes: number;
  /** The processes this person may be put on (their usual one, others at the policy's level): what an edit may choose. */
  able: string[];
}

/** The items forecast for one site, business and process, due by the business's deadline: what the plan staffs for. */
export interface PlanDemand {
  site: string;
  businessId: string;
  /** For the manager's texts; the id when absent. */
  businessName?: string;
  process: string;
  /** Forecast items: median and P80 (the buffer aims towards it); P10 and P90 for the manager's view. */
  p50: number;
  p80: number;
  p10?: number;
  p90?: number;
  /** Minutes after local midnight. */
  deadlineMinute: number;
  /** The company's own forecast of these items (workload_forecasts), for the manager to compare; the plan never staffs for it. */
  company?: number;
}

/** One series of the plan: the forecast it staffs for, what the people on it do by the deadline, and when they finish. */
export interface PlanDemandView extends PlanDemand {
  /** Items the plan staffs for by the deadline (P50 plus the buffer share towards P80). */
  target: number;
  plannedItems: number;
  /** plannedItems by block, overtime that counts included: the Plan view draws them against the forecast (absent from plans stored before it was kept). */
  itemsByBlock?: Record<PlanBlock, number>;
  shortfallItems: number;
  people: Record<PlanBlock, number>;
  finishP50Minute: number | null;
  finishP90Minute: number | null;
}

/**
 * The whole items a series is short by, as a manager reads it. The plan's capacity is an estimate in
 * fractions of an item, so less than half an item is rounding, not a shortfall; declared once so the
 * chat, the CLI, the Plan view and the explanations agree on which work is short.
 */
export const shortItems = (d: Pick<PlanDemandView, 'shortfallItems'>): number => Math.round(d.shortfallItems);

/**
 * A series the plan meets at P50 but whose P90 finish is after its deadline (or not within the
 * day): one day in ten or so it is late. Declared once: the plan's summary and each row flag it.
 */
export const p90Late = (d: Pick<PlanDemandView, 'shortfallItems' | 'finishP90Minute' | 'deadlineMinute'>): boolean =>
  shortItems(d) === 0 && (d.finishP90Minute === null || d.finishP90Minute > d.deadlineMinute);

/** The series late at P90, latest past its deadline first (not within the day first of all): the summary names the first few. */
export const p90LateFirst = <D extends Pick<PlanDemandView, 'shortfallItems' | 'finishP90Minute' | 'deadlineMinute'>>(demands: readonly D[]): D[] =>
  demands.filter(p90Late).sort((a, b) => (b.finishP90Minute ?? 1e6) - b.deadlineMinute - ((a.finishP90Minute ?? 1e6) - a.deadlineMinute));

/** How many series late at P90 a summary names; the rest are flagged on their rows. */
export const P90_NAMED = 3;

export type PlanStatus = 'open' | 'approved' | 'modified' | 'rejected' | 'superseded';

/**
 * What the company did with an approved plan it received: the day's plan is the one the company
 * received last (its own sequence, approval_history_id, taken in the delivering transaction; never a
 * laptop's clock). `kept`: this plan's rows are the day's daily_assignments; `replaced`: the plans
 * whose rows gave way to it; `keptPlan`: the day's plan at the company when this one is not.
 */
export interface PlanAtCompany {
  kept: boolean;
  replaced: string[];
  keptPlan: string | null;
}

/** A decision on a plan, as it went: the plan decided, whether it reached the company (and why not), and the day's earlier approval it replaced. */
export interface PlanDecided {
  plan: StoredPlan;
  delivered: boolean;
  /** Why it waits in the outbox (retried automatically); null once delivered. */
  reason: Localized | null;
  /** The plan id of the day's earlier approved plan in this store, now superseded here (what the company did is `company`). */
  replaced: string | null;
  /** Once delivered, what the company did with it; null while it waits in the outbox. */
  company: PlanAtCompany | null;
}

/** A person off on the plan's day, as the attendance records knew it then: paid leave, or an absence recorded. */
export interface OffPerson {
  operatorId: number;
  name: string;
  site: string;
  status: 'paid_leave' | 'absent';
}

/**
 * A person at work that day left without work in a block, and why: their day's hours are used up
 * by the other block (`hours`); nothing they may do is planned at their site that day (`noWork`);
 * or work of theirs exists but the plan left them free (`notNeeded`: a work-limited solve, or
 * help at another site dearer than a free block).
 */
export interface UnassignedPerson {
  operatorId: number;
  name: string;
  site: string;
  block: PlanBlock;
  why: 'hours' | 'noWork' | 'notNeeded';
}

/** A plan as the manager saw it when it was made: what an approval writes, and what the card and the Plan view show. */
export interface StoredPlan {
  planId: string;
  date: string;
  createdAt: number;
  status: PlanStatus;
  decidedAt: number | null;
  day: { startMinute: number; lunchStartMinute: number; lunchEndMinute: number; endMinute: number };
  forecastAsOf: string;
  rostered: number;
  onLeave: number;
  withoutRecord: number;
  /** People off that day per site, as known when the plan was made. */
  offBySite: Record<string, number>;
  /** Who is off and why, as known when the plan was made (absent from plans stored before it was kept). */
  offPeople?: OffPerson[];
  lines: PlanLine[];
  /** People at work but without work in a block, and why (absent from plans stored before it was kept). */
  unassigned?: UnassignedPerson[];
  demands: PlanDemandView[];
  objective: { shortfallItems: number; overtimeMinutes: number; crossSiteBlocks: number; crossSiteKm: number };
  /** Each shortfall in the manager's terms, in both languages, with the site it is at. */
  shortfalls: { site: string; text: { ja: string; en: string } }[];
  /**
   * Where the plan works a checked process without the company's final check (none of the site's own at the rule's level
   * at work that half day), a site's process a sentence, in both languages; absent from plans stored before it was kept.
   */
  finalCheck?: { site: string; text: { ja: string; en: string } }[];
  solveStatus: string;
  /** How good the plan is against the day's bound, in both languages (planQualityText); absent on plans stored before it was. */
  quality?: { ja: string; en: string };
  /** Wall time of the request that made it (reading, forecast, solve). */
  ms: number;
  /** What it was made from (planStore.planInputsVersion): an open plan is shown again while this is unchanged. */
  inputsVersion?: string;
  /** The manager's conditions it was made under, where there were any. */
  conditions?: PlanConditions;
  /** A what-if: worked out to be looked at, never stored or approved. People taken off for it, by name. */
  whatIf?: { off: { name: string; site: string }[] };
  /** Worked out to answer a question about the day (「明日の残業は？」) and kept nowhere: no card, nothing to approve. */
  unsaved?: true;
}
