import type Database from 'better-sqlite3';
import { HOURS_24_MS } from '../api/durations.js';
import { speedOfStretches, stretchesOf, type SeriesPoint, type Stretch } from './progressRules.js';

/**
 * The one home of progress_snapshots: every SQL in main/ about the local table is written here (the migrations create
 * it; the sync's default SELECT reads the company's table of that name, sync/tableSpecs.ts; the column lists and the
 * generic code name it as data, through `SNAPSHOTS`). The rest of the core reads it through the functions below: the
 * latest state of each series at a time, the items done and the speed over a window with one gap rule, when a series
 * finished, the measures derived from progress (needed speed, projected finish, slack), the day's volumes the forecast
 * fits, and the SQL fragments the chat's semantic layer compiles its progress measures from. Placement (the overview and
 * the decisions' outcomes), the alert rules, the plan, the forecast and the chat all read through it, so a speed is the
 * same figure on every screen and each rule about the table is written once.
 *
 * A series is one site × business × process. entry_count (done) and total_waiting (remaining) are the day's counters;
 * correction_waiting is the items waiting for correction; expected_completion_time is the deadline.
 *
 * The rules that need no SQL (the gap rule, speed over stretches, the derived measures) are store/progressRules.ts.
 *
 * Sections, in order: the table as generic code names it; the series; freshness and change marks; the state at a time;
 * speed; when a series finished; the forecast's volumes; the chat's measures.
 */

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

// ——— The table as generic code names it ———

/**
 * The table and the columns its rows are kept and cut by, as the store's generic code names them: compaction deletes old
 * snapshots by `key` below a cut on `time` (store/compactStore.ts), the sync's state is kept per `table`
 * (store/syncState.ts, read by sync/firstLoad.ts and store/businessNames.ts). They take the name from here, so no SQL
 * about the table is written outside this file.
 */
export const SNAPSHOTS = { table: 'progress_snapshots', key: 'snapshot_id', time: 'snapshot_time' } as const;

// ——— The series ———

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

/** The series with a snapshot in [from, to] that the filter names. */
export function seriesIn(db: Database.Database, from: number, to: number, filter: SeriesFilter = {}): SeriesKey[] {
  return db
    .prepare(
      `SELECT DISTINCT location_name AS site, process_name AS process, business_id AS businessId FROM progress_snapshots
       WHERE snapshot_time >= @from AND snapshot_time <= @to AND ${filterOf(filter)} ORDER BY 1, 2, 3`,
    )
    .all({ from, to, ...filterParams(filter) }) as SeriesKey[];
}

/**
 * The processes and businesses of one site with a snapshot in [from, to], in process, business order: the site's
 * timeline (alerts/siteTimeline.ts). `location_name = ?` with the time range reads the site's part of
 * snapshots_by_series, which covers every column asked; `seriesIn` with a site alone would read the window of every site.
 */
export function seriesAtSite(db: Database.Database, site: string, from: number, to: number): { process: string; businessId: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT process_name AS process, business_id AS businessId FROM progress_snapshots
       WHERE location_name = ? AND snapshot_time >= ? AND snapshot_time <= ? ORDER BY process_name, business_id`,
    )
    .all(site, from, to) as { process: string; businessId: string }[];
}

/** Every business the table names, in no set order (Settings' list of businesses sorts them: store/businessNames.ts). */
export function snapshotBusinesses(db: Database.Database): string[] {
  return (db.prepare('SELECT DISTINCT business_id AS id FROM progress_snapshots').all() as { id: string }[]).map((r) => r.id);
}

/**
 * Every process the table names, as a SELECT of one column to combine with the masters' processes in one ordered UNION
 * (Settings' list of processes: store/processNames.ts).
 */
export const SNAPSHOT_PROCESSES = 'SELECT DISTINCT process_name FROM progress_snapshots';

// ——— Freshness and change marks ———

/** The newest snapshot time at or before `at` (snapshots_by_time: one seek): how fresh the data is. Null for none. */
export function latestSnapshotTime(db: Database.Database, at: number): number | null {
  return (db.prepare('SELECT MAX(snapshot_time) AS t FROM progress_snapshots WHERE snapshot_time <= ?').get(at) as { t: number | null }).t;
}

/** The highest snapshot id (0 for none): it changes with every snapshot synced, so caches of what snapshots give key on it. */
export function lastSnapshotId(db: Database.Database): number {
  return (db.prepare('SELECT COALESCE(MAX(snapshot_id), 0) AS id FROM progress_snapshots').get() as { id: number }).id;
}

/**
 * How many snapshots lie in [from, before) (from null: all before `before`), through snapshots_by_time: a cache of what the
 * earlier days give (today's forecast, the past curves of arrivals) keys on it, so a late snapshot renews it.
 */
export function countSnapshots(db: Database.Database, from: number | null, before: number): number {
  const row =
    from === null
      ? db.prepare('SELECT COUNT(*) AS n FROM progress_snapshots WHERE snapshot_time < ?').get(before)
      : db.prepare('SELECT COUNT(*) AS n FROM progress_snapshots WHERE snapshot_time >= ? AND snapshot_time < ?').get(from, before);
  return (row as { n: number }).n;
}

/**
 * The UTC date ('YYYY-MM-DD', NULL when none) of the first snapshot, as a SELECT of one row and column to combine with the
 * other tables' first days: where the records start (chat/beforeHistory.ts).
 */
export const FIRST_SNAPSHOT_DATE = `SELECT date(MIN(snapshot_time) / 1000, 'unixepoch') FROM progress_snapshots`;

/** When the first snapshot was taken (epoch ms): where the progress records begin; null with none. */
export const firstSnapshotAt = (db: Database.Database): number | null =>
  (db.prepare('SELECT MIN(snapshot_time) AS t FROM progress_snapshots').get() as { t: number | null }).t;

// ——— The state at a time ———

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

/**
 * The newest snapshot of one series at or before `at`: when it was taken and the items left (null for none). One seek of
 * snapshots_by_series, read backwards: a move's work as it stands now (placement/approvedMoves.ts).
 */
export function latestOfSeries(db: Database.Database, p: SeriesKey, at: number): { at: number; remaining: number } | null {
  return (
    (db
      .prepare(
        `SELECT snapshot_time AS at, total_waiting AS remaining FROM progress_snapshots
          WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time <= ? ORDER BY snapshot_time DESC LIMIT 1`,
      )
      .get(p.site, p.process, p.businessId, at) as { at: number; remaining: number } | undefined) ?? null
  );
}

/**
 * Each site's and business's deadline as its latest snapshot with one gives it (epoch ms): the plan sets its end of
 * work by it (plan/planInputs.ts).
 */
export function latestDeadlines(db: Database.Database): { site: string; businessId: string; t: number }[] {
  return db
    .prepare(
      `SELECT s.location_name AS site, s.business_id AS businessId, s.expected_completion_time AS t FROM progress_snapshots s
       JOIN (SELECT location_name, business_id, MAX(snapshot_time) AS m FROM progress_snapshots WHERE expected_completion_time IS NOT NULL GROUP BY 1, 2) l
         ON l.location_name = s.location_name AND l.business_id = s.business_id AND l.m = s.snapshot_time
       WHERE s.expected_completion_time IS NOT NULL`,
    )
    .all() as { site: string; businessId: string; t: number }[];
}

/** The items left of each series at each of its snapshots in [from, to], in time order: the overview's burn-down lines. */
export function remainingTrend(db: Database.Database, from: number, to: number): (SeriesKey & { t: number; remaining: number })[] {
  return db
    .prepare(
      `SELECT location_name AS site, business_id AS businessId, process_name AS process, snapshot_time AS t, SUM(total_waiting) AS remaining
       FROM progress_snapshots WHERE snapshot_time BETWEEN ? AND ?
      GROUP BY location_name, business_id, process_name, snapshot_time ORDER BY snapshot_time`,
    )
    .all(from, to) as (SeriesKey & { t: number; remaining: number })[];
}

// ——— The gap rule and speed ———

type Row = SeriesKey & SeriesPoint;

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
 * The snapshots of one series in [from, to], in time order (one range of snapshots_by_series): for a reader that measures
 * parts of one read with `speedAcross` (a decision's outcome: placement/floorDecisions.ts).
 */
export function seriesPoints(db: Database.Database, p: SeriesKey, from: number, to: number): SeriesPoint[] {
  return (rowsIn(db, from, to, { site: [p.site], process: [p.process], business: [p.businessId] }).get(seriesKey(p)) ?? []).map((r) => ({
    t: r.t,
    done: r.done,
    remaining: r.remaining,
  }));
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

// ——— When a series finished ———

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

// ——— The forecast's volumes ———

/** [site, businessId, process, time, items] of one snapshot, items being what the series received so far that day. */
type VolumeRow = [string, string, string, number, number];
const RECEIVED = 'total_waiting + entry_count';

/**
 * Every snapshot's items of the day so far (total_waiting + entry_count: what the series received), as raw rows
 * [site, businessId, process, time, items] in series, then time order: the forecast keeps each day's last
 * (forecast/dailyVolumes.ts).
 */
export function snapshotVolumes(db: Database.Database): VolumeRow[] {
  return db
    .prepare(
      `SELECT location_name AS site, business_id AS businessId, process_name AS process, snapshot_time AS t, ${RECEIVED} AS value
       FROM progress_snapshots ORDER BY location_name, business_id, process_name, snapshot_time`,
    )
    .raw()
    .all() as VolumeRow[];
}

/**
 * The same items of the snapshots in [from, to], in time order (snapshots_by_time): how a day's arrivals build up over its
 * hours (forecast/todayArrivals.ts).
 */
export function snapshotVolumesIn(db: Database.Database, from: number, to: number): VolumeRow[] {
  return db
    .prepare(
      `SELECT location_name, business_id, process_name, snapshot_time, ${RECEIVED} FROM progress_snapshots
       WHERE snapshot_time >= ? AND snapshot_time <= ? ORDER BY snapshot_time`,
    )
    .raw()
    .all(from, to) as VolumeRow[];
}

// ——— The chat's progress measures ———

/**
 * The progress measures the chat sums as SQL (chat/query/measureSql.ts compiles them with measureQuery.ts): the table, the
 * column of each figure, the series a snapshot belongs to and the column of each dimension. A snapshot measure's figure at
 * t is the newest row of each series at or before t on t's day, summed.
 */
export const PROGRESS_MEASURE_SQL = {
  from: 'progress_snapshots',
  values: { remaining: 'total_waiting', done: 'entry_count', correction_waiting: 'correction_waiting' },
  time: { kind: 'snapshot', column: 'snapshot_time', series: ['location_name', 'process_name', 'business_id'] },
  dims: { site: 'location_name', process: 'process_name', business: 'business_id' },
} as const;

/**
 * Missed deadlines as the chat counts them: each line's deadline on a day (a site's process of one business) with work
 * still left at it. The newest snapshot at or before the deadline shows items waiting, and the series has a snapshot at or
 * after the deadline (the deadline has passed in the data: one still ahead of the moment asked is no miss yet). Counted at
 * that snapshot's time (the same day), so a window reads the snapshots by their index, not every deadline ever set. "The
 * same day" is the 24 hours of elapsed time before the deadline (and the 24 after it for its passing): a deadline's own
 * span, not a calendar day, so a DST change does not move it.
 */
export const MISSED_DEADLINES_SQL = {
  from: 'progress_snapshots s',
  value: 's.snapshot_time',
  time: { kind: 'event', column: 's.snapshot_time', unit: 'epoch_ms' },
  dims: { site: 's.location_name', process: 's.process_name', business: 's.business_id' },
  where: [
    's.expected_completion_time IS NOT NULL',
    's.snapshot_time <= s.expected_completion_time',
    `s.snapshot_time > s.expected_completion_time - ${HOURS_24_MS}`,
    's.total_waiting > 0',
    `NOT EXISTS (SELECT 1 FROM progress_snapshots x WHERE x.location_name = s.location_name AND x.process_name = s.process_name
         AND x.business_id = s.business_id AND x.snapshot_time > s.snapshot_time AND x.snapshot_time <= s.expected_completion_time)`,
    `EXISTS (SELECT 1 FROM progress_snapshots y WHERE y.location_name = s.location_name AND y.process_name = s.process_name
         AND y.business_id = s.business_id AND y.snapshot_time >= s.expected_completion_time AND y.snapshot_time < s.expected_completion_time + ${HOURS_24_MS})`,
  ],
} as const;
