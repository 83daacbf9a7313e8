import type Database from 'better-sqlite3';
import type { CompanyRepository } from '../store/companyRepository.js';
import type { CompanyTable } from '../store/companyRows.js';
import { SyncError } from './syncError.js';
import { writeTransaction } from '../store/writeTransaction.js';

/**
 * One table's pull, as both engines (the table sync, syncEngine.ts, and the log-group sync,
 * logGroupSync.ts) begin, save and end it. Its state lives in sync_state (store/syncState.ts).
 */
export interface TablePull {
  /** The local copy came from another source (say the demo company's): it is cleared, with what was derived from it, and pulled again. */
  readonly reset: boolean;
  /** Where the last run stopped; null for a first pull and after a reset. */
  readonly watermark: unknown;
  /**
   * Clears another source's copy (when `reset`). Call once the new source has answered (its
   * table, columns and password work): one that cannot be read changes nothing here.
   */
  clearIfReset(): void;
  /** Where the next run continues; call in the transaction that writes what it follows. */
  save(watermark: unknown, at: number): void;
  succeeded(at: number): void;
}

/**
 * Records why a table's pull failed, for the status. Called with the table rather than its
 * TablePull: reading where the pull stands (a watermark that no longer parses) can be what failed.
 */
export function pullFailed(repo: CompanyRepository, table: CompanyTable, sourceId: string, error: unknown, at: number): void {
  try {
    repo.syncState.recordFailure(table, sourceId, error instanceof Error ? error.message : String(error), at);
  } catch {
    // A full disk or a read-only folder can refuse this write too: the error being reported is the one that matters.
  }
}

export function tablePull(db: Database.Database, repo: CompanyRepository, table: CompanyTable, sourceId: string): TablePull {
  const state = repo.syncState;
  const position = state.position(table);
  const reset = position !== null && position.sourceId !== sourceId;
  return {
    reset,
    watermark: reset ? null : (position?.watermark ?? null),
    clearIfReset() {
      if (reset) writeTransaction(db, () => repo.clearTable(table));
    },
    save: (watermark, at) => state.saveWatermark(table, sourceId, watermark, at),
    succeeded: (at) => state.recordSuccess(table, sourceId, at),
  };
}

/** Stops a sync that was cancelled; what it committed stays, and the next run resumes after it. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new SyncError('SYNC_CANCELLED', {
      ja: '同期を中止しました。次回は続きから再開します。',
      en: 'Sync cancelled. The next run resumes where this one stopped.',
    });
  }
}
