import type Database from 'better-sqlite3';
import type { LogFilter, LogVolume } from '../api/types.js';
import { reachesFoldedHours } from './foldedHours.js';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** Bucket sizes (minutes) a chart can show; the smallest that keeps a window within MAX_BUCKETS. */
const BUCKETS = [1, 5, 10, 15, 30, 60, 180, 360, 720, DAY_MINUTES];
/** The most buckets a window is cut into (one more where it starts inside its first). */
export const MAX_BUCKETS = 96;
const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;

/**
 * Log lines over time, by level: the volume chart of the Logs view. The window is the
 * filter's (default: the last 24 hours to `now`); service, host and level narrow it as
 * they narrow the template list. Empty buckets are included so the axis has no gaps. A
 * window that reaches rows folded to an hour (foldedHours.ts) is drawn in buckets of an hour
 * or more, which `bucketMinutes` says: a folded hour's lines in one 5-minute bar would be a
 * spike that never was. Every size from an hour up is whole hours from the epoch's, so each
 * folded hour (of a zone whose offset is whole hours) lies inside one bucket.
 */
export function logVolume(db: Database.Database, filter: LogFilter, now: number): LogVolume {
  const to = filter.to ?? now;
  const from = filter.from ?? to - 24 * 60 * MINUTE;
  // Past 96 days, buckets of as many whole days as keep the window within MAX_BUCKETS: the buckets are
  // built here one by one, so their number must not grow with the window (whatever the caller checked;
  // one bucket a day for 100,000 years once stalled the main process: docs/bench/2026-11-27-log-scale.md).
  const span = Math.max(0, to - from);
  const finest = reachesFoldedHours(db, from) ? 60 : 1;
  const bucketMinutes =
    BUCKETS.find((b) => b >= finest && span / (b * MINUTE) <= MAX_BUCKETS) ?? Math.ceil(span / (MAX_BUCKETS * DAY_MINUTES * MINUTE)) * DAY_MINUTES;
  const size = bucketMinutes * MINUTE;
  const where: string[] = ['ts >= ?', 'ts < ?'];
  const params: (string | number)[] = [from, to];
  for (const [col, v] of [
    ['service', filter.service],
    ['host', filter.host],
    ['level', filter.level],
  ] as const) {
    if (v === undefined) continue;
    where.push(`${col} = ?`);
    params.push(v);
  }
  const rows = db
    .prepare(`SELECT CAST(ts / ? AS INTEGER) * ? AS at, level, SUM(lines) AS n FROM app_logs WHERE ${where.join(' AND ')} GROUP BY at, level`)
    .all(size, size, ...params) as { at: number; level: string; n: number }[];
  const first = Math.floor(from / size) * size;
  const buckets: LogVolume['buckets'] = [];
  for (let at = first; at < to; at += size) buckets.push({ at, ERROR: 0, WARN: 0, INFO: 0, DEBUG: 0 });
  for (const r of rows) {
    const b = buckets[Math.floor((r.at - first) / size)];
    const level = (LEVELS as readonly string[]).includes(r.level) ? (r.level as (typeof LEVELS)[number]) : 'INFO';
    if (b) b[level] += r.n;
  }
  return { from, to, bucketMinutes, buckets };
}
