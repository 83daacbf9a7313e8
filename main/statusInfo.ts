import { statSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../package.json';
import { clickhouseSourceId } from './sync/clickhouseSourceId.js';
import { findModels } from './ai/findModels.js';
import type { StatusInfo } from './api/types.js';
import type { AppEnv } from './config/appEnv.js';
import type { StoreHandle } from './store/storeHandle.js';
import { schemaVersion } from './store/migration.js';
import { RefusedRows } from './store/refusedRows.js';
import { latestSnapshotTime } from './store/progressSnapshots.js';
import type { Outbox } from './store/approvalOutbox.js';
import type { SyncService } from './sync/syncService.js';

/** What `genba status` and the status bar show: where the data is, how fresh, what is pending. */
export function statusInfo(o: {
  dataDir: string;
  dbPath: string;
  store: Pick<StoreHandle, 'db' | 'repo'>;
  env: AppEnv;
  outbox: Outbox;
  sourceId: string;
  passwordStored: boolean;
  sync: ReturnType<SyncService['status']>;
  /** Until when the tray's pause holds (AlertService.pausedUntil); null when it does not. */
  alertsPausedUntil: number | null;
}): StatusInfo {
  const [db, repo, config] = [o.store.db(), o.store.repo(), o.env.config()];
  const clock: StatusInfo['clock'] = { now: o.env.now(), mode: o.env.clock.mode() };
  const now = clock.now;
  const dataAsOf = latestSnapshotTime(db, now);
  const modelsDir = join(o.dataDir, 'models');
  const s = config.source;
  const counts = o.outbox.counts();
  return {
    version: pkg.version,
    dataDir: o.dataDir,
    database: { path: o.dbPath, sizeBytes: statSync(o.dbPath).size, schemaVersion: schemaVersion(db) },
    source:
      s.kind === 'demo'
        ? { kind: 'demo', id: o.sourceId, seed: s.seed }
        : {
            kind: 'mysql',
            id: o.sourceId,
            host: s.host,
            port: s.port,
            database: s.database,
            user: s.user,
            tls: s.tls.enabled,
            passwordStored: o.passwordStored,
          },
    logs:
      config.logs.kind === 'files'
        ? { kind: 'files', paths: config.logs.paths }
        : config.logs.kind === 'clickhouse'
          ? { kind: 'clickhouse', id: clickhouseSourceId(config.logs) }
          : { kind: 'companyDatabase' },
    clock: clock,
    tables: repo.counts(),
    lastSync: repo.lastSuccessfulSync(),
    dataAsOf,
    complete: repo.isComplete(o.sourceId),
    sync: {
      ...o.sync,
      tables: repo.syncStates(),
      refusedRows: new RefusedRows(db).summary(),
      pendingDecisions: counts.pending,
      failingDecisions: counts.failing,
      heldDecisions: counts.held,
    },
    models: { dir: modelsDir, found: findModels(modelsDir) },
    alertsPausedUntil: o.alertsPausedUntil !== null && o.alertsPausedUntil > now ? o.alertsPausedUntil : null,
  };
}
