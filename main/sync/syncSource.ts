import type { CompanyTable } from '../store/companyRows.js';
import type { TableSpec } from './tableSpecs.js';
import type { DecisionRecord, DeliveryOutcome } from '../store/decisionRecord.js';

/** A decision to deliver to the company's approval_history (defined in the store, which the assistant shares). */

/** Where a pull stopped: the keyset values of the last row taken (JSON). */
export type Watermark = unknown;

/** Local rows (epoch-ms times, numbers as numbers), ready for the store. */
export type LocalRow = Record<string, unknown>;

export interface Batch {
  rows: LocalRow[];
  /** Watermark after the last row; unchanged when the batch is empty. */
  next: Watermark;
}

export interface KeyVersion {
  key: number;
  version: number | null;
}

/**
 * Anything Genba syncs from: the company MySQL, the embedded demo company, log files.
 * Each source tells which tables it provides; the sync engine does the rest.
 */
export interface SyncSource {
  /** Identifies the data (no secrets): a change of id means a fresh local copy. */
  readonly id: string;
  readonly tables: readonly CompanyTable[];
  /** Fails with a named error when the table's query lacks a column the app needs. */
  checkColumns(spec: TableSpec): Promise<void>;
  /** Rows after the watermark, if cheap to tell; null when unknown. */
  estimate(spec: TableSpec, after: Watermark | null): Promise<number | null>;
  fetch(spec: TableSpec, after: Watermark | null, limit: number): Promise<Batch>;
  /**
   * Where a new run starts, given where the last one stopped. Sources keyed on a change
   * time step back a little: a row changed within the same timestamp as the watermark,
   * but sorting before it, would otherwise never be read. Re-reading is harmless (upsert).
   */
  rewind?(spec: TableSpec, watermark: Watermark, lookbackMs: number): Watermark;
  /**
   * The watermark just after primary key `key`, for tables keyed on an auto-increment id.
   * Sources that other programs write to concurrently offer it: the engine then re-reads
   * from the first id still missing in the look-back window (a transaction that took the
   * id may not have committed yet).
   */
  afterKey?(spec: TableSpec, key: number): Watermark;
  /**
   * The rows whose primary key lies in one of `runs` ([first, last], ascending), in key
   * order, at most `limit`: the ids the engine found missing below ids it read (idGaps.ts),
   * read again every run. Sources that other programs write to concurrently offer it; the
   * engine tracks gaps only for those.
   */
  fetchIdRuns?(spec: TableSpec, runs: readonly (readonly [number, number])[], limit: number): Promise<LocalRow[]>;
  /**
   * The rows whose change time (the keyset's first column, a time) is NULL, after primary key
   * `afterKey`, in key order, at most `limit`: a keyset on the change time never matches them,
   * so the engine reads them all by key every run and keeps those that changed.
   */
  fetchUndated?(spec: TableSpec, afterKey: number | null, limit: number): Promise<LocalRow[]>;
  /**
   * All primary keys (small master tables only), to reflect deletions, each with its row's
   * version (the change time of the keyset's first column, epoch ms) where it has one: a
   * version that differs from the local row's means a change the keyset missed.
   */
  keys(spec: TableSpec): Promise<KeyVersion[]>;
  /** Write-back; 'existed' when the company already had this suggestion's decision. */
  deliver?(decision: DecisionRecord): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}
