import type Database from 'better-sqlite3';
import type { LogGroupSource } from './logGroupSource.js';

/** Lines the store holds for minutes an earlier run had already passed, and the first such minute. */
export interface LateLines {
  lines: number;
  /** Start of the earliest minute with late lines (epoch ms); null when there were none. */
  from: number | null;
}

/**
 * Compares the store's lines per minute of [from, to) with what the local copy counted for
 * them: a minute where the store has more received lines after a run had pulled it and its
 * look-back had moved on (a log shipper that held them back, say). Only the time column is
 * read, which costs a fraction of pulling the groups again, so a run can look hours further
 * back than it re-reads. Fewer lines in the store than here (lines deleted there) are no
 * late lines and are left alone.
 */
export async function findLateLines(db: Database.Database, source: LogGroupSource, from: number, to: number): Promise<LateLines> {
  if (from >= to) return { lines: 0, from: null };
  const remote = await source.lineCounts(from, to);
  const local = new Map(
    (
      db.prepare('SELECT minute, SUM(count) AS n FROM log_template_minutes WHERE minute >= ? AND minute < ? GROUP BY minute').all(from, to) as {
        minute: number;
        n: number;
      }[]
    ).map((r) => [r.minute, r.n]),
  );
  let lines = 0;
  let first: number | null = null;
  for (const [minute, n] of remote) {
    const more = n - (local.get(minute) ?? 0);
    if (more <= 0) continue;
    lines += more;
    if (first === null || minute < first) first = minute;
  }
  return { lines, from: first };
}
