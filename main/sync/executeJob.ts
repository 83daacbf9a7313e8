import { dirname } from 'node:path';
import { mineStoredLogs } from '../logs/mineStoredLogs.js';
import { COMPLETE_SOURCE, CompanyRepository } from '../store/companyRepository.js';
import { tryExclusiveLock } from '../store/folderLock.js';
import { openStore } from '../store/openStore.js';
import { createLogGroupSource, createSources } from './createSources.js';
import { runLogGroupSync } from './logGroupSync.js';
import { Outbox } from '../store/approvalOutbox.js';
import { deliverDue } from './outbox.js';
import { DEFAULT_LOOKBACK_MS, runSync, type SyncProgress, type SyncReport } from './syncEngine.js';
import { SyncError } from './syncError.js';
import type { JobResult, SyncJob } from './syncJob.js';
import type { SyncSource } from './syncSource.js';
import { SYNC_GROUPS, tableSpecs } from './tableSpecs.js';
import { writeTransaction } from '../store/writeTransaction.js';
import { groupShapeOf } from './groupShape.js';

/** Another sync holds the data folder: said as such (the CLI says it too when the store was busy with that sync). */
export function syncBusy(): SyncError {
  return new SyncError('SYNC_BUSY', {
    ja: 'このデータフォルダでは別の同期（アプリか別の genba コマンド）が実行中です。終わってからもう一度実行してください。',
    en: 'Another sync (the app or another genba command) is running on this data folder. Try again when it has finished.',
  });
}

/** Runs one job to the end on its own store connection; used in the worker and in-process alike. */
export async function executeJob(job: SyncJob, onProgress: (p: SyncProgress) => void = () => {}): Promise<JobResult> {
  const now = (): number => job.fixedNow ?? Date.now();
  // One sync per data folder across processes: two would mine the same new lines twice.
  const lock = job.kind === 'sync' ? tryExclusiveLock(dirname(job.dbPath), 'sync', job.nativeBinding) : null;
  if (job.kind === 'sync' && lock === null) throw syncBusy();
  let db: ReturnType<typeof openStore> | null = null;
  let sources: SyncSource[] = [];
  try {
    db = openStore(job.dbPath, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {});
    sources = createSources(job, now);
    const repo = new CompanyRepository(db);
    // Decisions go out first: a log store that is down, frozen or failing (the steps below)
    // must not hold them back from a company database that is up.
    const delivery = await deliverDue(new Outbox(db), sources[0]!, now());
    const reports: SyncReport[] = [];
    if (job.kind === 'sync') {
      if (job.reset) writeTransaction(db, () => repo.clearAll());
      const overrides = job.source.kind === 'mysql' ? job.source.tables : {};
      const specs = tableSpecs(overrides).filter((s) => job.groups.includes(s.group));
      for (const source of sources) {
        reports.push(
          await runSync({
            db,
            source,
            specs,
            batchSize: job.batchSize,
            now,
            onProgress,
            ...(job.lookbackMs !== undefined ? { lookbackMs: job.lookbackMs } : {}),
          }),
        );
      }
    }
    const logSource = job.kind === 'sync' && job.groups.includes('logs') ? createLogGroupSource(job, repo) : null;
    if (logSource) {
      // The logs are aggregated where they are kept: groups per minute and shape, mined as they arrive.
      try {
        reports.push(
          await runLogGroupSync({
            db,
            source: logSource,
            now,
            lookbackMs: job.lookbackMs ?? DEFAULT_LOOKBACK_MS,
            keepRawDays: job.logs.keepRawDays,
            keepAggregateDays: job.logs.keepAggregateDays,
            timeZone: job.timeZone,
            keepMinuteDays: job.logs.keepMinuteDays,
            foldShape: groupShapeOf(job.logs, job.source),
            onProgress,
          }),
        );
      } finally {
        await logSource.close();
      }
    }
    // New log lines get their templates here, off the main thread like the sync itself.
    const mining = job.kind === 'sync' && job.groups.includes('logs') ? mineStoredLogs(db) : null;
    // Every table and its templates are in: from now on the copy counts as complete (a first
    // build that was killed or ran out of disk never does, and is resumed instead).
    if (job.kind === 'sync' && SYNC_GROUPS.every((g) => job.groups.includes(g))) repo.setMeta(COMPLETE_SOURCE, sources.map((s) => s.id).join(' + '));
    return { reports, delivery, mining };
  } finally {
    await Promise.all(sources.map((s) => s.close()));
    db?.close();
    lock?.release();
  }
}
