import type Database from 'better-sqlite3';
import type { EventBus } from '../api/eventBus.js';
import type { AppLog } from '../applog/appLog.js';
import type { GenbaConfig } from '../config/config.js';
import { describeError } from '../errors.js';
import { compactStore, type CompactionReport, type Retention } from '../store/compactStore.js';
import type { AppEnv } from '../config/appEnv.js';
import { groupShapeOf } from './groupShape.js';

/** What retention keeps, from the config; `override`: other limits for one run (`genba compact --keep-raw-days`). */
export function retentionOf(config: GenbaConfig, override: Partial<Retention> = {}): Retention {
  return {
    keepRawDays: config.logs.keepRawDays,
    keepAggregateDays: config.logs.keepAggregateDays,
    keepSnapshotDays: config.sync.keepSnapshotDays,
    timeZone: config.timeZone,
    keepMinuteDays: config.logs.keepMinuteDays,
    foldShape: groupShapeOf(config.logs, config.source),
    ...override,
  };
}

export interface AfterSync {
  /** The desktop app's background schedule: compact after each sync from now on. */
  compactAfterEachSync(): void;
  /** One compaction at a time: after the one a sync started, if any. */
  compact(override?: Partial<Retention>): Promise<CompactionReport>;
  /** Resolves once the refresh and the compaction in progress, if any, have finished (stop() waits for it). */
  idle(): Promise<void>;
}

/**
 * What follows a sync, in order: new log lines get their vectors, index and families (when
 * the sync mined templates); the alert rules run; then, in the desktop app, retention once
 * the new lines are mined and indexed. A one-off `genba sync` leaves the copy whole;
 * `genba compact` runs retention by hand. Steps run only while the store is open.
 */
export function createAfterSync(deps: {
  events: EventBus;
  log: AppLog;
  isOpen: () => boolean;
  db: () => Database.Database;
  env: Pick<AppEnv, 'now' | 'config'>;
  refreshLogs: () => Promise<unknown>;
  checkAlerts: () => void;
}): AfterSync {
  let refresh: Promise<unknown> = Promise.resolve();
  let compaction: Promise<unknown> = Promise.resolve();
  let compactAfterSync = false;

  const compactNow = async (override?: Partial<Retention>): Promise<CompactionReport> => {
    const r = await compactStore(deps.db(), deps.env.now(), retentionOf(deps.env.config(), override));
    if (r.rawLogs + r.foldedLogs + r.minuteCounts + r.snapshots > 0) deps.log.info('compaction', JSON.stringify(r));
    return r;
  };

  deps.events.on((e) => {
    if (!deps.isOpen()) return;
    if (e.type === 'data-changed' && e.tables.includes('log_templates')) {
      refresh = deps.refreshLogs().catch((error: unknown) => deps.log.error('log refresh failed', describeError(error)));
    }
    if (e.type !== 'sync-finished') return;
    try {
      deps.checkAlerts();
    } catch (error) {
      deps.log.error('alert check after sync failed', describeError(error));
    }
    if (compactAfterSync) {
      compaction = Promise.all([refresh, compaction])
        .then(() => (deps.isOpen() ? compactNow() : null))
        .catch((error: unknown) => deps.log.error('compaction failed', describeError(error)));
    }
  });

  return {
    compactAfterEachSync: () => void (compactAfterSync = true),
    compact(override) {
      const next = compaction.then(() => compactNow(override));
      compaction = next.catch(() => undefined);
      return next;
    },
    async idle() {
      await refresh;
      await compaction;
    },
  };
}
