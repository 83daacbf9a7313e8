import type { AskQuery, AskTime, MeasureId } from '../../api/askQuery.js';
import { localize, type Localized } from '../../api/localized.js';
import { localDate } from '../../config/zonedTime.js';
import { forecastStore } from '../../forecast/forecastNow.js';
import { addDays, dayOfWeek, isWorkingDay, nextWorkingDays, previousWorkingDay } from '../../forecast/workCalendar.js';
import {
  absenceBySite,
  absenceByWeekday,
  absenceOver,
  absenceRate,
  attendanceOn,
  figuresOver,
  overtimeOver,
  usualAbsence,
  type SiteAttendance,
} from '../../plan/attendance.js';
import type { CompanyTable } from '../../store/companyRows.js';
import { SyncState } from '../../store/syncState.js';
import { forecastGrouping } from './forecastGrouping.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { monthlyAnswer } from './monthlyAnswer.js';
import { timeSpan, workingDaysIn, type TimeSpan } from './timeSpan.js';
import { todayArrivalsAnswer } from './todayArrivalsAnswer.js';
import { plannedStaffAnswer } from './plannedStaffAnswer.js';

/** The measures the planning system's tables answer, and the table each needs (the forecast none: without arrivals it reads the snapshots). */
export const PLANNING_MEASURES: ReadonlyMap<MeasureId, CompanyTable | null> = new Map<MeasureId, CompanyTable | null>([
  ['attendance', 'attendance_records'],
  ['absence', 'attendance_records'],
  ['late_arrivals', 'attendance_records'],
  ['overtime', 'attendance_records'],
  ['forecast_volume', null],
  ['planned_staff', 'daily_assignments'],
]);

const pct = (x: number | null): string => (x === null ? '—' : `${x.toFixed(1)}%`);
const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
const usualRate = (usual: ReadonlyMap<string, number | null>, site: string): number => usual.get(site) ?? 0;

/**
 * The days a planning question is about, as local dates. Planning counts days: 「今日」 and
 * any part of today is today; 「明日」 is tomorrow's date (a closed day says so and names
 * the next working day); a week, a month or a span of months is its working days; a bare
 * weekday or 「月初」 looks ahead for the forecast and the plan, back for the records (timeSpan.ts).
 */
function daysOf(time: AskTime | null, today: string, fallback: 'today' | 'next' | 'week'): { dates: string[]; closed?: string; span?: TimeSpan } {
  const t = time ?? (fallback === 'today' ? 'today' : fallback === 'next' ? 'tomorrow' : 'last_7d');
  const working = (from: string, to: string): string[] => workingDaysIn({ from, to });
  const last = /^last_(\d+)d$/.exec(t);
  if (last) return { dates: working(addDays(today, -(Number(last[1]) - 1)), today) };
  const span = timeSpan(t, today, fallback === 'next' ? 'ahead' : 'past');
  if (span && span.from === span.to) {
    const d = span.from;
    if (isWorkingDay(d)) return { dates: [d], span };
    // A closed day: the next working day for a day ahead, the one before for a day past.
    return { dates: d > today ? nextWorkingDays(d, 1) : [previousWorkingDay(d)], closed: d, span };
  }
  if (span) return { dates: working(span.from, span.to), span };
  switch (t) {
    case 'tomorrow': {
      const d = addDays(today, 1);
      return isWorkingDay(d) ? { dates: [d] } : { dates: nextWorkingDays(today, 1), closed: d };
    }
    case 'yesterday': {
      const d = addDays(today, -1);
      return isWorkingDay(d) ? { dates: [d] } : { dates: [previousWorkingDay(today)], closed: d };
    }
    default:
      return { dates: [today] };
  }
}

/** Whether the table can answer: the company has it and a sync has brought rows. */
export function unavailable(c: QueryContext, table: CompanyTable): Localized | null {
  if (new SyncState(c.db).isAbsent(table)) return { ja: localize('ja', P.absentTable)(table), en: localize('en', P.absentTable)(table) };
  const any = c.db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table}) AS x`).get() as { x: number };
  return any.x === 1 ? null : { ja: localize('ja', P.emptyTable)(table), en: localize('en', P.emptyTable)(table) };
}

/**
 * Attendance, overtime, the workload forecast and the day's assignments, from the planning
 * system's tables (attendance_records, daily_assignments, arrivals) and the forecast made
 * from them. A company without a table is told which one is missing.
 */
export function planningAnswer(q: AskQuery, c: QueryContext): QueryAnswer {
  // Absence over a period, by weekday or a day ahead is the attendance register's rates and roster, which say it.
  if (q.measure === 'absence') return planningAnswer({ ...q, measure: 'attendance' }, c);
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const S = (t: Localized): string => localize(c.lang, t);
  const table = PLANNING_MEASURES.get(q.measure!)!;
  const missing = table && unavailable(c, table);
  if (missing) return { text: S(missing), table: { columns: [], rows: [] } };
  const today = localDate(c.now, c.timeZone);
  const dayName = (d: string): string => L(P.day, d);
  // Without a time: attendance is today's, the forecast and the plan tomorrow's, overtime the past week's (one day is often none).
  const fallback = q.measure === 'forecast_volume' || q.measure === 'planned_staff' ? 'next' : q.measure === 'overtime' ? 'week' : 'today';
  const { dates, closed, span } = daysOf(q.time, today, fallback);
  const lead = closed ? [L(closed > today ? P.closed : P.closedBefore, dayName(closed), dayName(dates[0]!))] : [];
  // A span of several calendar months (the last 3 months, this month beside last month) is answered month by month.
  const spanLabel = span ? S(span.label) : '';
  const manyMonths = span?.months === true && span.from.slice(0, 7) !== span.to.slice(0, 7);
  if (manyMonths && (q.measure === 'attendance' || q.measure === 'overtime') && q.by !== 'day') return monthlyAnswer(q, c, dates, today, spanLabel);
  // Overtime has actuals only for days before today: the period said is the one counted.
  const counted = q.measure === 'overtime' ? dates.filter((d) => d < today) : dates;
  const shown = counted.length > 0 ? counted : dates;
  const range = shown.length === 1 ? dayName(shown[0]!) : L(P.span, dayName(shown[0]!), dayName(shown[shown.length - 1]!));
  const when = spanLabel && shown.length > 1 ? L(P.spanWithDays, spanLabel, range) : range;

  if (q.measure === 'attendance') {
    if (q.by === 'day') {
      const rows = absenceByWeekday(c.db, today, q.site);
      return {
        text: [L(P.byWeekdayHead, q.site.join('・') || S(P.allSites), 12), ...rows.map((r) => L(P.weekdayRate, L(P.weekday, r.dow), pct(r.rate), r.days))].join(
          '\n',
        ),
        table: { columns: ['weekday', 'absence_pct', 'days'], rows: rows.map((r) => [r.dow, r.rate === null ? null : Math.round(r.rate * 10) / 10, r.days]) },
      };
    }
    // A period (this week, last week, the last N days): each site's absence over its working days against the 8 weeks before.
    const past = dates.filter((d) => d <= today);
    if (past.length > 1) {
      const before: string[] = [];
      for (let d = addDays(past[0]!, -1); before.length < 40 && d >= addDays(past[0]!, -70); d = addDays(d, -1)) if (isWorkingDay(d)) before.push(d);
      const usual = new Map(absenceBySite(c.db, before, q.site).map((u) => [u.site, absenceRate(u)]));
      const rows = absenceBySite(c.db, past, q.site).sort(
        (a, b) => (absenceRate(b) ?? 0) - usualRate(usual, b.site) - ((absenceRate(a) ?? 0) - usualRate(usual, a.site)),
      );
      const range = L(P.span, dayName(past[0]!), dayName(past[past.length - 1]!));
      // The company's line from the same records (every site named, or all of them), not an average of the sites' rates.
      const total = { site: q.site.length > 0 ? L(P.namedSites, q.site.join(S(P.listSep))) : S(P.allSites), ...absenceOver(c.db, past, q.site) };
      const usualTotal = absenceRate(absenceOver(c.db, before, q.site));
      // One site's line is its own total: a second line under it would only repeat it.
      const all = rows.length > 1 ? [...rows, total] : rows;
      const usualOf = (r: (typeof all)[number]): number | null => (r === total ? usualTotal : (usual.get(r.site) ?? null));
      return {
        text: [
          ...lead,
          L(P.periodHead, spanLabel ? L(P.spanWithDays, spanLabel, range) : range, past.length),
          ...all.map((r) => L(P.periodSite, r.site, r.absent, r.paidLeave, r.rostered, pct(absenceRate(r)), pct(usualOf(r)))),
        ].join('\n'),
        table: {
          columns: ['site', 'rostered', 'absent', 'paid_leave', 'absence_pct', 'usual_pct'],
          rows: rows.map((r) => [r.site, r.rostered, r.absent, r.paidLeave, round1(absenceRate(r)), round1(usualOf(r))]),
        },
      };
    }
    // Several days ahead (next week, the next 5 working days): each day's roster, all sites together.
    if (dates.length > 1 && past.length === 0) {
      const days = dates.map((d) => ({ d, sites: attendanceOn(c.db, d, q.site) }));
      const sum = (xs: SiteAttendance[], f: (s: SiteAttendance) => number): number => xs.reduce((n, s) => n + f(s), 0);
      return {
        text: [
          ...lead,
          L(P.rosterDaysHead, spanLabel || L(P.span, dayName(dates[0]!), dayName(dates[dates.length - 1]!))),
          ...days.map(({ d, sites }) =>
            L(
              P.rosterDay,
              dayName(d),
              sum(sites, (s) => s.rostered),
              sum(sites, (s) => s.rostered - s.paidLeave - s.absent),
              sum(sites, (s) => s.paidLeave),
            ),
          ),
          S(P.aheadNote),
        ].join('\n'),
        table: {
          columns: ['date', 'site', 'rostered', 'scheduled', 'paid_leave'],
          rows: days.flatMap(({ d, sites }) => sites.map((s) => [d, s.site, s.rostered, s.rostered - s.paidLeave - s.absent, s.paidLeave])),
        },
      };
    }
    const date = dates[dates.length - 1]!;
    const sites = attendanceOn(c.db, date, q.site);
    const statusWords = localize(c.lang, P.status);
    const ahead = date > today;
    const usualOf = new Map(sites.map((s) => [s.site, ahead ? null : usualAbsence(c.db, date, [s.site])]));
    // Urgent first: today the sites furthest above their usual absence; a day ahead the most leave.
    const above = (s: (typeof sites)[number]): number => (ahead ? s.paidLeave : (absenceRate(s) ?? 0) - (usualOf.get(s.site)?.rate ?? 0));
    sites.sort((a, b) => above(b) - above(a) || a.site.localeCompare(b.site));
    const lines = sites.flatMap((s) => {
      const usual = usualOf.get(s.site);
      const usualText = usual && usual.rate !== null ? L(P.usual, pct(usual.rate), L(P.weekday, dayOfWeek(date)), usual.days) : '';
      const off = s.people.filter((p) => p.status === 'absent' || p.status === 'paid_leave' || (q.operator.length > 0 && q.operator.includes(p.name)));
      // Names when a site or a person was asked about, or the question asks who: a whole company's list would bury the figures.
      const showNames = off.length > 0 && (q.site.length > 0 || q.op === 'list' || q.by === 'operator' || q.operator.length > 0);
      return [
        ahead
          ? L(P.rosterSite, s.site, s.rostered, s.scheduled, s.paidLeave)
          : L(P.attendanceSite, s.site, s.rostered, s.present + s.late, s.absent, s.paidLeave, s.late, s.scheduled, pct(absenceRate(s)), usualText),
        ...(showNames
          ? [
              L(
                P.absentees,
                off.map((p): [string, string] => [p.name, statusWords[p.status]]),
              ),
            ]
          : []),
        // Who came in late, by name: a handful at most, and the first thing asked about them (「遅刻した人いる？」).
        ...(s.late > 0 && !ahead
          ? [
              L(
                P.latecomers,
                s.people.filter((p) => p.status === 'late').map((p) => p.name),
              ),
            ]
          : []),
      ];
    });
    return {
      text: [...lead, L(P.attendanceHead, dayName(date)), ...lines, ...(ahead ? [S(P.aheadNote)] : [])].join('\n'),
      table: {
        columns: ['site', 'rostered', 'present', 'late', 'absent', 'paid_leave', 'absence_pct'],
        rows: sites.map((s) => [s.site, s.rostered, s.present, s.late, s.absent, s.paidLeave, s.rostered ? Math.round(absenceRate(s)! * 10) / 10 : null]),
      },
    };
  }

  if (q.measure === 'overtime') {
    if (dates.every((d) => d > today)) return { text: [...lead, S(P.overtimeAhead)].join('\n'), table: { columns: [], rows: [] } };
    if (dates.every((d) => d >= today)) return { text: [...lead, S(P.overtimeToday)].join('\n'), table: { columns: [], rows: [] } };
    // Per person when people are named or ranked (「残業の多い人」), else per site; largest first, a ranking cut to its n.
    const byOperator = q.by === 'operator' || q.operator.length > 0;
    const found = overtimeOver(
      c.db,
      dates.filter((d) => d < today),
      { sites: q.site, operators: q.operator, byOperator },
    );
    const named = (byOperator ? q.operator : q.site).filter((n) => !found.some((r) => r.site === n)).map((n) => ({ site: n, minutes: 0, people: 0, days: 0 }));
    const rows = [...found, ...named]
      // A site or person named stays in the answer with 0 minutes: a comparison needs both sides.
      .filter((r) => r.minutes > 0 || q.site.includes(r.site) || q.operator.includes(r.site))
      .sort((a, b) => (q.rank?.order === 'bottom' ? a.minutes - b.minutes : b.minutes - a.minutes))
      .slice(0, q.op === 'rank' ? (q.rank?.n ?? 5) : undefined);
    if (rows.every((r) => r.minutes === 0))
      return { text: [...lead, L(P.overtimeNone, when)].join('\n'), table: { columns: ['site', 'minutes', 'people'], rows: [] } };
    // The company's line (every site or person asked about together), and what the actuals cover when the period runs on past today.
    const total = figuresOver(c.db, counted, { sites: q.site, operators: q.operator, key: 'all', byMonth: false })[0];
    const namedTotal = byOperator ? q.operator : q.site;
    const totalLabel = namedTotal.length > 0 ? L(P.namedSites, namedTotal.join(S(P.listSep))) : S(P.allSites);
    const totalLine = total && q.op !== 'rank' && rows.length > 1 ? [L(P.overtimeSite, totalLabel, total.minutes, total.people)] : [];
    const cover = dates.some((d) => d >= today) && counted.length > 1 ? [L(P.actualsOnly, range, counted.length)] : [];
    return {
      text: [...lead, L(P.overtimeHead, when), ...rows.map((r) => L(P.overtimeSite, r.site, r.minutes, r.people)), ...totalLine, ...cover].join('\n'),
      table: { columns: ['site', 'minutes', 'people'], rows: rows.map((r) => [r.site, r.minutes, r.people]) },
    };
  }

  if (q.measure === 'forecast_volume') {
    // The forecast reaches 10 working days ahead: a range past it is answered as far as it goes, and says where it stops.
    const reach = nextWorkingDays(today, 10);
    const ahead = dates.filter((d) => d > today && d <= reach[reach.length - 1]!);
    const beyond = dates.some((d) => d > reach[reach.length - 1]!) ? [L(P.forecastBeyond, dayName(reach[reach.length - 1]!))] : [];
    // Today's items asked during the day: what came, what is still expected. A past day has its actuals, not a forecast: said so.
    if (ahead.length === 0 && dates.includes(today)) return todayArrivalsAnswer(q, c);
    if (ahead.length === 0 && beyond.length > 0) return { text: [...lead, ...beyond].join('\n'), table: { columns: [], rows: [] } };
    if (ahead.length === 0 && q.time !== null) return { text: [...lead, L(P.forecastPast, spanLabel || when)].join('\n'), table: { columns: [], rows: [] } };
    if (ahead.length === 0) return planningAnswer({ ...q, time: 'tomorrow' }, c);
    const horizon = reach.filter((d) => d <= ahead[ahead.length - 1]!).length;
    const f = forecastStore(c.db, { now: c.now, timeZone: c.timeZone, days: Math.max(1, horizon) });
    const { keyOf, chosen: isChosen } = forecastGrouping(q, c.overview().businessNames);
    const chosen = f.series.filter(isChosen);
    const lines: string[] = [];
    const tableRows: (string | number | null)[][] = [];
    // Whether any line shown is a total of several series: only then is the note on combined intervals said.
    let summed = false;
    for (const date of ahead) {
      const groups = new Map<string, { p50: number; lo: number; hi: number; series: number }>();
      for (const s of chosen) {
        const d = s.days.find((x) => x.date === date);
        if (!d) continue;
        const g = groups.get(keyOf(s)) ?? { p50: 0, lo: 0, hi: 0, series: 0 };
        g.p50 += d.p50;
        g.lo += (d.p50 - d.p10) ** 2;
        g.hi += (d.p90 - d.p50) ** 2;
        g.series++;
        groups.set(keyOf(s), g);
      }
      summed ||= [...groups.values()].some((g) => g.series > 1);
      lines.push(L(P.forecastHead, dayName(date), dayName(f.asOf)));
      for (const [key, g] of groups) {
        const p50 = Math.round(g.p50);
        const p10 = Math.max(0, Math.round(g.p50 - Math.sqrt(g.lo)));
        const p90 = Math.round(g.p50 + Math.sqrt(g.hi));
        lines.push(L(P.forecastRow, key, p50, p10, p90));
        tableRows.push([date, key, p50, p10, p90]);
      }
    }
    if (summed) lines.push(S(P.forecastSum));
    lines.push(...beyond);
    if (f.tooShort.length > 0) lines.push(L(P.forecastTooShort, f.tooShort.length, f.minHistory));
    return { text: [...lead, ...lines].join('\n'), table: { columns: ['date', 'name', 'p50', 'p10', 'p90'], rows: tableRows } };
  }

  return plannedStaffAnswer(q, c, { dates, today, lead, when: spanLabel || when });
}
