import type { OffPerson } from '../api/planTypes.js';
import type Database from 'better-sqlite3';
import type { GenbaConfig } from '../config/config.js';
import { localDate, wallClock } from '../config/zonedTime.js';
import { forecastStore } from '../forecast/forecastNow.js';
import { nextWorkingDays } from '../forecast/workCalendar.js';
import { ATTENDANCE_OF_DAY } from '../store/attendanceOfDay.js';
import { latestDeadlines } from '../store/progressSnapshots.js';
import { planPolicy, type PlanDemand, type PlanOperator, type PlanProblem } from './planProblem.js';

/** P80 read from P10–P90 as a normal spread's: the 80th percentile lies 0.8416 / 1.2816 of the way from the median to P90. */
export const P80_OF_P90 = 0.8416 / 1.2816;

/** What the plan was built from, for the manager and the tests: nothing of it is guessed silently. */
export interface PlanInputs {
  problem: PlanProblem;
  date: string;
  /** The day the forecast's history ends (the plan knows only what was known then). */
  forecastAsOf: string;
  /** People with a record that day, and of them on leave (paid leave known ahead, or absent). */
  rostered: number;
  onLeave: number;
  /** Valid operators without an attendance record that day: planned as available, and said so. */
  withoutRecord: number;
  /** People off that day per site (leave, absence), as known. */
  offBySite: Record<string, number>;
  /** Who is off that day and why, as known: the Plan view names them. */
  offPeople: OffPerson[];
  /** Series the forecast could not cover (too little history): left out of the plan, and named. */
  unforecast: string[];
}

const minuteOf = (hm: string): number => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * A day's plan problem from the store: every valid operator with their skills and that day's
 * attendance (leave and absence take both blocks away), the forecast items of each series
 * with their deadline (the business's deadline in its latest snapshots), and the policy of
 * the config (placement's skill level, experience and distances; planning's day and limits).
 */
export function planInputs(
  db: Database.Database,
  o: { date: string; now: number; config: GenbaConfig; distancesKm: Record<string, Record<string, number>>; businessNames: Record<string, string> },
): PlanInputs {
  const tz = o.config.timeZone;
  const c = o.config.planning;
  const today = localDate(o.now, tz);
  const horizon = nextWorkingDays(today, 10).indexOf(o.date) + 1;
  if (horizon <= 0) throw new RangeError(`not one of the next 10 working days after ${today}: ${o.date}`);

  const staff = planOperators(db, o.date, { maxWorkMinutes: c.maxWorkMinutes });
  const deadlines = businessDeadlines(db, tz);
  const f = forecastStore(db, { now: o.now, timeZone: tz, days: horizon });
  const demands: PlanDemand[] = [];
  for (const s of f.series) {
    const d = s.days.find((x) => x.date === o.date);
    if (!d || d.p50 <= 0) continue;
    demands.push({
      site: s.site,
      businessId: s.businessId,
      businessName: o.businessNames[s.businessId],
      process: s.process,
      p50: Math.round(d.p50),
      p80: Math.round(d.p50 + (d.p90 - d.p50) * P80_OF_P90),
      p10: Math.round(d.p10),
      p90: Math.round(d.p90),
      ...(d.company !== undefined ? { company: d.company } : {}),
      // Without a deadline in the snapshots, the work is due by the end of the day.
      deadlineMinute: deadlines.get(`${s.site}\u0000${s.businessId}`) ?? minuteOf(c.workday.end),
    });
  }

  return {
    problem: {
      day: planDay(o.config),
      operators: staff.operators,
      demands,
      policy: planPolicy({ ...o.config.placement, distancesKm: o.distancesKm }, { bufferShare: c.bufferShare, maxOvertimeMinutes: c.maxOvertimeMinutes }),
    },
    date: o.date,
    forecastAsOf: f.asOf,
    rostered: staff.rostered,
    onLeave: staff.onLeave,
    withoutRecord: staff.withoutRecord,
    offBySite: staff.offBySite,
    offPeople: staff.offPeople,
    unforecast: f.tooShort.map((t) => t.key),
  };
}

/** The config's working day in minutes after midnight. */
export function planDay(config: GenbaConfig): PlanProblem['day'] {
  const w = config.planning.workday;
  return { startMinute: minuteOf(w.start), lunchStartMinute: minuteOf(w.lunchStart), lunchEndMinute: minuteOf(w.lunchEnd), endMinute: minuteOf(w.end) };
}

/**
 * Every valid operator with their skills and that day's attendance: leave and absence take
 * both blocks away. `knownAt`: only what the records said by then (a day planned the evening
 * before knows the leave asked for, not the morning's absences), for judging plans on history.
 */
export function planOperators(
  db: Database.Database,
  date: string,
  o: { maxWorkMinutes: number; knownAt?: number },
): { operators: PlanOperator[]; rostered: number; onLeave: number; withoutRecord: number; offBySite: Record<string, number>; offPeople: OffPerson[] } {
  const people = db
    .prepare(
      `SELECT o.operator_id AS id, o.operator_name AS name, o.location_name AS site, a.attendance_status AS status, a.updated_at AS at
       FROM operators o LEFT JOIN ${ATTENDANCE_OF_DAY} a ON a.operator_id = o.operator_id AND a.attendance_date = ?
       WHERE o.is_valid = 1 ORDER BY o.operator_id`,
    )
    .all(date) as { id: number; name: string; site: string; status: string | null; at: number | null }[];
  const skills = db
    .prepare(
      `SELECT c.operator_id AS id, c.process_name AS process, MAX(c.skill_level) AS skill, MAX(c.average_speed) AS perHour, MAX(c.experience_months) AS months,
         MIN(c.capability_id) AS registered
       FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id WHERE o.is_valid = 1
       GROUP BY c.operator_id, c.process_name ORDER BY c.operator_id, registered`,
    )
    .all() as { id: number; process: string; skill: number; perHour: number; months: number; registered: number }[];
  const skillsOf = new Map<number, PlanOperator['skills']>();
  for (const s of skills)
    skillsOf.set(s.id, [...(skillsOf.get(s.id) ?? []), { process: s.process, skill: s.skill, perHour: s.perHour, experienceMonths: s.months }]);
  for (const list of skillsOf.values()) usualOf(list).usual = true;
  const known = (p: (typeof people)[number]): string | null => (o.knownAt === undefined || (p.at !== null && p.at <= o.knownAt) ? p.status : null);
  const off = (status: string | null): boolean => status === 'paid_leave' || status === 'absent';
  return {
    operators: people.map((p) => ({
      id: p.id,
      name: p.name,
      site: p.site,
      skills: skillsOf.get(p.id) ?? [],
      blocks: { am: !off(known(p)), pm: !off(known(p)) },
      maxWorkMinutes: o.maxWorkMinutes,
    })),
    rostered: people.filter((p) => p.status !== null).length,
    onLeave: people.filter((p) => off(known(p))).length,
    withoutRecord: people.filter((p) => p.status === null).length,
    offBySite: people.reduce<Record<string, number>>((m, p) => (off(known(p)) ? { ...m, [p.site]: (m[p.site] ?? 0) + 1 } : m), {}),
    offPeople: people.flatMap((p) => {
      const status = known(p);
      return status === 'paid_leave' || status === 'absent' ? [{ operatorId: p.id, name: p.name, site: p.site, status }] : [];
    }),
  };
}

/** Each business's deadline at each site, as its latest snapshots give it (minutes after local midnight). */
export function businessDeadlines(db: Database.Database, timeZone: string): Map<string, number> {
  const deadlines = new Map<string, number>();
  for (const r of latestDeadlines(db)) {
    const w = wallClock(r.t, timeZone);
    deadlines.set(`${r.site}\u0000${r.businessId}`, w.hour * 60 + w.minute);
  }
  return deadlines;
}

/**
 * A person's usual process: the most experienced one (as the proposals assume when no
 * assignment is recorded), then the higher level, then the one registered first. `list` is
 * in the order the capabilities were registered.
 */
export function usualOf<T extends { experienceMonths: number; skill: number }>(list: readonly T[]): T {
  return list.reduce((a, b) => (b.experienceMonths > a.experienceMonths || (b.experienceMonths === a.experienceMonths && b.skill > a.skill) ? b : a));
}
