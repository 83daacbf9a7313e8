import type Database from 'better-sqlite3';
import type { RefusedRowsOfTable } from '../api/types.js';
import type { Localized } from '../errors.js';

/** A company row the sync did not copy: its primary key as the company wrote it, the first bad column, and why. */
export interface RefusedRow {
  key: string;
  column: string;
  why: Localized;
  /** The row's change time (epoch ms) where its table has one: a later change of the row is a fix to take. */
  version: number | null;
}

/** Rows the status names per table; the rest are counted. */
const SHOWN = 5;

/** sync_refused_rows (migration 14): the one reader and writer. */
export class RefusedRows {
  constructor(private readonly db: Database.Database) {}

  /** Call in the transaction of the batch that refused them: a row refused again keeps one entry, with the latest reason. */
  record(table: string, rows: readonly RefusedRow[], at: number): void {
    const put = this.db.prepare(
      `INSERT INTO sync_refused_rows (table_name, row_key, column_name, reason_ja, reason_en, version, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(table_name, row_key) DO UPDATE SET column_name = excluded.column_name, reason_ja = excluded.reason_ja,
         reason_en = excluded.reason_en, version = excluded.version, seen_at = excluded.seen_at`,
    );
    for (const r of rows) put.run(table, r.key, r.column, r.why.ja, r.why.en, r.version, at);
  }

  /** The rows were copied after all (fixed at the company): no longer refused. Cheap when the table has none, as it usually has. */
  taken(table: string, keys: readonly unknown[]): void {
    if (keys.length === 0 || this.db.prepare('SELECT 1 FROM sync_refused_rows WHERE table_name = ? LIMIT 1').get(table) === undefined) return;
    const drop = this.db.prepare('DELETE FROM sync_refused_rows WHERE table_name = ? AND row_key = ?');
    for (const k of keys) drop.run(table, String(k));
  }

  /** Each refused row's change time, by key: a master whose source version is this one has not changed since. */
  versions(table: string): Map<string, number | null> {
    const rows = this.db.prepare('SELECT row_key, version FROM sync_refused_rows WHERE table_name = ?').raw().all(table) as [string, number | null][];
    return new Map(rows);
  }

  /** The table's copy is forgotten (another source): so are its refusals. */
  forget(table: string): void {
    this.db.prepare('DELETE FROM sync_refused_rows WHERE table_name = ?').run(table);
  }

  /** Per table with any: the count and the first rows by key. */
  summary(): RefusedRowsOfTable[] {
    const counts = this.db.prepare('SELECT table_name AS t, COUNT(*) AS n FROM sync_refused_rows GROUP BY table_name ORDER BY table_name').all() as {
      t: string;
      n: number;
    }[];
    const first = this.db.prepare(
      `SELECT row_key AS key, column_name AS column, reason_ja AS ja, reason_en AS en FROM sync_refused_rows WHERE table_name = ?
       ORDER BY length(row_key), row_key LIMIT ${SHOWN}`,
    );
    return counts.map((c) => ({
      table: c.t,
      rows: c.n,
      first: (first.all(c.t) as { key: string; column: string; ja: string; en: string }[]).map((r) => ({
        key: r.key,
        column: r.column,
        why: { ja: r.ja, en: r.en },
      })),
    }));
  }
}
