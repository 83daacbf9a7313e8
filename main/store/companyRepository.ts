import type Database from 'better-sqlite3';
import {
  COMPANY_TABLES,
  TABLE_COLUMNS,
  type AppLogRow,
  type CapabilityRow,
  type CompanyTable,
  type LocationRow,
  type OperatorRow,
  type SnapshotRow,
  type AttendanceRow,
  type DailyAssignmentRow,
  type ArrivalRow,
  type WorkloadForecastRow,
} from './companyRows.js';
import { compactedIdTest, forgetCompactedIds, isCompactable, type CompactableTable } from './compactedIds.js';
import { SyncState, type TableSyncState } from './syncState.js';
import { RefusedRows } from './refusedRows.js';
import { FOLDED_THROUGH, FOLDED_UNTIL } from './foldLogRows.js';

interface RowOf {
  locations: LocationRow;
  operators: OperatorRow;
  operator_process_capabilities: CapabilityRow;
  progress_snapshots: SnapshotRow;
  app_logs: AppLogRow;
  attendance_records: AttendanceRow;
  daily_assignments: DailyAssignmentRow;
  arrivals: ArrivalRow;
  workload_forecasts: WorkloadForecastRow;
}

/** Tables computed from app_logs by the log intelligence. */
const DERIVED_LOG_TABLES = ['log_templates', 'log_template_minutes', 'log_template_vectors', 'log_clusters', 'log_cluster_members'] as const;
/** meta key: the first template id not used yet (ids stay unique across clears). */
export const NEXT_TEMPLATE_ID = 'log_template_next_id';
/** meta key: the source(s) whose copy is complete (every table and its templates); cleared with any table. */
export const COMPLETE_SOURCE = 'complete_source';

export interface TableCount {
  table: CompanyTable;
  rows: number;
}

/** The local copy of the company tables. Identifiers come from the constant table above; values are always bound. */
export class CompanyRepository {
  private readonly upserts = new Map<CompanyTable, Database.Statement>();
  /** Each table's source, watermark and last sync (sync_state has no other owner). */
  readonly syncState: SyncState;

  constructor(private readonly db: Database.Database) {
    this.syncState = new SyncState(db);
  }

  /**
   * Insert-or-update by primary key, so a re-delivered row never duplicates. An identical
   * row is left alone: the count is of rows really inserted or changed. A row compaction
   * deleted (an old line the look-back read again) is not written back: it was counted
   * once already. Call inside a transaction for speed.
   */
  upsert<T extends CompanyTable>(table: T, rows: Iterable<RowOf[T]>): number {
    let stmt = this.upserts.get(table);
    if (!stmt) {
      const { key, columns } = TABLE_COLUMNS[table];
      const rest = columns.filter((c) => c !== key);
      stmt = this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(${key}) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
         WHERE ${rest.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`,
      );
      this.upserts.set(table, stmt);
    }
    const list = [...rows];
    const key = TABLE_COLUMNS[table].key as keyof RowOf[T];
    const ids = isCompactable(table) ? list.map((r) => r[key] as number) : [];
    const compacted =
      ids.length > 0
        ? compactedIdTest(
            this.db,
            table as CompactableTable,
            ids.reduce((a, b) => Math.min(a, b)),
          )
        : () => false;
    let n = 0;
    for (const [i, row] of list.entries()) if (!(i < ids.length && compacted(ids[i]!))) n += stmt.run(row).changes;
    return n;
  }

  /**
   * Forgets one table's copy and its watermark, and with the logs everything derived from
   * them (templates, per-minute counts, vectors, families): derived data belongs to the
   * source its rows came from. Template ids are never reused, so an index on disk that
   * still holds an old id drops it instead of mistaking it for a new template.
   */
  clearTable(table: CompanyTable): void {
    if (table === 'app_logs') {
      const top = this.db.prepare('SELECT MAX(template_id) AS id FROM log_templates').get() as { id: number | null };
      const reserved = Number(this.getMeta(NEXT_TEMPLATE_ID) ?? 1);
      this.setMeta(NEXT_TEMPLATE_ID, String(Math.max(reserved, (top.id ?? 0) + 1)));
      for (const derived of DERIVED_LOG_TABLES) this.db.prepare(`DELETE FROM ${derived}`).run();
      // The folded hours were of those rows: another source's copy starts with none.
      for (const key of [FOLDED_UNTIL, FOLDED_THROUGH]) this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
    }
    this.db.prepare(`DELETE FROM ${table}`).run();
    if (isCompactable(table)) forgetCompactedIds(this.db, table);
    this.db.prepare('DELETE FROM sync_gaps WHERE table_name = ?').run(table);
    new RefusedRows(this.db).forget(table);
    this.syncState.forget(table);
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(COMPLETE_SOURCE);
  }

  /** Whether the copy of `sourceId` is complete (see COMPLETE_SOURCE). */
  isComplete(sourceId: string): boolean {
    return this.getMeta(COMPLETE_SOURCE)?.split(' + ')[0] === sourceId;
  }

  clearAll(): void {
    for (const table of COMPANY_TABLES) this.clearTable(table);
  }

  counts(): TableCount[] {
    return COMPANY_TABLES.map((table) => ({
      table,
      rows: (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    }));
  }

  syncStates(): TableSyncState[] {
    return this.syncState.tables();
  }

  /** The oldest of the tables' last successful syncs: the age of the least fresh data. */
  lastSuccessfulSync(): number | null {
    return this.syncState.lastSuccessfulSync();
  }

  /** The company's locations, by name. */
  locationNames(): string[] {
    return (this.db.prepare('SELECT location_name FROM locations ORDER BY location_name').all() as { location_name: string }[]).map((r) => r.location_name);
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
