import type Database from 'better-sqlite3';
import { CompanyRepository } from '../store/companyRepository.js';
import type { CompanyTable } from '../store/companyRows.js';
import { TABLE_COLUMNS } from '../store/companyRows.js';
import type { Batch, KeyVersion, LocalRow, SyncSource, Watermark } from './syncSource.js';
import { checkRows } from './checkRows.js';
import { RefusedRows } from '../store/refusedRows.js';
import { pullFailed, tablePull, throwIfCancelled, type TablePull } from './tablePull.js';
import { isAbsentOptional, primaryKey, type TableSpec } from './tableSpecs.js';
import { idGaps, type IdGaps } from './idGaps.js';
import { isCompactable } from '../store/compactedIds.js';
import { lookbackStart } from './lookbackStart.js';
import { writeTransaction } from '../store/writeTransaction.js';

export interface SyncProgress {
  table: CompanyTable;
  rowsDone: number;
  rowsEstimated: number | null;
}

/** `read`: rows the source sent; `rows`: rows inserted or changed here (re-reads of identical rows are not counted). */
export interface TableReport {
  table: CompanyTable;
  read: number;
  rows: number;
  deleted: number;
  reset: boolean;
  ms: number;
  /** An optional table the source does not have. */
  absent?: true;
}
export interface SyncReport {
  sourceId: string;
  tables: TableReport[];
  rows: number;
  ms: number;
}

/** Default look-back: longer than any transaction a company application keeps open. */
export const DEFAULT_LOOKBACK_MS = 15 * 60_000;
/** Runs of awaited ids asked for in one query: a long history's gaps take a few queries, each one index range per run. */
const RUNS_PER_QUERY = 500;

export interface SyncOptions {
  db: Database.Database;
  source: SyncSource;
  specs: readonly TableSpec[];
  batchSize: number;
  now: () => number;
  /** How far back each run re-reads (see lookbackStart); DEFAULT_LOOKBACK_MS when absent. */
  lookbackMs?: number;
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
}

/**
 * Pulls each table after its watermark, in keyset batches. Every batch is upserted in the
 * same SQLite transaction as its new watermark: a crash at any instant leaves either the
 * batch and its watermark or neither, so a rerun loses nothing and duplicates nothing.
 * Each run also re-reads a look-back window (lookbackStart for ids; the source's rewind
 * for change times), asks again for the ids still missing below those read (idGaps.ts),
 * and compares the masters' versions, so rows that became visible out of order are still
 * taken, once.
 */
export async function runSync(o: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const lookbackMs = o.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const repo = new CompanyRepository(o.db);
  const refusals = new RefusedRows(o.db);
  const reports: TableReport[] = [];

  for (const spec of o.specs) {
    if (!o.source.tables.includes(spec.table)) continue;
    try {
      reports.push(await pullTable(spec, tablePull(o.db, repo, spec.table, o.source.id)));
    } catch (error) {
      pullFailed(repo, spec.table, o.source.id, error, o.now());
      throw error;
    }
  }
  return { sourceId: o.source.id, tables: reports, rows: reports.reduce((n, r) => n + r.rows, 0), ms: performance.now() - started };

  async function pullTable(spec: TableSpec, pull: TablePull): Promise<TableReport> {
    const t0 = performance.now();
    const runStart = o.now();
    // Another source's rows (say the demo company's) must not mix with this one's, nor what was derived from them.
    const reset = pull.reset;
    let watermark = pull.watermark as Watermark | null;
    if (watermark !== null && o.source.rewind) watermark = o.source.rewind(spec, watermark, lookbackMs);
    // Missing ids are awaited only where they can be read again by themselves (idGaps.ts).
    const gaps = isIdKeyed(spec) && isCompactable(spec.table) && o.source.fetchIdRuns ? idGaps(o.db, spec.table, primaryKey(spec.table)) : null;
    if (watermark !== null && o.source.afterKey && gaps) {
      // From just before the first missing id of the window; the ids still awaited are read again by themselves below.
      const start = lookbackStart(o.db, spec, lookbackMs);
      if (start !== null) watermark = o.source.afterKey(spec, start);
    }
    // Tables without a change column are re-read whole: they are the small masters.
    if (spec.reconcileDeletes && spec.watermark.length === 1 && spec.watermark[0] === primaryKey(spec.table)) watermark = null;

    try {
      await o.source.checkColumns(spec);
    } catch (error) {
      if (!isAbsentOptional(spec, error)) throw error;
      // A company without the planning system: nothing to copy, and the answers that need the table say so.
      repo.syncState.recordAbsent(spec.table, o.source.id, o.now());
      return { table: spec.table, read: 0, rows: 0, deleted: 0, reset, ms: performance.now() - t0, absent: true };
    }
    // Cleared only once the new source has shown it has the table and its columns.
    pull.clearIfReset();
    const estimate = await o.source.estimate(spec, watermark);
    // A first pull records its gaps too: a transaction open while it reads may hold any id below the ones it sees.
    const pulled = await pullFrom(spec, pull, watermark, estimate, gaps);
    if (gaps) {
      const checkedAt = o.now();
      const again = await pullIdRuns(spec, gaps.runs());
      pulled.read += again.read;
      pulled.written += again.written;
      gaps.settle(runStart, checkedAt, lookbackMs);
    }
    if (o.source.fetchUndated && spec.times.includes(spec.watermark[0]!)) {
      const undated = await pullUndated(spec);
      pulled.read += undated.read;
      pulled.written += undated.written;
    }

    let deleted = 0;
    if (spec.reconcileDeletes) {
      const keys = await o.source.keys(spec);
      deleted = removeMissing(
        o.db,
        spec.table,
        primaryKey(spec.table),
        keys.map((k) => k.key),
      );
      // A change the keyset could not see (committed late, or with an older change time): read the small table again whole.
      if (watermark !== null && staleVersions(o.db, spec, keys, refusals.versions(spec.table)) > 0) {
        const again = await pullFrom(spec, pull, null, null);
        pulled.read += again.read;
        pulled.written += again.written;
      }
    }
    pull.succeeded(o.now());
    return { table: spec.table, read: pulled.read, rows: pulled.written, deleted, reset, ms: performance.now() - t0 };
  }

  /**
   * Writes the rows the store can hold and records the others as refused (table, key, column,
   * why) for the status, in the caller's transaction; returns how many rows it wrote. A row
   * taken now is no longer refused (it was fixed at the company).
   */
  function keep(spec: TableSpec, rows: readonly LocalRow[]): number {
    const { good, refused } = checkRows(spec, rows);
    if (refused.length > 0) refusals.record(spec.table, refused, o.now());
    const key = primaryKey(spec.table);
    refusals.taken(
      spec.table,
      good.map((r) => r[key]),
    );
    return repo.upsert(spec.table, good as never[]);
  }

  /**
   * The rows whose change time is NULL, read whole by key every run: no watermark on the
   * change time ever passes them. One new or changed since the last run is written with this
   * run's time as its change time (the local column needs one, and what is cached on it, the
   * forecast's version, must see the change); an unchanged one is left as it is, so a quiet
   * run writes nothing. The cost is the number of such rows, which a company has few of.
   */
  async function pullUndated(spec: TableSpec): Promise<{ read: number; written: number }> {
    const key = primaryKey(spec.table);
    const change = spec.watermark[0]!;
    const columns = TABLE_COLUMNS[spec.table].columns.filter((c) => c !== change);
    const local = o.db.prepare(`SELECT ${columns.join(', ')} FROM ${spec.table} WHERE ${key} = ?`);
    let after: number | null = null;
    let read = 0;
    let written = 0;
    for (;;) {
      const rows = await o.source.fetchUndated!(spec, after, o.batchSize);
      throwIfCancelled(o.signal);
      read += rows.length;
      const at = o.now();
      const changed = rows
        .filter((r) => {
          const here = local.get(r[key]) as Record<string, unknown> | undefined;
          return here === undefined || columns.some((c) => here[c] !== r[c]);
        })
        .map((r) => ({ ...r, [change]: at }));
      if (changed.length > 0) written += writeTransaction(o.db, () => keep(spec, changed));
      if (rows.length < o.batchSize) break;
      after = Number(rows[rows.length - 1]![key]);
    }
    return { read, written };
  }

  /** `gaps`: ids missing below the ones a batch brings are remembered with the batch (idGaps.ts). */
  async function pullFrom(
    spec: TableSpec,
    pull: TablePull,
    watermark: Watermark | null,
    estimate: number | null,
    gaps: IdGaps | null = null,
  ): Promise<{ read: number; written: number }> {
    o.onProgress?.({ table: spec.table, rowsDone: 0, rowsEstimated: estimate });
    let read = 0;
    let written = 0;
    let pending: Promise<Batch> | null = o.source.fetch(spec, watermark, o.batchSize);
    while (pending) {
      const batch: Batch = await pending;
      // Fetch the next page while this one is written.
      pending = batch.rows.length < o.batchSize ? null : o.source.fetch(spec, batch.next, o.batchSize);
      pending?.catch(() => {}); // awaited next turn; never an unhandled rejection
      throwIfCancelled(o.signal);
      if (batch.rows.length === 0) break;
      writeTransaction(o.db, () => {
        const top = gaps?.top() ?? null;
        written += keep(spec, batch.rows);
        if (gaps) gaps.addAbove(top ?? 0, o.now());
        pull.save(batch.next, o.now());
      });
      read += batch.rows.length;
      o.onProgress?.({ table: spec.table, rowsDone: read, rowsEstimated: estimate });
    }
    return { read, written };
  }

  /**
   * Reads the awaited ids again, whatever their place below the watermark: a transaction that
   * held one has committed its row since, or has not yet. Rows are upserted (the watermark
   * stays); a page that comes back full continues after its last id.
   */
  async function pullIdRuns(spec: TableSpec, awaited: [number, number][]): Promise<{ read: number; written: number }> {
    const key = primaryKey(spec.table);
    let runs = awaited;
    let read = 0;
    let written = 0;
    while (runs.length > 0) {
      const rows = await o.source.fetchIdRuns!(spec, runs.slice(0, RUNS_PER_QUERY), o.batchSize);
      throwIfCancelled(o.signal);
      if (rows.length > 0) written += writeTransaction(o.db, () => keep(spec, rows));
      read += rows.length;
      if (rows.length < o.batchSize) runs = runs.slice(RUNS_PER_QUERY);
      else {
        const last = Number(rows[rows.length - 1]![key]);
        runs = runs.filter(([, b]) => b > last).map(([a, b]): [number, number] => [Math.max(a, last + 1), b]);
      }
    }
    return { read, written };
  }
}

/** Keyed on its auto-increment primary key alone: progress snapshots and logs. */
function isIdKeyed(spec: TableSpec): boolean {
  return !spec.reconcileDeletes && spec.watermark.length === 1 && spec.watermark[0] === primaryKey(spec.table);
}

/**
 * How many of the source's rows carry a version (change time) other than the local copy's. A
 * row refused at the version it still has is not one: it has not changed since (`refused`: key → version).
 */
function staleVersions(db: Database.Database, spec: TableSpec, keys: KeyVersion[], refused: ReadonlyMap<string, number | null>): number {
  const column = spec.watermark[0]!;
  if (!spec.times.includes(column) || !TABLE_COLUMNS[spec.table].columns.includes(column)) return 0;
  const local = new Map(
    db
      .prepare(`SELECT ${primaryKey(spec.table)}, ${column} FROM ${spec.table}`)
      .raw()
      .all() as [number, number | null][],
  );
  return keys.filter((k) => k.version !== null && local.get(k.key) !== k.version && refused.get(String(k.key)) !== k.version).length;
}

/** Deletes local rows whose key the source no longer has. */
function removeMissing(db: Database.Database, table: string, key: string, keys: number[]): number {
  return writeTransaction(db, () => {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS source_keys (k INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM temp.source_keys');
    const insert = db.prepare('INSERT OR IGNORE INTO temp.source_keys (k) VALUES (?)');
    for (const k of keys) insert.run(k);
    const n = db.prepare(`DELETE FROM ${table} WHERE ${key} NOT IN (SELECT k FROM temp.source_keys)`).run().changes;
    db.exec('DELETE FROM temp.source_keys');
    return n;
  });
}
