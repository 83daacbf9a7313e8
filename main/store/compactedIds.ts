import type Database from 'better-sqlite3';
import { SNAPSHOTS } from './progressSnapshots.js';

/** Tables whose rows are synced by an increasing id and may be compacted away (see migration 010). */
export const COMPACTABLE_TABLES = ['app_logs', SNAPSHOTS.table] as const;
export type CompactableTable = (typeof COMPACTABLE_TABLES)[number];
export const isCompactable = (table: string): table is CompactableTable => (COMPACTABLE_TABLES as readonly string[]).includes(table);

/**
 * How far below the highest id the row-level sync ever looks back (ids, not time). Ids
 * compacted further down can never be read again, so they need not be remembered.
 */
export const LOOKBACK_ID_SPAN = 200_000;

/** Runs of consecutive ids in ascending order: [first, last]. */
export function idRuns(ids: readonly number[]): [number, number][] {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id);
    else runs.push([id, id]);
  }
  return runs;
}

/**
 * Remembers ids compaction deleted, merged with the runs already known (a run that touches
 * or overlaps another becomes one), so the list stays a few rows however often compaction
 * runs. Only ids that were really deleted are listed: an id that never arrived stays a gap
 * the look-back may still fill. Call in the transaction that deletes the rows.
 */
export function recordCompactedIds(db: Database.Database, table: CompactableTable, ids: readonly number[]): void {
  const near = db.prepare('SELECT first_id AS a, last_id AS b FROM compacted_ids WHERE table_name = ? AND first_id <= ? AND last_id >= ?');
  const drop = db.prepare('DELETE FROM compacted_ids WHERE table_name = ? AND first_id = ?');
  const insert = db.prepare('INSERT INTO compacted_ids (table_name, first_id, last_id) VALUES (?, ?, ?)');
  for (const run of idRuns(ids)) {
    let [a, b] = run;
    for (const r of near.all(table, b + 1, a - 1) as { a: number; b: number }[]) {
      a = Math.min(a, r.a);
      b = Math.max(b, r.b);
      drop.run(table, r.a);
    }
    insert.run(table, a, b);
  }
  // Bounded by the look-back's reach, however many old lines come between new ones.
  db.prepare('DELETE FROM compacted_ids WHERE table_name = ? AND last_id < (SELECT MAX(last_id) FROM compacted_ids WHERE table_name = ?) - ?').run(
    table,
    table,
    LOOKBACK_ID_SPAN,
  );
}

/** The highest id known here: a row of the table, or an id compaction removed (null for neither). `table`, `key`: constants, never input. */
export function highestKnownId(db: Database.Database, table: string, key: string): number | null {
  return (
    db
      .prepare(`SELECT MAX(id) AS id FROM (SELECT MAX(${key}) AS id FROM ${table} UNION ALL SELECT MAX(last_id) FROM compacted_ids WHERE table_name = ?)`)
      .get(table) as { id: number | null }
  ).id;
}

/** Forgets a table's compacted ids: its copy was cleared (another source, a reset). */
export function forgetCompactedIds(db: Database.Database, table: CompactableTable): void {
  db.prepare('DELETE FROM compacted_ids WHERE table_name = ?').run(table);
}

/**
 * A test for "compaction deleted this id", for a batch of rows about to be written. Most
 * batches are newer than anything compacted: then it answers false without a query.
 */
export function compactedIdTest(db: Database.Database, table: CompactableTable, minId: number): (id: number) => boolean {
  const runs = db
    .prepare('SELECT first_id AS a, last_id AS b FROM compacted_ids WHERE table_name = ? AND last_id >= ? ORDER BY first_id')
    .all(table, minId) as {
    a: number;
    b: number;
  }[];
  if (runs.length === 0) return () => false;
  return (id) => {
    // Binary search for the last run starting at or before id.
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]!.a <= id) lo = mid;
      else hi = mid - 1;
    }
    const r = runs[lo]!;
    return r.a <= id && id <= r.b;
  };
}
