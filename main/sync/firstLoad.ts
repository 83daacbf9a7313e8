import type Database from 'better-sqlite3';
import type { EventBus } from '../api/eventBus.js';
import type { AppLog } from '../applog/appLog.js';
import { mineUnderSyncLock, unminedLines } from '../logs/mineStoredLogs.js';
import type { CompanyRepository } from '../store/companyRepository.js';
import { SNAPSHOTS } from '../store/progressSnapshots.js';
import type { SyncService } from './syncService.js';
import type { GenbaConfig } from '../config/config.js';
import { storeDemoBusinessNames } from './demo/demoBusinessNames.js';

export interface FirstLoadOptions {
  /** Whether start() waits for the first load of the demo company (CLI) or lets it run behind the window (app). */
  awaitFirstLoad?: boolean | undefined;
  /** The first build stores what the first screen needs and leaves the planning tables and the logs for later (see AppOptions.firstScreenOnly). */
  firstScreenOnly?: boolean | undefined;
}

/**
 * What start() does once the store is open, before anything reads it: the demo company's
 * business names are written (see storeDemoBusinessNames); a demo company whose
 * first build was cut short is built on, never used half-made (a command that needs only the
 * first screen does not build on a copy that already has it); lines whose mining was cut
 * short (a killed command) are mined before anything reads templates. The app's background
 * sync does the latter itself, so it is skipped when start() does not wait.
 */
export async function firstLoad(
  deps: {
    db: Database.Database;
    repo: CompanyRepository;
    dataDir: string;
    nativeBinding?: string | undefined;
    source: GenbaConfig['source'];
    sourceId: string;
    now: number;
    sync: SyncService;
    events: EventBus;
    log: AppLog;
  },
  options: FirstLoadOptions,
): Promise<void> {
  const { db, repo, sync } = deps;
  storeDemoBusinessNames(db, deps.source, deps.now);
  const firstScreenOnly =
    options.firstScreenOnly === true && repo.syncStates().some((x) => x.table === SNAPSHOTS.table && x.sourceId === deps.sourceId && x.lastSuccessAt !== null);
  if (deps.source.kind === 'demo' && !repo.isComplete(deps.sourceId) && !firstScreenOnly) {
    // Without the planning and logs groups the copy does not count as complete: the next run builds on.
    const first = options.firstScreenOnly ? sync.run('sync', ['masters', 'progress']) : sync.run();
    if (options.awaitFirstLoad === false) first.catch(() => {});
    else await first;
  }
  const pending = options.awaitFirstLoad !== false && !options.firstScreenOnly ? unminedLines(db) : 0;
  if (pending > 0) {
    const onProgress = (done: number): void => deps.events.emit({ type: 'progress', task: 'mining', table: 'app_logs', done, total: pending });
    const mined = mineUnderSyncLock(db, deps.dataDir, { nativeBinding: deps.nativeBinding, onProgress });
    if (mined) deps.log.info('log lines mined at start', `${mined.lines} lines, ${Math.round(mined.ms)} ms`);
  }
}
