import type { ArrivalRow, AttendanceRow, AttendanceStatus, DailyAssignmentRow } from '../../store/companyRows.js';
import { addDays, closedDaysBefore, dayOfWeek, isWorkingDay, nextWorkingDays, workingDayOfMonth } from '../../forecast/workCalendar.js';
import { at, demoDays, type DemoDay } from './demoCalendar.js';
import { minutesOf, type DemoDefinition } from './demoDefinition.js';
import { startOfZonedDay, zonedEpoch } from '../../config/zonedTime.js';
import { durationDays } from '../../api/durations.js';
import type { DemoStaff } from './demoOperators.js';
import { capacityUntil, seriesKey, seriesOf, LUNCH_FACTOR, type DemoSeries } from './demoSeries.js';
import type { DemoDayPlan } from './demoSnapshots.js';
import type { Random } from './random.js';

const MINUTE = 60_000;

export interface DemoPlanning extends DemoDayPlan {
  /** Every working day's items but the anchor day's, which the snapshots draw (completeArrivals adds them). */
  arrivals: Omit<ArrivalRow, 'arrival_id'>[];
  attendance: AttendanceRow[];
  assignments: DailyAssignmentRow[];
}

/**
 * The demo company's daily history for planning: the items that arrive per series and day,
 * and every operator's attendance, for `historyDays` before the anchor and the next working
 * days. Volume is what claims entry has: a weekday pattern, the monthly claims cycle
 * (レセプト peaks on the first working days), holidays (closed days' items arrive the next
 * working day), a slow trend, unusual days and noise. Absence is higher on Mondays and after
 * long weekends, and differs between people; paid leave is asked for days ahead, so the
 * coming days already show it. Work that runs past the end of the day is overtime.
 */
export function generatePlanning(def: DemoDefinition, staff: DemoStaff, anchorMs: number, volumeR: Random, attendanceR: Random): DemoPlanning {
  const p = def.planning;
  const series = seriesOf(def, staff);
  const history = demoDays(def, anchorMs, def.historyDays).filter((d) => d.workday);
  const anchorDay = history[history.length - 1]!;
  if (!anchorDay.isAnchorDay) throw new Error('the demo anchor must fall on a working day');
  const ahead = nextWorkingDays(anchorDay.date, p.daysAhead).map((date) => dayOf(def, date));

  // Items per series and day. The capacity and the times of day are fixed: computed once, not per row.
  const capacity = new Map(series.map((s) => [seriesKey(s), capacityUntil(def, s, s.deadline)]));
  const startOffset = minutesOf(def.workday.start) * MINUTE;
  const endOffset = minutesOf(def.workday.end) * MINUTE;
  const askedOffset = minutesOf('10:00') * MINUTE;
  const volume = new Map<string, number>();
  const arrivals: DemoPlanning['arrivals'] = [];
  for (const day of history) {
    if (day.isAnchorDay) continue;
    const dow = dayOfWeek(day.date);
    const wdm = workingDayOfMonth(day.date);
    const after = 1 + p.afterClosurePerDay * Math.max(0, closedDaysBefore(day.date) - 2);
    // A rate per year of elapsed time: a slow drift, where an hour of DST is no matter.
    const trend = 1 + (p.trendPerYear * (day.midnight - anchorDay.midnight)) / durationDays(365);
    for (const s of series) {
      const month = p.monthStartFactors[s.businessId]?.[wdm - 1] ?? p.monthRestFactor[s.businessId] ?? 1;
      const unusual = volumeR.chance(p.unusualShare) ? volumeR.pick([0.55, 1.45]) : 1;
      const noise = Math.exp(volumeR.normal(0, p.noise));
      const items = Math.round(capacity.get(seriesKey(s))! * p.volumeShare * p.weekdayFactors[dow - 1]! * month * after * trend * unusual * noise);
      volume.set(`${day.date}\u0000${seriesKey(s)}`, items);
      arrivals.push({
        arrival_date: day.date,
        location_name: s.site,
        business_id: s.businessId,
        process_name: s.process,
        items,
        updated_at: day.midnight + startOffset,
      });
    }
  }

  // Attendance: a propensity per person, then each day's status.
  const people = staff.operators.filter((o) => o.is_valid === 1 && staff.assignment.has(o.operator_id));
  const propensity = new Map(people.map((o) => [o.operator_id, Math.exp(attendanceR.normal(0, 0.5))]));
  const attendance: AttendanceRow[] = [];
  const assignments: DailyAssignmentRow[] = [];
  const presentShare = new Map<string, number>();
  const snapshotFrom = addDays(anchorDay.date, -(def.days - 1));
  const dayStarts = new Map<string, number>();
  for (const day of [...history, ...ahead]) {
    const future = day.midnight > anchorDay.midnight;
    const dow = dayOfWeek(day.date);
    const longBreak = closedDaysBefore(day.date) > 2;
    const statuses = new Map<number, { status: AttendanceStatus; askedAt: number | null; lateMinutes: number }>();
    // The start of the local day `n` days before this one, looked up once per local date (a few values for every person,
    // the same dates for neighbouring days).
    const startBefore = (n: number): number => {
      const date = addDays(day.date, -n);
      let t = dayStarts.get(date);
      if (t === undefined) dayStarts.set(date, (t = startOfZonedDay(day.midnight, def.timeZone, -n)));
      return t;
    };
    for (const o of people) {
      const leave = attendanceR.chance(p.paidLeave);
      const askedDays = attendanceR.int(p.leaveKnownDays[0], p.leaveKnownDays[1]);
      const absentP = p.absence * propensity.get(o.operator_id)! * (dow === 1 ? p.mondayAbsenceFactor : 1) * (longBreak ? p.afterHolidayAbsenceFactor : 1);
      const absent = attendanceR.chance(absentP);
      const late = attendanceR.chance(p.late);
      const lateMinutes = attendanceR.int(10, 60);
      const askedAt = startBefore(askedDays) + askedOffset;
      let status: AttendanceStatus;
      // Leave asked for by now is known for the coming days; absence and lateness are not known ahead.
      if (leave && (!future || askedAt <= anchorMs)) status = 'paid_leave';
      else if (future) status = 'scheduled';
      else if (absent) status = 'absent';
      else if (late) status = 'late';
      else status = 'present';
      statuses.set(o.operator_id, { status, askedAt: status === 'paid_leave' ? Math.min(askedAt, anchorMs) : null, lateMinutes });
    }
    const working = (id: number): boolean => ['present', 'late'].includes(statuses.get(id)!.status);
    const sites = new Map<string, { staff: number; present: number }>();
    for (const o of people) {
      const c = sites.get(o.location_name) ?? { staff: 0, present: 0 };
      c.staff++;
      if (working(o.operator_id)) c.present++;
      sites.set(o.location_name, c);
    }
    for (const [site, c] of sites) presentShare.set(`${site}\u0000${day.date}`, c.staff > 0 ? c.present / c.staff : 1);

    // Overtime: what a series' present staff cannot do in the working day, up to the limit.
    const overtime = new Map<string, number>();
    if (!future && !day.isAnchorDay) {
      const dayMinutes = minutesBetween(def.workday.start, def.workday.end) - (1 - LUNCH_FACTOR) * minutesBetween(def.workday.lunchStart, def.workday.lunchEnd);
      for (const s of series) {
        const items = volume.get(`${day.date}\u0000${seriesKey(s)}`) ?? 0;
        const share = presentShare.get(`${s.site}\u0000${day.date}`) ?? 1;
        const need = items / Math.max(1e-9, s.perMinute * share);
        if (need > dayMinutes) overtime.set(seriesKey(s), Math.min(p.maxOvertimeMinutes, Math.ceil((need - dayMinutes) / 5) * 5));
      }
    }

    for (const o of people) {
      const { status, askedAt, lateMinutes } = statuses.get(o.operator_id)!;
      const a = staff.assignment.get(o.operator_id)!;
      const key = seriesKey({ site: o.location_name, businessId: a.businessId, process: a.process });
      const start = day.midnight + startOffset;
      const end = day.midnight + endOffset;
      const extra = (overtime.get(key) ?? 0) * MINUTE;
      const onLeave = status === 'paid_leave';
      const actualStart = status === 'present' ? start - attendanceR.int(0, 10) * MINUTE : status === 'late' ? start + lateMinutes * MINUTE : null;
      const actualEnd = working(o.operator_id) && !day.isAnchorDay ? end + extra : null;
      attendance.push({
        attendance_id: attendance.length + 1,
        operator_id: o.operator_id,
        attendance_date: day.date,
        attendance_status: status,
        planned_start: onLeave ? null : start,
        planned_end: onLeave ? null : end,
        actual_start: actualStart,
        actual_end: actualEnd,
        // When the row last changed: the leave request, the roster published on the anchor morning, the clock-in or clock-out.
        updated_at: askedAt ?? (future ? at(anchorDay, '08:00') : (actualEnd ?? actualStart ?? at(day, '09:30'))),
      });
      // Who worked what, as the floor recorded it by hand, for the days the snapshots cover.
      if (!future && day.date >= snapshotFrom && working(o.operator_id)) {
        assignments.push({
          assignment_id: assignments.length + 1,
          assignment_date: day.date,
          operator_id: o.operator_id,
          location_name: o.location_name,
          process_name: a.process,
          business_id: a.businessId,
          start_time: start,
          end_time: end + extra,
          assigned_by: 'manual',
          plan_id: null,
          updated_at: at({ midnight: startBefore(1) }, '17:00'),
        });
      }
    }
  }

  return {
    arrivals,
    attendance,
    assignments,
    volumeOf: (date: string, s: DemoSeries) => volume.get(`${date}\u0000${seriesKey(s)}`),
    presentShare: (site: string, date: string) => presentShare.get(`${site}\u0000${date}`) ?? 1,
  };
}

const minutesBetween = (from: string, to: string): number => minutesOf(to) - minutesOf(from);

/** A working day after the anchor, in the calendar's shape. */
function dayOf(def: DemoDefinition, date: string): DemoDay {
  const [y, m, d] = date.split('-').map(Number);
  return { midnight: zonedEpoch(def.timeZone, y!, m!, d!), date, weekday: true, workday: isWorkingDay(date), isAnchorDay: false };
}
