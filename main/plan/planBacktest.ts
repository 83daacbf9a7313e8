import type Database from 'better-sqlite3';
import type { GenbaConfig } from '../config/config.js';
import { zonedEpoch } from '../config/zonedTime.js';
import { dailyVolumes, type StoredSeries } from '../forecast/dailyVolumes.js';
import { forecastSeries, MIN_HISTORY } from '../forecast/forecastSeries.js';
import { addDays, isWorkingDay, previousWorkingDay } from '../forecast/workCalendar.js';
import { median } from '../median.js';
import { ATTENDANCE_OF_DAY } from '../store/attendanceOfDay.js';
import { businessDeadlines, P80_OF_P90, planDay, planOperators } from './planInputs.js';
import { planPolicy, type PlanBlock, type PlanDay, type PlanDemand, type PlanOperator, type PlanProblem } from './planProblem.js';
import type { PlanAssignment } from './planSolution.js';
import { solvePlan } from './solvePlan.js';
import type { SolveWork } from './planHighs.js';

/** How a day's plan did against what came: work late at its deadline, overtime to finish the day's work, moves across sites. */
export interface DayScore {
  /** Series whose items that day were not all done by their deadline. */
  missed: number;
  /** Items still waiting at their deadlines. */
  itemsLate: number;
  /** Person-minutes after the end of the day to finish what was left. */
  overtimeMinutes: number;
  /** Half-day blocks worked at another site. */
  crossSiteBlocks: number;
}

export interface PlanBacktestReport {
  days: {
    date: string;
    demands: number;
    genba: DayScore;
    rule: DayScore;
    ruleOnForecast: DayScore;
    solveMs: number;
    /** How far Genba's plan may be from the best plan of the day (PlanSolution.gap), its weighted cost and the day's bound. */
    gap: number;
    cost: number;
    bound: number | null;
    /** Half days of a checked process worked without its final check (finalCheck.ts): none of the site's own at the level at work, or not kept. */
    finalCheck: { nobody: number; broken: number };
    /** The reference plan (`exact`): the whole company in one model solved to its gap, where asked for. */
    exact?: { score: DayScore; gap: number; cost: number; ms: number; status: string };
  }[];
  genba: DayScore;
  rule: DayScore;
  /** The ablation: the simple rule staffing Genba's forecast (P50) instead of last week's same weekday. */
  ruleOnForecast: DayScore;
}

const sum = (xs: DayScore[]): DayScore => ({
  missed: xs.reduce((s, x) => s + x.missed, 0),
  itemsLate: xs.reduce((s, x) => s + x.itemsLate, 0),
  overtimeMinutes: xs.reduce((s, x) => s + x.overtimeMinutes, 0),
  crossSiteBlocks: xs.reduce((s, x) => s + x.crossSiteBlocks, 0),
});

const keyOf = (site: string, businessId: string, process: string): string => `${site}\u0000${businessId}\u0000${process}`;

/** Minutes of a block before a deadline, and in the whole block: people stay on their work after its deadline until the block ends. */
function minutes(day: PlanDay, block: PlanBlock, deadline: number): { before: number; all: number } {
  const [from, to] = block === 'am' ? [day.startMinute, day.lunchStartMinute] : [day.lunchEndMinute, day.endMinute];
  return { before: Math.max(0, Math.min(deadline, to) - from), all: to - from };
}

/**
 * Scores assignments against what came: each series' actual items, and the people who actually
 * came to work (those absent that day do nothing, whatever the plan said). Items each person
 * does are their registered speed on the process over their block's minutes.
 */
export function scoreDay(
  day: PlanDay,
  operators: readonly PlanOperator[],
  demands: readonly Pick<PlanDemand, 'site' | 'businessId' | 'process' | 'deadlineMinute'>[],
  assignments: readonly PlanAssignment[],
  actual: ReadonlyMap<string, number>,
  absent: ReadonlySet<number>,
): DayScore {
  const people = new Map(operators.map((o) => [o.id, o]));
  const rateOf = (id: number, process: string): number => (people.get(id)?.skills.find((s) => s.process === process)?.perHour ?? 0) / 60;
  const byDemand = new Map<string, PlanAssignment[]>();
  for (const a of assignments) {
    if (absent.has(a.operatorId)) continue;
    const k = keyOf(a.site, a.businessId, a.process);
    byDemand.set(k, [...(byDemand.get(k) ?? []), a]);
  }
  const score: DayScore = {
    missed: 0,
    itemsLate: 0,
    overtimeMinutes: 0,
    crossSiteBlocks: assignments.filter((a) => a.crossSite && !absent.has(a.operatorId)).length,
  };
  for (const d of demands) {
    const k = keyOf(d.site, d.businessId, d.process);
    const items = actual.get(k) ?? 0;
    if (items <= 0) continue;
    const on = byDemand.get(k) ?? [];
    let byDeadline = 0;
    let byEnd = 0;
    for (const a of on) {
      const m = minutes(day, a.block, d.deadlineMinute);
      byDeadline += rateOf(a.operatorId, d.process) * m.before;
      byEnd += rateOf(a.operatorId, d.process) * m.all;
    }
    if (items > byDeadline + 0.5) {
      score.missed++;
      score.itemsLate += Math.round(items - byDeadline);
    }
    // What is left at the end of the day is overtime: at the pace of the people on it, or the site's usual pace on the process when nobody was.
    const left = items - byEnd;
    if (left > 0) {
      const rates = on.map((a) => rateOf(a.operatorId, d.process)).filter((r) => r > 0);
      const siteRates = operators.filter((o) => o.site === d.site).flatMap((o) => o.skills.filter((s) => s.process === d.process).map((s) => s.perHour / 60));
      const pace = rates.length > 0 ? median(rates) : siteRates.length > 0 ? median(siteRates) : 0.5;
      score.overtimeMinutes += Math.round(left / pace);
    }
  }
  return score;
}

/**
 * The simple rule a site follows without Genba: each site staffs its own work in proportion
 * to last week's same weekday, everyone on one series all day, on a process they are
 * registered for (whatever their level), the scarcest people placed first.
 */
export function ruleAssignments(
  day: PlanDay,
  operators: readonly PlanOperator[],
  lastWeek: ReadonlyMap<string, number>,
  demands: readonly PlanDemand[],
): PlanAssignment[] {
  const out: PlanAssignment[] = [];
  for (const site of new Set(demands.map((d) => d.site))) {
    const mine = demands.filter((d) => d.site === site);
    const staff = operators.filter((o) => o.site === site && o.blocks.am && o.blocks.pm);
    const pace = (process: string): number => median(staff.flatMap((o) => o.skills.filter((s) => s.process === process).map((s) => s.perHour / 60))) || 0.5;
    // Person-minutes each series needs at the site's usual pace.
    const need = new Map(
      mine.map((d) => [keyOf(d.site, d.businessId, d.process), (lastWeek.get(keyOf(d.site, d.businessId, d.process)) ?? 0) / pace(d.process)]),
    );
    const dayMinutes = day.lunchStartMinute - day.startMinute + (day.endMinute - day.lunchEndMinute);
    const scarce = [...staff].sort((a, b) => a.skills.length - b.skills.length || a.id - b.id);
    for (const o of scarce) {
      let best: PlanDemand | null = null;
      for (const d of mine) {
        if (!o.skills.some((s) => s.process === d.process)) continue;
        if (best === null || need.get(keyOf(d.site, d.businessId, d.process))! > need.get(keyOf(best.site, best.businessId, best.process))!) best = d;
      }
      if (!best) continue;
      const k = keyOf(best.site, best.businessId, best.process);
      const rate = o.skills.find((s) => s.process === best.process)!.perHour / 60 / pace(best.process);
      need.set(k, need.get(k)! - dayMinutes * rate);
      for (const block of ['am', 'pm'] as const)
        out.push({ operatorId: o.id, block, site, businessId: best.businessId, process: best.process, crossSite: false });
    }
  }
  return out;
}

/**
 * Plans each of the last `days` working days before `until` with only what was known the
 * evening before (the history to that day, the leave recorded by 18:00), and scores the plan
 * and the simple rule against the items that came and the people who came.
 */
export async function planBacktest(
  db: Database.Database,
  o: {
    config: GenbaConfig;
    distancesKm: Record<string, Record<string, number>>;
    until: string;
    days: number;
    /** Also plan each day as one whole model with this work, to this gap (a share of the plan's cost): the offline reference, slow. */
    exact?: { work: SolveWork; gap: number };
    /** Called with each day as it is scored: an offline run of hours shows its days as it goes. */
    onDay?: (day: PlanBacktestReport['days'][number]) => void;
  },
): Promise<PlanBacktestReport> {
  const tz = o.config.timeZone;
  const day = planDay(o.config);
  const deadlines = businessDeadlines(db, tz);
  const series: StoredSeries[] = dailyVolumes(db, { timeZone: tz, until: o.until });
  const dates: string[] = [];
  for (let d = addDays(o.until, -1); dates.length < o.days; d = addDays(d, -1)) if (isWorkingDay(d)) dates.unshift(d);
  const policy = planPolicy(
    { ...o.config.placement, distancesKm: o.distancesKm },
    { bufferShare: o.config.planning.bufferShare, maxOvertimeMinutes: o.config.planning.maxOvertimeMinutes },
  );
  const report: PlanBacktestReport['days'] = [];
  for (const date of dates) {
    const { problem, actual, lastWeek } = backtestDay(db, { config: o.config, series, deadlines, policy }, date);
    const { demands, operators } = problem;
    const t0 = performance.now();
    const plan = await solvePlan(problem);
    const solveMs = Math.round(performance.now() - t0);
    const t1 = performance.now();
    const reference = o.exact ? await solvePlan(problem, { whole: o.exact }) : null;
    const referenceMs = Math.round(performance.now() - t1);
    const absent = new Set(
      (
        db
          .prepare(`SELECT operator_id AS id FROM ${ATTENDANCE_OF_DAY} a WHERE attendance_date = ? AND attendance_status IN ('absent', 'paid_leave')`)
          .all(date) as {
          id: number;
        }[]
      ).map((r) => r.id),
    );
    const scored: PlanBacktestReport['days'][number] = {
      date,
      demands: demands.length,
      genba: scoreDay(day, operators, demands, plan.assignments, actual, absent),
      rule: scoreDay(day, operators, demands, ruleAssignments(day, operators, lastWeek, demands), actual, absent),
      ruleOnForecast: scoreDay(
        day,
        operators,
        demands,
        ruleAssignments(day, operators, new Map(demands.map((d) => [keyOf(d.site, d.businessId, d.process), d.p50])), demands),
        actual,
        absent,
      ),
      solveMs,
      gap: plan.gap,
      cost: plan.objective.weighted,
      bound: plan.bound,
      finalCheck: {
        nobody: plan.finalCheckGaps.filter((g) => g.why === 'nobody').length,
        broken: plan.finalCheckGaps.filter((g) => g.why === 'broken').length,
      },
      ...(reference
        ? {
            exact: {
              score: scoreDay(day, operators, demands, reference.assignments, actual, absent),
              gap: reference.gap,
              cost: reference.objective.weighted,
              ms: referenceMs,
              status: reference.models.at(-1)?.status ?? 'none',
            },
          }
        : {}),
    };
    report.push(scored);
    o.onDay?.(scored);
  }
  return {
    days: report,
    genba: sum(report.map((r) => r.genba)),
    rule: sum(report.map((r) => r.rule)),
    ruleOnForecast: sum(report.map((r) => r.ruleOnForecast)),
  };
}

/**
 * A day as planned the evening before (18:00 of the working day before): the forecast from the history to then, the leave
 * asked for by then. With what came that day and the same weekday a week before, to score plans against.
 */
export function backtestDay(
  db: Database.Database,
  o: { config: GenbaConfig; series: StoredSeries[]; deadlines: Map<string, number>; policy: PlanProblem['policy'] },
  date: string,
): { problem: PlanProblem; actual: Map<string, number>; lastWeek: Map<string, number> } {
  const { series, deadlines, policy } = o;
  const day = planDay(o.config);
  const tz = o.config.timeZone;
  const prev = previousWorkingDay(date);
  const [y, m, dd] = prev.split('-').map(Number);
  const knownAt = zonedEpoch(tz, y!, m!, dd!, 18, 0);
  const actual = new Map<string, number>();
  const lastWeek = new Map<string, number>();
  const demands: PlanDemand[] = [];
  for (const s of series) {
    const k = keyOf(s.site, s.businessId, s.process);
    const today = s.values.find((v) => v.date === date);
    if (today) actual.set(k, today.value);
    const history = s.values.filter((v) => v.date <= prev);
    // The same weekday a week before that was worked (a holiday looks a week further back).
    for (let w = addDays(date, -7); w >= addDays(date, -35); w = addDays(w, -7)) {
      const v = history.find((x) => x.date === w);
      if (v) {
        lastWeek.set(k, v.value);
        break;
      }
    }
    if (history.length < MIN_HISTORY) continue;
    const f = forecastSeries(history, [date])[0]!;
    demands.push({
      site: s.site,
      businessId: s.businessId,
      process: s.process,
      p50: Math.round(f.p50),
      p80: Math.round(f.p50 + (f.p90 - f.p50) * P80_OF_P90),
      deadlineMinute: deadlines.get(`${s.site}\u0000${s.businessId}`) ?? day.endMinute,
    });
  }
  const staff = planOperators(db, date, { maxWorkMinutes: o.config.planning.maxWorkMinutes, knownAt });
  return { problem: { day, operators: staff.operators, demands, policy }, actual, lastWeek };
}
