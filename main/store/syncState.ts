import type Database from 'better-sqlite3';

/** Where a table's copy stands: the source its rows came from, and where its next pull starts (null: from the start). */
export interface SyncPosition {
  sourceId: string;
  watermark: unknown;
}

/** A table's last sync, as the status shows it. */
export interface TableSyncState {
  table: string;
  sourceId: string;
  lastSuccessAt: number | null;
  lastError: string | null;
  /** The source has no such table (an optional one): nothing to copy, not a failure. */
  absent: boolean;
}

/**
 * The sync_state table, one row per local table: its source, its watermark (JSON, saved in
 * the transaction of the batch it follows), and its last success and error. The one module
 * that reads and writes it: the table sync, the log-group sync, the repository's clears and
 * the status all go through it.
 */
export class SyncState {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** The table's source and watermark; null when it was never pulled (or was cleared). */
  position(table: string): SyncPosition | null {
    const row = this.statement('SELECT source_id, watermark FROM sync_state WHERE table_name = ?').get(table) as
      { source_id: string; watermark: string | null } | undefined;
    return row ? { sourceId: row.source_id, watermark: row.watermark === null ? null : (JSON.parse(row.watermark) as unknown) } : null;
  }

  /** Where the next pull starts. Call in the transaction that writes what the watermark follows. */
  saveWatermark(table: string, sourceId: string, watermark: unknown, at: number): void {
    this.statement(
      `INSERT INTO sync_state (table_name, source_id, watermark, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(table_name) DO UPDATE SET source_id = excluded.source_id, watermark = excluded.watermark, updated_at = excluded.updated_at`,
    ).run(table, sourceId, JSON.stringify(watermark), at);
  }

  /** A table's pull finished: its watermark (saved batch by batch) stays as it is. */
  recordSuccess(table: string, sourceId: string, at: number): void {
    this.statement(
      `INSERT INTO sync_state (table_name, source_id, watermark, last_success_at, last_error, updated_at)
       VALUES (?, ?, NULL, ?, NULL, ?)
       ON CONFLICT(table_name) DO UPDATE SET source_id = excluded.source_id, last_success_at = excluded.last_success_at,
         last_error = NULL, absent = 0, updated_at = excluded.updated_at`,
    ).run(table, sourceId, at, at);
  }

  /** The source was read and has no such table: a success with nothing to copy, shown as absent. */
  recordAbsent(table: string, sourceId: string, at: number): void {
    this.statement(
      `INSERT INTO sync_state (table_name, source_id, watermark, last_success_at, last_error, absent, updated_at)
       VALUES (?, ?, NULL, ?, NULL, 1, ?)
       ON CONFLICT(table_name) DO UPDATE SET source_id = excluded.source_id, last_success_at = excluded.last_success_at,
         last_error = NULL, absent = 1, updated_at = excluded.updated_at`,
    ).run(table, sourceId, at, at);
  }

  /** Whether the last sync found no such table at the source. */
  isAbsent(table: string): boolean {
    const row = this.statement('SELECT absent FROM sync_state WHERE table_name = ?').get(table) as { absent: number } | undefined;
    return row?.absent === 1;
  }

  recordFailure(table: string, sourceId: string, message: string, at: number): void {
    this.statement(
      `INSERT INTO sync_state (table_name, source_id, watermark, last_success_at, last_error, updated_at)
       VALUES (?, ?, NULL, NULL, ?, ?)
       ON CONFLICT(table_name) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at`,
    ).run(table, sourceId, message, at);
  }

  /** Forgets the table's state with its copy: the next pull starts from the beginning. */
  forget(table: string): void {
    this.statement('DELETE FROM sync_state WHERE table_name = ?').run(table);
  }

  tables(): TableSyncState[] {
    return (
      this.statement('SELECT table_name, source_id, last_success_at, last_error, absent FROM sync_state ORDER BY table_name').all() as {
        table_name: string;
        source_id: string;
        last_success_at: number | null;
        last_error: string | null;
        absent: number;
      }[]
    ).map((r) => ({ table: r.table_name, sourceId: r.source_id, lastSuccessAt: r.last_success_at, lastError: r.last_error, absent: r.absent === 1 }));
  }

  /** The oldest of the tables' last successful syncs: the age of the least fresh data; null until every table has had one. */
  lastSuccessfulSync(): number | null {
    const row = this.statement('SELECT MIN(last_success_at) AS t, COUNT(*) AS n, COUNT(last_success_at) AS ok FROM sync_state').get() as {
      t: number | null;
      n: number;
      ok: number;
    };
    return row.n === 0 || row.ok < row.n ? null : row.t;
  }
}
