import type Database from 'better-sqlite3';
import type { TodayArrivals } from '../api/planTypes.js';
import { localDate, startOfZonedDay, wallClock, zonedEpoch, zoneOffsetMs } from '../config/zonedTime.js';
import { countSnapshots, snapshotVolumesIn } from '../store/progressSnapshots.js';
import { volumeKey } from './dailyVolumes.js';
import { reforecastDay, shareBand, type ShareBand } from './reforecastDay.js';
import { forecastOfToday } from './todayForecast.js';

/** The usual share by a time of day comes from the last 20 working days that have snapshots (four weeks). */
const PROFILE_DAYS = 20;
/** Below this a series borrows the shares of all series: a week of its own says little about its spread. */
const MIN_OWN_DAYS = 5;

/** A series' snapshots of one day: the clock minute of each and the items it had received by then (done plus waiting). */
type DayCurve = { minute: number; value: number }[];

/** A series' items arrived today so far, and the share of a day that had usually arrived by then. */
export interface ArrivedToday {
  key: string;
  site: string;
  businessId: string;
  process: string;
  arrived: number;
  asOf: number;
  share: ShareBand | null;
  profileDays: number;
}

/**
 * The items every series that has recorded some today has received so far: the company's
 * arrivals where it records today's (as of now), else the latest snapshot's done plus waiting;
 * with the share of a day's items that had arrived by that time of day on earlier days, from
 * their snapshots (any company has those).
 */
export function arrivedToday(db: Database.Database, o: { now: number; timeZone: string }): ArrivedToday[] {
  const today = localDate(o.now, o.timeZone);
  const dayStart = startOfZonedDay(o.now, o.timeZone);
  const curves = new Map(pastCurves(db, o.timeZone, dayStart));
  for (const [key, c] of snapshotCurves(db, o.timeZone, dayStart, o.now)) {
    const before = curves.get(key);
    curves.set(key, before ? { ...before, days: new Map([...before.days, ...c.days]) } : c);
  }
  const recorded = new Map(
    (
      db
        .prepare(
          `SELECT location_name AS site, business_id AS businessId, process_name AS process, SUM(items) AS items
           FROM arrivals WHERE arrival_date = ? GROUP BY location_name, business_id, process_name`,
        )
        .all(today) as { site: string; businessId: string; process: string; items: number }[]
    ).map((r) => [volumeKey(r.site, r.businessId, r.process), r]),
  );
  // The curves count wall-clock minutes of the local day (10:00 is minute 600 on a DST day too), and so does now.
  const clock = wallClock(o.now, o.timeZone);
  const nowMinute = clock.hour * 60 + clock.minute;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const atMinute = (minute: number): number => zonedEpoch(o.timeZone, y, m, d, Math.floor(minute / 60), minute % 60);
  const named = new Map<string, { site: string; businessId: string; process: string }>(recorded);
  for (const [key, c] of curves) if (c.days.has(today)) named.set(key, c);
  return [...named]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, { site, businessId, process }]) => {
      const own = curves.get(key)?.days;
      const latest = own?.get(today)?.at(-1);
      const fromArrivals = recorded.get(key);
      const minute = fromArrivals ? nowMinute : latest!.minute;
      let shares = sharesAt(own, today, minute);
      if (shares.length < MIN_OWN_DAYS) shares = [...curves.values()].flatMap((c) => sharesAt(c.days, today, minute));
      return {
        key,
        site,
        businessId,
        process,
        arrived: fromArrivals ? fromArrivals.items : latest!.value,
        asOf: fromArrivals ? o.now : atMinute(minute),
        share: shareBand(shares),
        profileDays: shares.length,
      };
    });
}

/** Today's items of every series that has recorded some today, re-estimated during the day (see reforecastDay). */
export function todayArrivals(db: Database.Database, o: { now: number; timeZone: string }): TodayArrivals[] {
  const forecasts = forecastOfToday(db, o);
  return arrivedToday(db, o).map((a) => {
    const forecast = forecasts.get(a.key) ?? null;
    const r = reforecastDay({ arrived: a.arrived, share: a.share, forecast });
    return {
      key: a.key,
      site: a.site,
      businessId: a.businessId,
      process: a.process,
      arrived: a.arrived,
      asOf: a.asOf,
      usualShare: a.share?.p50 ?? null,
      profileDays: a.profileDays,
      rest: r.rest,
      total: r.total,
      complete: r.complete,
      forecast: forecast && { p10: forecast.p10, p50: forecast.p50, p90: forecast.p90 },
    };
  });
}

/** On each of the last PROFILE_DAYS days before today: the share of the day's items received by `minute`. */
function sharesAt(days: Map<string, DayCurve> | undefined, today: string, minute: number): number[] {
  if (!days) return [];
  const dates = [...days.keys()].filter((d) => d < today).sort();
  return dates.slice(-PROFILE_DAYS).flatMap((d) => {
    const curve = days.get(d)!;
    const end = curve.at(-1)!.value;
    if (end <= 0) return [];
    let by = 0;
    for (const p of curve) if (p.minute <= minute) by = p.value;
    return [Math.min(1, by / end)];
  });
}

const pastMemo = new WeakMap<Database.Database, { key: string; value: Map<string, SeriesCurves> }>();

/** The curves of the six weeks before today: read once a day (and again when a late snapshot changes them), not at every alert check. */
function pastCurves(db: Database.Database, timeZone: string, dayStart: number): Map<string, SeriesCurves> {
  // Six weeks of local days before today's start.
  const from = startOfZonedDay(dayStart, timeZone, -42);
  const key = `${dayStart}|${timeZone}|${countSnapshots(db, from, dayStart)}`;
  const cached = pastMemo.get(db);
  if (cached?.key === key) return cached.value;
  const value = snapshotCurves(db, timeZone, from, dayStart - 1);
  pastMemo.set(db, { key, value });
  return value;
}

interface SeriesCurves {
  site: string;
  businessId: string;
  process: string;
  days: Map<string, DayCurve>;
}

/** Each series' snapshots from `from` to `to`, by local date, as clock minutes and items received. */
function snapshotCurves(db: Database.Database, timeZone: string, from: number, to: number): Map<string, SeriesCurves> {
  const rows = snapshotVolumesIn(db, from, to);
  // The zone's offset and the local date, memoised per hour: the offset changes at most on the hour.
  const hours = new Map<number, { offset: number; date: string }>();
  const hourOf = (t: number): { offset: number; date: string } => {
    const hour = Math.floor(t / 3_600_000);
    let v = hours.get(hour);
    if (v === undefined) {
      const offset = zoneOffsetMs(t, timeZone);
      hours.set(hour, (v = { offset, date: new Date(t + offset).toISOString().slice(0, 10) }));
    }
    return v;
  };
  const out = new Map<string, SeriesCurves>();
  for (const [site, businessId, process, t, value] of rows) {
    const { offset, date } = hourOf(t);
    // The wall-clock time written as UTC: its UTC hours and minutes are the local ones.
    const local = new Date(t + offset);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const key = volumeKey(site, businessId, process);
    let series = out.get(key);
    if (!series) out.set(key, (series = { site, businessId, process, days: new Map() }));
    let curve = series.days.get(date);
    if (!curve) series.days.set(date, (curve = []));
    curve.push({ minute, value });
  }
  return out;
}
