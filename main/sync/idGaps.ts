import type Database from 'better-sqlite3';
import { highestKnownId, type CompactableTable } from '../store/compactedIds.js';
import { writeTransaction } from '../store/writeTransaction.js';

/**
 * Ids missing below ids already read, remembered with when they were first seen missing
 * (sync_gaps, migration 10). A writer's transaction takes its id when it inserts and shows
 * its rows when it commits, so a missing id is a row that may still arrive, until the
 * look-back has passed since it was first seen; then it is given up (a rollback, or a row
 * deleted upstream). This does not depend on the times written in the rows: a late importer
 * writing lines with old times between new ones cannot make the sync give up early.
 */
export interface IdGaps {
  /** The oldest missing id still awaited, or null. */
  oldest(): number | null;
  /** The highest id known here (a row, or one compaction removed), or null. */
  top(): number | null;
  /** Adds the ids missing above `from` (the top before a batch was written): call in the batch's transaction. */
  addAbove(from: number, now: number): void;
  /** Forgets gaps given up (first seen before now - lookbackMs) and the ids of gaps that have arrived since. */
  settle(now: number, lookbackMs: number): void;
}

export function idGaps(db: Database.Database, table: CompactableTable, key: string): IdGaps {
  /** The runs of ids in [a, b] known neither as a row nor as compacted, without listing every id of a long run. */
  const missing = (a: number, b: number): [number, number][] => {
    const rows = (db.prepare(`SELECT ${key} FROM ${table} WHERE ${key} BETWEEN ? AND ?`).raw().all(a, b) as [number][]).map((r): [number, number] => [
      r[0],
      r[0],
    ]);
    const compacted = db
      .prepare('SELECT first_id, last_id FROM compacted_ids WHERE table_name = ? AND first_id <= ? AND last_id >= ?')
      .raw()
      .all(table, b, a) as [number, number][];
    const runs: [number, number][] = [];
    let next = a;
    for (const [x, y] of [...rows, ...compacted].sort((p, q) => p[0] - q[0])) {
      if (x > next) runs.push([next, Math.min(x - 1, b)]);
      next = Math.max(next, y + 1);
      if (next > b) break;
    }
    if (next <= b) runs.push([next, b]);
    return runs;
  };
  const insert = db.prepare('INSERT OR IGNORE INTO sync_gaps (table_name, first_id, last_id, seen_at) VALUES (?, ?, ?, ?)');
  return {
    oldest() {
      return (db.prepare('SELECT MIN(first_id) AS id FROM sync_gaps WHERE table_name = ?').get(table) as { id: number | null }).id;
    },
    top: () => highestKnownId(db, table, key),
    addAbove(from, now) {
      // Between consecutive ids above `from`: the ids of transactions in flight, a few at a time.
      const edges = db
        .prepare(
          `SELECT a.${key} + 1 AS a, (SELECT MIN(b.${key}) FROM ${table} b WHERE b.${key} > a.${key}) - 1 AS b FROM ${table} a
           WHERE a.${key} >= ? AND NOT EXISTS (SELECT 1 FROM ${table} c WHERE c.${key} = a.${key} + 1)`,
        )
        .all(from) as { a: number; b: number | null }[];
      for (const e of edges) if (e.b !== null && e.b >= e.a) for (const [a, b] of missing(e.a, e.b)) insert.run(table, a, b, now);
    },
    settle(now, lookbackMs) {
      writeTransaction(db, () => {
        db.prepare('DELETE FROM sync_gaps WHERE table_name = ? AND seen_at < ?').run(table, now - lookbackMs);
        // Gaps still awaited keep only the ids that have not arrived, with when they were first missed.
        for (const g of db.prepare('SELECT first_id AS a, last_id AS b, seen_at AS t FROM sync_gaps WHERE table_name = ?').all(table) as {
          a: number;
          b: number;
          t: number;
        }[]) {
          db.prepare('DELETE FROM sync_gaps WHERE table_name = ? AND first_id = ?').run(table, g.a);
          for (const [a, b] of missing(g.a, g.b)) insert.run(table, a, b, g.t);
        }
      });
    },
  };
}
