import type Database from 'better-sqlite3';
import { CompanyRepository } from '../store/companyRepository.js';
import type { CompanyTable } from './companyRows.js';
import { SyncError } from './syncError.js';
import type { Batch, SyncSource, Watermark } from './syncSource.js';
import { primaryKey, type TableSpec } from './tableSpecs.js';

export interface SyncProgress {
  table: CompanyTable;
  rowsDone: number;
  rowsEstimated: number | null;
}

/** `read`: rows the source sent; `rows`: rows inserted or changed here (re-reads of identical rows are not counted). */
export interface TableReport { table: CompanyTable; read: number; rows: number; deleted: number; reset: boolean; ms: number }
export interface SyncReport { sourceId: string; tables: TableReport[]; rows: number; ms: number }

export interface SyncOptions {
  db: Database.Database;
  source: SyncSource;
  specs: readonly TableSpec[];
  batchSize: number;
  now: () => number;
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
}

interface State { source_id: string; watermark: string | null }

function cancelled(): SyncError {
  return new SyncError('SYNC_CANCELLED', { ja: '同期を中止しました。次回は続きから再開します。', en: 'Sync cancelled. The next run resumes where this one stopped.' });
}

/**
 * Pulls each table after its watermark, in keyset batches. Every batch is upserted in the
 * same SQLite transaction as its new watermark: a crash at any instant leaves either the
 * batch and its watermark or neither, so a rerun loses nothing and duplicates nothing.
 */
export async function runSync(o: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const repo = new CompanyRepository(o.db);
  const getState = o.db.prepare('SELECT source_id, watermark FROM sync_state WHERE table_name = ?');
  const saveWatermark = o.db.prepare(
    `INSERT INTO sync_state (table_name, source_id, watermark, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(table_name) DO UPDATE SET source_id = excluded.source_id, watermark = excluded.watermark, updated_at = excluded.updated_at`,
  );
  const reports: TableReport[] = [];

  for (const spec of o.specs) {
    if (!o.source.tables.includes(spec.table)) continue;
    try {
      reports.push(await pullTable(spec));
    } catch (error) {
      repo.recordFailure(spec.table, o.source.id, error instanceof Error ? error.message : String(error), o.now());
      throw error;
    }
  }
  return { sourceId: o.source.id, tables: reports, rows: reports.reduce((n, r) => n + r.rows, 0), ms: performance.now() - started };

  async function pullTable(spec: TableSpec): Promise<TableReport> {
    const t0 = performance.now();
    const state = getState.get(spec.table) as State | undefined;
    // Another source's rows (say the demo company's) must not mix with this one's.
    const reset = state !== undefined && state.source_id !== o.source.id;
    if (reset) {
      o.db.transaction(() => {
        o.db.prepare(`DELETE FROM ${spec.table}`).run();
        o.db.prepare('DELETE FROM sync_state WHERE table_name = ?').run(spec.table);
      })();
    }
    let watermark: Watermark | null = !reset && state?.watermark ? JSON.parse(state.watermark) : null;
    if (watermark !== null && o.source.rewind) watermark = o.source.rewind(spec, watermark);
    // Tables without a change column are re-read whole: they are the small masters.
    if (spec.reconcileDeletes && spec.watermark.length === 1 && spec.watermark[0] === primaryKey(spec.table)) watermark = null;

    await o.source.checkColumns(spec);
    const estimate = await o.source.estimate(spec, watermark);
    o.onProgress?.({ table: spec.table, rowsDone: 0, rowsEstimated: estimate });
    let done = 0;
    let written = 0;
    let pending: Promise<Batch> | null = o.source.fetch(spec, watermark, o.batchSize);
    while (pending) {
      const batch: Batch = await pending;
      // Fetch the next page while this one is written.
      pending = batch.rows.length < o.batchSize ? null : o.source.fetch(spec, batch.next, o.batchSize);
      pending?.catch(() => {}); // awaited next turn; never an unhandled rejection
      if (o.signal?.aborted) throw cancelled();
      if (batch.rows.length === 0) break;
      o.db.transaction(() => {
        written += repo.upsert(spec.table, batch.rows as never[]);
        saveWatermark.run(spec.table, o.source.id, JSON.stringify(batch.next), o.now());
      })();
      done += batch.rows.length;
      o.onProgress?.({ table: spec.table, rowsDone: done, rowsEstimated: estimate });
    }

    let deleted = 0;
    if (spec.reconcileDeletes) {
      const keys = await o.source.keys(spec);
      deleted = removeMissing(o.db, spec.table, primaryKey(spec.table), keys);
    }
    repo.recordSuccess(spec.table, o.source.id, o.now());
    return { table: spec.table, read: done, rows: written, deleted, reset, ms: performance.now() - t0 };
  }
}

/** Deletes local rows whose key the source no longer has. */
function removeMissing(db: Database.Database, table: string, key: string, keys: number[]): number {
  return db.transaction(() => {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS source_keys (k INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM temp.source_keys');
    const insert = db.prepare('INSERT OR IGNORE INTO temp.source_keys (k) VALUES (?)');
    for (const k of keys) insert.run(k);
    const n = db.prepare(`DELETE FROM ${table} WHERE ${key} NOT IN (SELECT k FROM temp.source_keys)`).run().changes;
    db.exec('DELETE FROM temp.source_keys');
    return n;
  })();
}
