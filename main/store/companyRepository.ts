import type Database from 'better-sqlite3';
import { COMPANY_TABLES, type AppLogRow, type CapabilityRow, type CompanyTable, type LocationRow, type OperatorRow, type SnapshotRow } from '../sync/companyRows.js';

const COLUMNS: Record<CompanyTable, { key: string; columns: readonly string[] }> = {
  locations: { key: 'location_id', columns: ['location_id', 'location_name'] },
  operators: { key: 'operator_id', columns: ['operator_id', 'operator_name', 'location_name', 'is_valid', 'updated_at'] },
  operator_process_capabilities: {
    key: 'capability_id',
    columns: ['capability_id', 'operator_id', 'process_name', 'skill_level', 'experience_months', 'average_speed', 'updated_at'],
  },
  progress_snapshots: {
    key: 'snapshot_id',
    columns: ['snapshot_id', 'snapshot_time', 'location_name', 'business_id', 'process_name', 'expected_completion_time', 'total_waiting', 'entry_count', 'correction_waiting'],
  },
  app_logs: { key: 'log_id', columns: ['log_id', 'ts', 'service', 'host', 'level', 'message', 'trace_id'] },
};

interface RowOf {
  locations: LocationRow;
  operators: OperatorRow;
  operator_process_capabilities: CapabilityRow;
  progress_snapshots: SnapshotRow;
  app_logs: AppLogRow;
}

export interface TableCount { table: CompanyTable; rows: number }

/** The local copy of the company tables. Identifiers come from the constant table above; values are always bound. */
export class CompanyRepository {
  private readonly upserts = new Map<CompanyTable, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Insert-or-update by primary key, so a re-delivered row never duplicates. Call inside a transaction for speed. */
  upsert<T extends CompanyTable>(table: T, rows: Iterable<RowOf[T]>): number {
    let stmt = this.upserts.get(table);
    if (!stmt) {
      const { key, columns } = COLUMNS[table];
      const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(', ');
      stmt = this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(${key}) DO UPDATE SET ${updates}`,
      );
      this.upserts.set(table, stmt);
    }
    let n = 0;
    for (const row of rows) {
      stmt.run(row);
      n++;
    }
    return n;
  }

  clearAll(): void {
    for (const table of COMPANY_TABLES) this.db.prepare(`DELETE FROM ${table}`).run();
    this.db.prepare('DELETE FROM sync_state').run();
  }

  counts(): TableCount[] {
    return COMPANY_TABLES.map((table) => ({
      table,
      rows: (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    }));
  }

  recordSync(table: CompanyTable, sourceId: string, watermark: string | null, at: number): void {
    this.db.prepare(
      `INSERT INTO sync_state (table_name, source_id, watermark, last_success_at, last_error, updated_at)
       VALUES (?, ?, ?, ?, NULL, ?)
       ON CONFLICT(table_name) DO UPDATE SET source_id = excluded.source_id, watermark = excluded.watermark,
         last_success_at = excluded.last_success_at, last_error = NULL, updated_at = excluded.updated_at`,
    ).run(table, sourceId, watermark, at, at);
  }

  /** The oldest of the tables' last successful syncs: the age of the least fresh data. */
  lastSuccessfulSync(): number | null {
    const row = this.db.prepare('SELECT MIN(last_success_at) AS t, COUNT(*) AS n FROM sync_state').get() as { t: number | null; n: number };
    return row.n === 0 ? null : row.t;
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
