import type Database from 'better-sqlite3';
import { highestKnownId, type CompactableTable } from '../store/compactedIds.js';
import { writeTransaction } from '../store/writeTransaction.js';

/** Later runs that must find a gap still missing before it is given up, however much time has passed. */
const MIN_CHECKS = 2;

/**
 * Ids missing below ids already read, remembered with when they were first seen missing and
 * how many later runs found them still missing (sync_gaps, migrations 10 and 13). A
 * writer's transaction takes its id when it inserts and shows its rows when it commits, so
 * a missing id is a row that may still arrive, and every run reads the awaited ids again
 * (SyncSource.fetchIdRuns). That holds from the first pull on, and from the lowest id up: a
 * transaction open while the first pull reads may hold any id below the ones it sees, the
 * first ids of an empty table included. A gap is given up (a rollback, a row deleted
 * upstream, an id the company's SELECT leaves out) only once a read begun at least the
 * look-back after it was first missed (longer than any transaction stays open) and
 * MIN_CHECKS later runs found it still missing. This does not depend on the times written
 * in the rows: a late importer writing lines with old times cannot make the sync give up early.
 */
export interface IdGaps {
  /** The runs of ids still awaited, [first, last], in ascending order. */
  runs(): [number, number][];
  /** The highest id known here (a row, or one compaction removed), or null. */
  top(): number | null;
  /** Adds the ids missing above `from` (the top before a batch was written, 0 when there was none): call in the batch's transaction. */
  addAbove(from: number, now: number): void;
  /**
   * Call once the awaited ids were read again (in a read begun at `checkedAt`, after this run
   * began at `runStart`): forgets the ids that arrived, counts the read for the gaps found
   * before this run, and gives up those missing long enough and often enough.
   */
  settle(runStart: number, checkedAt: number, lookbackMs: number): void;
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
  const insert = db.prepare('INSERT OR IGNORE INTO sync_gaps (table_name, first_id, last_id, seen_at, checks) VALUES (?, ?, ?, ?, ?)');
  return {
    runs() {
      return db.prepare('SELECT first_id, last_id FROM sync_gaps WHERE table_name = ? ORDER BY first_id').raw().all(table) as [number, number][];
    },
    top: () => highestKnownId(db, table, key),
    addAbove(from, now) {
      // Up to the first row above `from`: on a first pull (from 0) the lowest ids, which a transaction may hold while a
      // later one has committed; above ids compaction removed, the ones between them and the next row.
      const next = (db.prepare(`SELECT MIN(${key}) AS id FROM ${table} WHERE ${key} > ?`).get(from) as { id: number | null }).id;
      if (next !== null && next > from + 1) for (const [a, b] of missing(from + 1, next - 1)) insert.run(table, a, b, now, 0);
      // Between consecutive ids above `from`: the ids of transactions in flight, a few at a time.
      const edges = db
        .prepare(
          `SELECT a.${key} + 1 AS a, (SELECT MIN(b.${key}) FROM ${table} b WHERE b.${key} > a.${key}) - 1 AS b FROM ${table} a
           WHERE a.${key} >= ? AND NOT EXISTS (SELECT 1 FROM ${table} c WHERE c.${key} = a.${key} + 1)`,
        )
        .all(from) as { a: number; b: number | null }[];
      for (const e of edges) if (e.b !== null && e.b >= e.a) for (const [a, b] of missing(e.a, e.b)) insert.run(table, a, b, now, 0);
    },
    settle(runStart, checkedAt, lookbackMs) {
      writeTransaction(db, () => {
        const drop = db.prepare('DELETE FROM sync_gaps WHERE table_name = ? AND first_id = ?');
        for (const g of db.prepare('SELECT first_id AS a, last_id AS b, seen_at AS t, checks AS n FROM sync_gaps WHERE table_name = ?').all(table) as {
          a: number;
          b: number;
          t: number;
          n: number;
        }[]) {
          drop.run(table, g.a);
          // A gap this run found was read again moments later: that says nothing about a transaction still open.
          const checks = g.t < runStart ? g.n + 1 : g.n;
          if (checks >= MIN_CHECKS && checkedAt - g.t >= lookbackMs) continue;
          // Still awaited: only the ids that have not arrived, with when they were first missed.
          for (const [a, b] of missing(g.a, g.b)) insert.run(table, a, b, g.t, checks);
        }
      });
    },
  };
}
