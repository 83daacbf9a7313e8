import type Database from 'better-sqlite3';
import type { LogFilter, LogVolume } from '../api/types.js';

const MINUTE = 60_000;
/** Bucket sizes (minutes) a chart can show; the smallest that keeps a window within MAX_BUCKETS. */
const BUCKETS = [1, 5, 10, 15, 30, 60, 180, 360, 720, 1440];
const MAX_BUCKETS = 96;
const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;

/**
 * Log lines over time, by level: the volume chart of the Logs view. The window is the
 * filter's (default: the last 24 hours to `now`); service, host and level narrow it as
 * they narrow the template list. Empty buckets are included so the axis has no gaps.
 */
export function logVolume(db: Database.Database, filter: LogFilter, now: number): LogVolume {
  const to = filter.to ?? now;
  const from = filter.from ?? to - 24 * 60 * MINUTE;
  const bucketMinutes = BUCKETS.find((b) => (to - from) / (b * MINUTE) <= MAX_BUCKETS) ?? BUCKETS.at(-1)!;
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
