import type Database from 'better-sqlite3';
import type { AttendanceStatus } from '../store/companyRows.js';
import { ATTENDANCE_OF_DAY } from '../store/attendanceOfDay.js';
import { addDays, dayOfWeek, isWorkingDay } from '../forecast/workCalendar.js';

/** One site's day in the attendance records: who was planned, and how it went (or, for a day ahead, who asked for leave). */
export interface SiteAttendance {
  site: string;
  date: string;
  /** Everyone with a record that day: the people planned to work, leave included. */
  rostered: number;
  present: number;
  late: number;
  absent: number;
  paidLeave: number;
  /** Still only planned (a day ahead, or not yet clocked in). */
  scheduled: number;
  /** Each person's day; the times (epoch ms) as the records hold them, null where none is recorded yet. */
  people: { id: number; name: string; status: AttendanceStatus; plannedStart: number | null; actualStart: number | null }[];
}

/** Absence (unplanned absence and paid leave) over the people rostered, in %. Null when nobody was rostered. */
export const absenceRate = (a: Pick<SiteAttendance, 'rostered' | 'absent' | 'paidLeave'>): number | null =>
  a.rostered === 0 ? null : ((a.absent + a.paidLeave) / a.rostered) * 100;

/** Each site's attendance on a date (valid operators only: someone who left the company is not absent). */
export function attendanceOn(db: Database.Database, date: string, sites: readonly string[] = []): SiteAttendance[] {
  const rows = db
    .prepare(
      `SELECT o.location_name AS site, o.operator_id AS id, o.operator_name AS name, a.attendance_status AS status,
              a.planned_start AS plannedStart, a.actual_start AS actualStart
       FROM ${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id
       WHERE a.attendance_date = ? AND o.is_valid = 1 ORDER BY o.location_name, o.operator_name`,
    )
    .all(date) as { site: string; id: number; name: string; status: AttendanceStatus; plannedStart: number | null; actualStart: number | null }[];
  const out = new Map<string, SiteAttendance>();
  for (const r of rows) {
    if (sites.length > 0 && !sites.includes(r.site)) continue;
    let s = out.get(r.site);
    if (!s) {
      s = { site: r.site, date, rostered: 0, present: 0, late: 0, absent: 0, paidLeave: 0, scheduled: 0, people: [] };
      out.set(r.site, s);
    }
    s.rostered++;
    if (r.status === 'present') s.present++;
    else if (r.status === 'late') s.late++;
    else if (r.status === 'absent') s.absent++;
    else if (r.status === 'paid_leave') s.paidLeave++;
    else s.scheduled++;
    s.people.push({ id: r.id, name: r.name, status: r.status, plannedStart: r.plannedStart, actualStart: r.actualStart });
  }
  return [...out.values()];
}

/** Absence counts over a set of dates, for the named sites together (all sites when none is named). */
export function absenceOver(
  db: Database.Database,
  dates: readonly string[],
  sites: readonly string[],
): { rostered: number; absent: number; paidLeave: number; days: number } {
  if (dates.length === 0) return { rostered: 0, absent: 0, paidLeave: 0, days: 0 };
  const row = db
    .prepare(
      `SELECT COUNT(*) AS rostered, COALESCE(SUM(a.attendance_status = 'absent'), 0) AS absent,
         COALESCE(SUM(a.attendance_status = 'paid_leave'), 0) AS paidLeave, COUNT(DISTINCT a.attendance_date) AS days
       FROM ${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id
       WHERE o.is_valid = 1 AND a.attendance_date IN (SELECT value FROM json_each(?))
         AND (? = 0 OR o.location_name IN (SELECT value FROM json_each(?)))`,
    )
    .get(JSON.stringify(dates), sites.length, JSON.stringify(sites)) as { rostered: number; absent: number; paidLeave: number; days: number };
  return row;
}

/**
 * The usual absence for a date: the same weekday on the `weeks` working weeks before it
 * (Mondays differ from Thursdays, so a Monday is compared with Mondays), in %.
 */
export function usualAbsence(db: Database.Database, date: string, sites: readonly string[] = [], weeks = 8): { rate: number | null; days: number } {
  const dates: string[] = [];
  for (let d = addDays(date, -7); dates.length < weeks && d >= addDays(date, -7 * (weeks + 4)); d = addDays(d, -7)) if (isWorkingDay(d)) dates.push(d);
  const a = absenceOver(db, dates, sites);
  return { rate: absenceRate(a), days: a.days };
}

/** Absence by weekday (Monday … Friday) over the `weeks` weeks that end before `until`, in %. */
export function absenceByWeekday(
  db: Database.Database,
  until: string,
  sites: readonly string[] = [],
  weeks = 12,
): { dow: number; rate: number | null; days: number }[] {
  const byDow = new Map<number, string[]>();
  for (let d = addDays(until, -1); d >= addDays(until, -7 * weeks); d = addDays(d, -1)) {
    if (!isWorkingDay(d)) continue;
    byDow.set(dayOfWeek(d), [...(byDow.get(dayOfWeek(d)) ?? []), d]);
  }
  return [1, 2, 3, 4, 5].map((dow) => {
    const a = absenceOver(db, byDow.get(dow) ?? [], sites);
    return { dow, rate: absenceRate(a), days: a.days };
  });
}

/** Minutes worked past the planned end, per site (or per person: `byOperator`), over a set of dates, among the sites and people named. */
export function overtimeOver(
  db: Database.Database,
  dates: readonly string[],
  o: { sites?: readonly string[]; operators?: readonly string[]; byOperator?: boolean } = {},
): { site: string; minutes: number; people: number; days: number }[] {
  const sites = o.sites ?? [];
  const operators = o.operators ?? [];
  const key = o.byOperator ? 'o.operator_name' : 'o.location_name';
  return db
    .prepare(
      `SELECT ${key} AS site, CAST(ROUND(SUM(MAX(0, a.actual_end - a.planned_end)) / 60000.0) AS INTEGER) AS minutes,
         COUNT(DISTINCT CASE WHEN a.actual_end > a.planned_end THEN a.operator_id END) AS people, COUNT(DISTINCT a.attendance_date) AS days
       FROM ${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id
       WHERE a.attendance_date IN (SELECT value FROM json_each(?)) AND a.actual_end IS NOT NULL AND a.planned_end IS NOT NULL
         AND (? = 0 OR o.location_name IN (SELECT value FROM json_each(?)))
         AND (? = 0 OR o.operator_name IN (SELECT value FROM json_each(?)))
       GROUP BY ${key} ORDER BY ${key}`,
    )
    .all(JSON.stringify(dates), sites.length, JSON.stringify(sites), operators.length, JSON.stringify(operators)) as {
    site: string;
    minutes: number;
    people: number;
    days: number;
  }[];
}

/** Absence per site over a set of dates (every record of those days, current staff), for a period's rate. */
export function absenceBySite(
  db: Database.Database,
  dates: readonly string[],
  sites: readonly string[] = [],
): { site: string; rostered: number; absent: number; paidLeave: number; days: number }[] {
  return db
    .prepare(
      `SELECT o.location_name AS site, COUNT(*) AS rostered, COALESCE(SUM(a.attendance_status = 'absent'), 0) AS absent,
         COALESCE(SUM(a.attendance_status = 'paid_leave'), 0) AS paidLeave, COUNT(DISTINCT a.attendance_date) AS days
       FROM ${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id
       WHERE o.is_valid = 1 AND a.attendance_date IN (SELECT value FROM json_each(?))
         AND (? = 0 OR o.location_name IN (SELECT value FROM json_each(?)))
       GROUP BY o.location_name ORDER BY o.location_name`,
    )
    .all(JSON.stringify(dates), sites.length, JSON.stringify(sites)) as { site: string; rostered: number; absent: number; paidLeave: number; days: number }[];
}

/** One group's figures over a set of dates: a site, a person or the whole company ('*'), in one calendar month or over all of them ('*'). */
export interface GroupedFigures {
  month: string;
  key: string;
  /** Person-days rostered (attendance) or minutes past the planned end (overtime). */
  rostered: number;
  absent: number;
  paidLeave: number;
  minutes: number;
  /** People with overtime. */
  people: number;
  days: number;
}

/**
 * Absence and overtime over a set of dates, grouped by site, person or the whole company, and by calendar month when
 * asked: the figures of a period answer (「今月の残業」「過去3ヶ月の月別欠勤率」), and its company-wide line from the same
 * SQL rather than a sum of rounded parts. Current staff only for absence, as attendanceOn; overtime counts every record
 * with both ends, as overtimeOver.
 */
export function figuresOver(
  db: Database.Database,
  dates: readonly string[],
  o: { sites?: readonly string[]; operators?: readonly string[]; key: 'site' | 'operator' | 'all'; byMonth: boolean },
): GroupedFigures[] {
  const sites = o.sites ?? [];
  const operators = o.operators ?? [];
  const key = o.key === 'operator' ? 'o.operator_name' : o.key === 'site' ? 'o.location_name' : "'*'";
  const month = o.byMonth ? 'substr(a.attendance_date, 1, 7)' : "'*'";
  const where = `a.attendance_date IN (SELECT value FROM json_each(?))
         AND (? = 0 OR o.location_name IN (SELECT value FROM json_each(?)))
         AND (? = 0 OR o.operator_name IN (SELECT value FROM json_each(?)))`;
  const args = [JSON.stringify(dates), sites.length, JSON.stringify(sites), operators.length, JSON.stringify(operators)];
  const absence = db
    .prepare(
      `SELECT ${month} AS month, ${key} AS key, COUNT(*) AS rostered, COALESCE(SUM(a.attendance_status = 'absent'), 0) AS absent,
         COALESCE(SUM(a.attendance_status = 'paid_leave'), 0) AS paidLeave, COUNT(DISTINCT a.attendance_date) AS days
       FROM ${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id
       WHERE o.is_valid = 1 AND ${where} GROUP BY 1, 2`,
    )
    .all(...args) as { month: string; key: string; rostered: number; absent: number; paidLeave: number; days: number }[];
  const overtime = db
    .prepare(
      `SELECT ${month} AS month, ${key} AS key, CAST(ROUND(SUM(MAX(0, a.actual_end - a.planned_end)) / 60000.0) AS INTEGER) AS minutes,
         COUNT(DISTINCT CASE WHEN a.actual_end > a.planned_end THEN a.operator_id END) AS people
       FROM ${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id
       WHERE a.actual_end IS NOT NULL AND a.planned_end IS NOT NULL AND ${where} GROUP BY 1, 2`,
    )
    .all(...args) as { month: string; key: string; minutes: number; people: number }[];
  const out = new Map<string, GroupedFigures>();
  const at = (m: string, k: string): GroupedFigures => {
    const id = `${m}|${k}`;
    let g = out.get(id);
    if (!g) {
      g = { month: m, key: k, rostered: 0, absent: 0, paidLeave: 0, minutes: 0, people: 0, days: 0 };
      out.set(id, g);
    }
    return g;
  };
  for (const r of absence) Object.assign(at(r.month, r.key), { rostered: r.rostered, absent: r.absent, paidLeave: r.paidLeave, days: r.days });
  for (const r of overtime) Object.assign(at(r.month, r.key), { minutes: r.minutes, people: r.people });
  return [...out.values()].sort((a, b) => a.month.localeCompare(b.month) || a.key.localeCompare(b.key));
}
