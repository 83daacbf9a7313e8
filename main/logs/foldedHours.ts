import type Database from 'better-sqlite3';
import { zoneOffsetMs } from '../config/zonedTime.js';
import { foldedUntil } from '../store/foldLogRows.js';

const HOUR = 3_600_000;

/**
 * How the readers of app_logs meet rows folded to an hour (store/foldLogRows.ts; the days of a grouped source older
 * than logs.keepMinuteDays). Such a row keeps its first and last line (`ts`, `last_ts`) and its count exactly, but not
 * when within its hour its lines fell. Every reader counts a row where its first line falls, so a window total is
 * exact over whole hours and equals SQL of the same store over any window; a reader that buckets finer than an hour
 * either reads the per-minute counts (log_template_minutes, exact per template), or counts those spans per hour and
 * says so. Nothing puts an hour's lines into one of its minutes.
 */

/** Whether a window that starts at `from` may hold rows that stand for an hour. */
export function reachesFoldedHours(db: Database.Database, from: number): boolean {
  const until = foldedUntil(db);
  return until !== null && from < until;
}

/**
 * SQL for an estimate of the lines of [a, b) that match `condition` (optionally per `groupBy`, as `n`): each row of a
 * minute where its first line falls, each folded row by the part of its hour inside [a, b), as if its lines were even
 * over the hour. For a usual (a median over earlier days), never for a count a manager reads. Its parameters are
 * `proratedParams(a, b, timeZone)`, then the condition's.
 */
export function proratedLinesSql(condition: string, groupBy?: string): string {
  return `SELECT ${groupBy ? `${groupBy}, ` : ''}COALESCE(SUM(CASE WHEN folded = 0 THEN lines ELSE lines * (MIN(h + ${HOUR}, ?) - MAX(h, ?)) / ${HOUR}.0 END), 0) AS n
    FROM (SELECT *, ts - ((ts + ?) % ${HOUR}) AS h FROM app_logs WHERE ts >= ? AND ts < ? AND (folded = 1 OR ts >= ?) AND (${condition}))
    ${groupBy ? `GROUP BY ${groupBy}` : ''}`;
}

/** The parameters proratedLinesSql starts with, for [a, b) in the zone (whose hours folded rows are of). */
export function proratedParams(a: number, b: number, timeZone: string): number[] {
  // Where the zone's hours begin within an epoch hour (0 for JST; 30 minutes for India): constant across DST changes of a whole hour.
  const phase = ((zoneOffsetMs(a, timeZone) % HOUR) + HOUR) % HOUR;
  const hourStart = a - ((a + phase) % HOUR);
  return [b, a, phase, hourStart, b, a];
}
