import type Database from 'better-sqlite3';
import { highestKnownId, LOOKBACK_ID_SPAN } from '../store/compactedIds.js';
import { primaryKey, type TableSpec } from './tableSpecs.js';

/** At most this many rows are re-read per table and run, however busy the window was. */
const MAX_LOOKBACK_ROWS = LOOKBACK_ID_SPAN;

/**
 * Where a run of an id-keyed table (progress, logs) starts re-reading. A writer's
 * transaction takes its auto-increment id when it inserts and becomes visible when it
 * commits, so ids are not visible in order: a keyset read can pass id 67107 while 67106 is
 * still uncommitted. The only safe point is below every id such a transaction may still
 * hold. Here that is the first id missing locally among the rows of the look-back window
 * (by the table's time column, at most MAX_LOOKBACK_ROWS ids): the run re-reads from just
 * before it, and the upsert by primary key makes the re-read idempotent. A gap older than
 * the window is not re-read from here: the ids it lacks are asked for by themselves
 * (idGaps.ts, pullIdRuns) until they arrive or are given up. Ids compaction
 * deleted (compacted_ids) count as present: they were taken, counted and removed on
 * purpose, and an old line with a high id would otherwise read as a gap at every run and
 * be mined again. Returns null when nothing is missing: the run continues after the newest row.
 */
export function lookbackStart(db: Database.Database, spec: TableSpec, lookbackMs: number): number | null {
  const key = primaryKey(spec.table);
  const w = lookbackWindow(db, spec, lookbackMs);
  if (w === null) return null;
  const { from, top } = w;
  // The first id known here (a row, or a compacted one) whose successor is neither.
  const compacted = (id: string): string => `EXISTS (SELECT 1 FROM compacted_ids c WHERE c.table_name = @table AND c.first_id <= ${id} AND c.last_id >= ${id})`;
  const gap = db
    .prepare(
      `SELECT MIN(id) AS id FROM (
         SELECT MIN(a.${key}) AS id FROM ${spec.table} a WHERE a.${key} >= @from AND a.${key} < @top
           AND NOT EXISTS (SELECT 1 FROM ${spec.table} b WHERE b.${key} = a.${key} + 1) AND NOT ${compacted(`a.${key} + 1`)}
         UNION ALL
         SELECT MIN(r.last_id) FROM compacted_ids r WHERE r.table_name = @table AND r.last_id >= @from AND r.last_id < @top
           AND NOT EXISTS (SELECT 1 FROM ${spec.table} b WHERE b.${key} = r.last_id + 1))`,
    )
    .get({ table: spec.table, from, top }) as { id: number | null };
  return gap.id;
}

/**
 * The ids a run looks back over: from the last row written before the window (by the
 * table's time column, at most MAX_LOOKBACK_ROWS ids back) to the highest id known here
 * (a row, or one compaction removed). Null when there is none or no look-back.
 */
function lookbackWindow(db: Database.Database, spec: TableSpec, lookbackMs: number): { from: number; top: number } | null {
  const key = primaryKey(spec.table);
  const time = spec.times[0];
  const top = highestKnownId(db, spec.table, key);
  if (top === null || lookbackMs <= 0) return null;
  const floor = top - MAX_LOOKBACK_ROWS;
  let from = floor;
  if (time) {
    // The newest time among the last rows (not one row's: a writer's clock may be off).
    const newest = db.prepare(`SELECT MAX(t) AS t FROM (SELECT ${time} AS t FROM ${spec.table} ORDER BY ${key} DESC LIMIT 1000)`).get() as { t: number | null };
    // The last row older than the window, found walking back from the top: the cost is the window's rows, not the table's.
    // A missing row's own time is unknown, so every id after that row may belong to the window.
    const before = db
      .prepare(`SELECT ${key} AS id FROM ${spec.table} WHERE ${key} > ? AND ${time} < ? ORDER BY ${key} DESC LIMIT 1`)
      .get(floor, (newest.t ?? 0) - lookbackMs) as { id: number } | undefined;
    if (before) from = before.id;
  }
  return { from, top };
}
