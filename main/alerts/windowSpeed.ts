import type Database from 'better-sqlite3';
import type { ProcessProgress } from '../api/types.js';
import { median } from '../median.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/**
 * Consecutive snapshots further apart than this are not one stretch of work: entry_count
 * restarts each day, and the night between two days is not time spent working slowly.
 */
const MAX_GAP = 3 * 3_600_000;

type Series = Pick<ProcessProgress, 'site' | 'process' | 'businessId'>;

/**
 * Items per minute of one series over [from, to]: the items done between consecutive
 * snapshots inside the window over the minutes between them, nights left out. With
 * `whileWorking`, also the stretches that end with nothing remaining: once the day's work
 * is done the series stands still because nothing is left, not because work is slow. Null
 * when the window holds fewer than two snapshots of one working stretch.
 */
export function windowSpeed(db: Database.Database, p: Series, from: number, to: number, o: { whileWorking?: boolean } = {}): number | null {
  const rows = db
    .prepare(
      `SELECT snapshot_time AS t, entry_count AS done, total_waiting AS remaining FROM progress_snapshots
       WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time >= ? AND snapshot_time <= ? ORDER BY snapshot_time`,
    )
    .all(p.site, p.process, p.businessId, from, to) as { t: number; done: number; remaining: number }[];
  let items = 0;
  let minutes = 0;
  for (let k = 1; k < rows.length; k++) {
    const a = rows[k - 1]!;
    const b = rows[k]!;
    if (b.t - a.t > MAX_GAP || b.done < a.done || (o.whileWorking && b.remaining <= 0)) continue;
    items += b.done - a.done;
    minutes += (b.t - a.t) / MINUTE;
  }
  return minutes > 0 ? items / minutes : null;
}

/**
 * A window's speed against comparable windows: the same hours on up to 5 of the previous
 * 14 days that were working then (a day without snapshots is not a working day, nor one
 * whose work was already done in those hours), and a week ago. Every figure counts only
 * the stretches with work still remaining, the window's own included, so a day that ran
 * out of work early neither drags the usual down nor makes this window look slow.
 * Only for windows of up to a day: a longer one has no "same hours" on other days.
 */
export function windowComparison(
  db: Database.Database,
  p: Series,
  from: number,
  to: number,
): { perMinute: number | null; usual: number | null; days: number; weekAgo: number | null } {
  const working = { whileWorking: true };
  const perMinute = windowSpeed(db, p, from, to, working);
  if (to - from > DAY) return { perMinute, usual: null, days: 0, weekAgo: null };
  const previous: number[] = [];
  for (let d = 1; d <= 14 && previous.length < 5; d++) {
    const s = windowSpeed(db, p, from - d * DAY, to - d * DAY, working);
    if (s !== null) previous.push(s);
  }
  return {
    perMinute,
    usual: previous.length >= 3 ? median(previous) : null,
    days: previous.length,
    weekAgo: windowSpeed(db, p, from - 7 * DAY, to - 7 * DAY, working),
  };
}

/**
 * The speed of a series step by step over [from, to] (a trend): by hour for a window of up
 * to a day, by day for a longer one. Steps without two snapshots are left out.
 */
export function speedSteps(db: Database.Database, p: Series, from: number, to: number): { from: number; perMinute: number }[] {
  const step = to - from > DAY ? DAY : 3_600_000;
  const out: { from: number; perMinute: number }[] = [];
  for (let t = from; t < to; t += step) {
    const s = windowSpeed(db, p, t, Math.min(to, t + step));
    if (s !== null) out.push({ from: t, perMinute: s });
  }
  return out;
}
