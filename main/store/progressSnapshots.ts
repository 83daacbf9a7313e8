import type Database from 'better-sqlite3';

/**
 * The one reader of progress_snapshots for the figures a manager reads: the latest state of each series at a time, the
 * items done and the speed over a window, when a series finished, and the measures derived from progress (needed speed,
 * projected finish, slack). Placement (the overview), the alert rules and the chat all read through it, so a speed is
 * the same figure on every screen. The forecast's daily volumes and the sync read the table for their own purposes.
 *
 * A series is one site × business × process. entry_count (done) and total_waiting (remaining) are the day's counters.
 */

const MINUTE = 60_000;

/**
 * Consecutive snapshots further apart than this are not one stretch of work: entry_count restarts each day, and the night
 * between two days is not time spent working slowly.
 */
export const MAX_GAP_MS = 3 * 3_600_000;

export interface SeriesKey {
  site: string;
  process: string;
  businessId: string;
}

export interface Snapshot extends SeriesKey {
  at: number;
  remaining: number;
  done: number;
  correction: number;
  deadline: number | null;
  /** remaining + done at the series' first snapshot in the window read: what it started with. */
  startTotal: number;
}

/** Narrows a read to the sites, processes and businesses named (an empty or absent list: all). */
export interface SeriesFilter {
  site?: readonly string[];
  process?: readonly string[];
  business?: readonly string[];
}

/**
 * Every series the table has ever held, in the order of snapshots_by_series. A skip scan of that covering index: one
 * seek per site, per process of a site and per series (about 150 on the demo company), where a DISTINCT read every
 * snapshot (59,000) and each question's check of the names it mentions paid for it.
 */
export function allSeries(db: Database.Database): SeriesKey[] {
  return db
    .prepare(
      `WITH RECURSIVE
         s(site) AS (SELECT MIN(location_name) FROM progress_snapshots
           UNION ALL SELECT (SELECT MIN(location_name) FROM progress_snapshots WHERE location_name > s.site) FROM s WHERE s.site IS NOT NULL),
         p(site, process) AS (SELECT site, (SELECT MIN(process_name) FROM progress_snapshots WHERE location_name = s.site) FROM s WHERE s.site IS NOT NULL
           UNION ALL SELECT p.site, (SELECT MIN(process_name) FROM progress_snapshots WHERE location_name = p.site AND process_name > p.process)
             FROM p WHERE p.process IS NOT NULL),
         b(site, process, businessId) AS (
           SELECT site, process, (SELECT MIN(business_id) FROM progress_snapshots WHERE location_name = p.site AND process_name = p.process)
             FROM p WHERE p.process IS NOT NULL
           UNION ALL SELECT b.site, b.process,
             (SELECT MIN(business_id) FROM progress_snapshots WHERE location_name = b.site AND process_name = b.process AND business_id > b.businessId)
             FROM b WHERE b.businessId IS NOT NULL)
       SELECT site, process, businessId FROM b WHERE businessId IS NOT NULL ORDER BY site, process, businessId`,
    )
    .all() as SeriesKey[];
}

export const seriesKey = (s: SeriesKey): string => `${s.site}|${s.process}|${s.businessId}`;

const json = (xs: readonly string[] | undefined): string | null => (xs && xs.length ? JSON.stringify(xs) : null);
const filterParams = (f: SeriesFilter): { site: string | null; process: string | null; business: string | null } => ({
  site: json(f.site),
  process: json(f.process),
  business: json(f.business),
});
const FILTER = `(@site IS NULL OR location_name IN (SELECT value FROM json_each(@site)))
  AND (@process IS NULL OR process_name IN (SELECT value FROM json_each(@process)))
  AND (@business IS NULL OR business_id IN (SELECT value FROM json_each(@business)))`;
/**
 * A filter that names whole series (site, process and business all given) is read through snapshots_by_series, one
 * range per series: the `@x IS NULL OR` form above keeps SQLite on snapshots_by_time, which reads every series' rows in
 * the window (a week of one series: ~14,000 rows read for ~280). The rows are the same either way.
 */
const filterOf = (f: SeriesFilter): string =>
  f.site?.length && f.process?.length && f.business?.length
    ? `location_name IN (SELECT value FROM json_each(@site)) AND process_name IN (SELECT value FROM json_each(@process))
  AND business_id IN (SELECT value FROM json_each(@business))`
    : FILTER;

/** The newest snapshot of each series in [from, at] (the series the filter names), in site, business, process order. */
export function latestSnapshots(db: Database.Database, from: number, at: number, filter: SeriesFilter = {}): Snapshot[] {
  return db
    .prepare(
      `WITH s AS (SELECT location_name AS site, process_name AS process, business_id AS businessId, snapshot_time AS at, total_waiting AS remaining,
                         entry_count AS done, correction_waiting AS correction, expected_completion_time AS deadline
                  FROM progress_snapshots WHERE snapshot_time >= @from AND snapshot_time <= @at AND ${filterOf(filter)})
       SELECT s.*, (SELECT f.remaining + f.done FROM s f WHERE f.site = s.site AND f.process = s.process AND f.businessId = s.businessId ORDER BY f.at LIMIT 1) AS startTotal
       FROM s JOIN (SELECT site, process, businessId, MAX(at) AS at FROM s GROUP BY 1, 2, 3) l
         ON l.site = s.site AND l.process = s.process AND l.businessId = s.businessId AND l.at = s.at
       ORDER BY s.site, s.businessId, s.process`,
    )
    .all({ from, at, ...filterParams(filter) }) as Snapshot[];
}

/** The series with a snapshot in [from, to] that the filter names. */
export function seriesIn(db: Database.Database, from: number, to: number, filter: SeriesFilter = {}): SeriesKey[] {
  return db
    .prepare(
      `SELECT DISTINCT location_name AS site, process_name AS process, business_id AS businessId FROM progress_snapshots
       WHERE snapshot_time >= @from AND snapshot_time <= @to AND ${filterOf(filter)} ORDER BY 1, 2, 3`,
    )
    .all({ from, to, ...filterParams(filter) }) as SeriesKey[];
}

/** One stretch between two consecutive snapshots of a series that counts as work (see `countsAsWork`). */
export interface Stretch {
  from: number;
  to: number;
  items: number;
  perMinute: number;
}

/**
 * THE gap rule, the one place it is written. A stretch between two consecutive snapshots a → b counts towards a speed
 * only when:
 * - b is at most MAX_GAP_MS after a (a night or a closed day is not slow work),
 * - done did not go down (the day's counter restarted: a new day),
 * - work was still remaining at b. A series with nothing left is finished, not slow: once the day's work is done it
 *   stands still because nothing is left, and counting that time would report finished work as slowness (the stretch
 *   that ends on the last item is left out too: its minutes after the last item are idle, not work).
 */
function countsAsWork(a: { t: number; done: number }, b: { t: number; done: number; remaining: number }): boolean {
  return b.t > a.t && b.t - a.t <= MAX_GAP_MS && b.done >= a.done && b.remaining > 0;
}

type Row = SeriesKey & { t: number; done: number; remaining: number };

function rowsIn(db: Database.Database, from: number, to: number, filter: SeriesFilter): Map<string, Row[]> {
  const rows = db
    .prepare(
      `SELECT location_name AS site, process_name AS process, business_id AS businessId, snapshot_time AS t, entry_count AS done, total_waiting AS remaining
       FROM progress_snapshots WHERE snapshot_time >= @from AND snapshot_time <= @to AND ${filterOf(filter)}
       ORDER BY location_name, process_name, business_id, snapshot_time`,
    )
    .all({ from, to, ...filterParams(filter) }) as Row[];
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = seriesKey(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const stretchesOf = (rows: readonly Row[]): Stretch[] => {
  const out: Stretch[] = [];
  for (let k = 1; k < rows.length; k++) {
    const a = rows[k - 1]!;
    const b = rows[k]!;
    if (!countsAsWork(a, b)) continue;
    out.push({ from: a.t, to: b.t, items: b.done - a.done, perMinute: (b.done - a.done) / ((b.t - a.t) / MINUTE) });
  }
  return out;
};

const speedOfStretches = (s: readonly Stretch[]): number | null => {
  const minutes = s.reduce((m, x) => m + (x.to - x.from) / MINUTE, 0);
  return minutes > 0 ? s.reduce((n, x) => n + x.items, 0) / minutes : null;
};

/** The stretches of one series in [from, to] that count as work, in time order. */
export function workStretches(db: Database.Database, p: SeriesKey, from: number, to: number): Stretch[] {
  return stretchesOf(rowsIn(db, from, to, { site: [p.site], process: [p.process], business: [p.businessId] }).get(seriesKey(p)) ?? []);
}

/**
 * Items per minute of one series over [from, to]: the items done in its stretches of work over their minutes (the gap
 * rule above). Null when the window holds no stretch of work: too few snapshots, or nothing was left to do.
 */
export function speedOver(db: Database.Database, p: SeriesKey, from: number, to: number): number | null {
  return speedOfStretches(workStretches(db, p, from, to));
}

/** `speedOver` for every series the filter names, in one read: key (`seriesKey`) → items per minute, or null. */
export function speedsOver(db: Database.Database, from: number, to: number, filter: SeriesFilter = {}): Map<string, number | null> {
  return new Map([...rowsIn(db, from, to, filter)].map(([k, rows]) => [k, speedOfStretches(stretchesOf(rows))]));
}

/** Items one series completed over [from, to] in its stretches of work (the same items the speed counts). */
export function doneOver(db: Database.Database, p: SeriesKey, from: number, to: number): number {
  return workStretches(db, p, from, to).reduce((n, x) => n + x.items, 0);
}

/**
 * When each series the filter names finished in [from, at]: its first snapshot with nothing remaining after which it
 * stayed at nothing up to `at`. A series with work left at its latest snapshot is absent.
 */
export function finishTimes(db: Database.Database, from: number, at: number, filter: SeriesFilter = {}): Map<string, number> {
  const rows = db
    .prepare(
      // MATERIALIZED: read the window's snapshots once; inlined twice, the outer read walked the whole table by series.
      `WITH s AS MATERIALIZED (SELECT location_name AS site, process_name AS process, business_id AS businessId, snapshot_time AS t, total_waiting AS remaining
                  FROM progress_snapshots WHERE snapshot_time >= @from AND snapshot_time <= @at AND ${filterOf(filter)}),
            open AS (SELECT site, process, businessId, MAX(t) AS t FROM s WHERE remaining > 0 GROUP BY 1, 2, 3)
       SELECT s.site, s.process, s.businessId, MIN(s.t) AS t FROM s
         LEFT JOIN open o ON o.site = s.site AND o.process = s.process AND o.businessId = s.businessId
        WHERE s.remaining <= 0 AND (o.t IS NULL OR s.t > o.t) GROUP BY 1, 2, 3`,
    )
    .all({ from, at, ...filterParams(filter) }) as (SeriesKey & { t: number })[];
  return new Map(rows.map((r) => [seriesKey(r), r.t]));
}

/** `finishTimes` of one series: when it finished, or null while it has work left. */
export function finishedAt(db: Database.Database, p: SeriesKey, from: number, at: number): number | null {
  return finishTimes(db, from, at, { site: [p.site], process: [p.process], business: [p.businessId] }).get(seriesKey(p)) ?? null;
}

// The measures derived from progress, declared once: every screen and answer computes them here.

/** Items per minute needed from `at` to finish `remaining` by `deadline`; null without a deadline, once it has passed, or with nothing left. */
export function neededSpeed(remaining: number, deadline: number | null, at: number): number | null {
  if (remaining <= 0 || deadline === null) return null;
  const minutesLeft = (deadline - at) / MINUTE;
  return minutesLeft > 0 ? remaining / minutesLeft : null;
}

/** When `remaining` items are done from `at` at `perMinute` (unrounded epoch ms); null with no speed (stalled, or not known). */
export function projectedFinish(remaining: number, perMinute: number | null, at: number): number | null {
  if (remaining <= 0) return at;
  return perMinute && perMinute > 0 ? at + (remaining / perMinute) * MINUTE : null;
}

/** Minutes from the projected finish to the deadline: positive is slack, negative is late. Null when either is unknown. */
export function slackMinutes(finish: number | null, deadline: number | null): number | null {
  return finish === null || deadline === null ? null : Math.round((deadline - finish) / MINUTE);
}

/**
 * The speed of each series just before its own latest snapshot: its stretches of work in [max(floor, at − windowMs), at]
 * for each snapshot given (the overview's "speed now"). Key (`seriesKey`) → items per minute, or null.
 */
export function recentSpeeds(db: Database.Database, latest: readonly Snapshot[], windowMs: number, floor: number): Map<string, number | null> {
  if (latest.length === 0) return new Map();
  const from = Math.min(...latest.map((s) => Math.max(floor, s.at - windowMs)));
  const to = Math.max(...latest.map((s) => s.at));
  const rows = rowsIn(db, from, to, {});
  return new Map(
    latest.map((s) => {
      const start = Math.max(floor, s.at - windowMs);
      const mine = (rows.get(seriesKey(s)) ?? []).filter((r) => r.t >= start && r.t <= s.at);
      return [seriesKey(s), speedOfStretches(stretchesOf(mine))];
    }),
  );
}
