import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../package.json';
import { clickhouseSourceId } from './sync/clickhouseSourceId.js';
import { findModels } from './ai/findModels.js';
import type { StatusInfo } from './api/types.js';
import type { GenbaConfig } from './config/config.js';
import type { CompanyRepository } from './store/companyRepository.js';
import { schemaVersion } from './store/migration.js';
import type { Outbox } from './sync/outbox.js';
import type { SyncService } from './sync/syncService.js';

/** What `genba status` and the status bar show: where the data is, how fresh, what is pending. */
export function statusInfo(o: {
  dataDir: string;
  dbPath: string;
  db: Database.Database;
  repo: CompanyRepository;
  outbox: Outbox;
  config: GenbaConfig;
  sourceId: string;
  clock: StatusInfo['clock'];
  passwordStored: boolean;
  sync: ReturnType<SyncService['status']>;
}): StatusInfo {
  const now = o.clock.now;
  const dataAsOf = (o.db.prepare('SELECT MAX(snapshot_time) AS t FROM progress_snapshots WHERE snapshot_time <= ?').get(now) as { t: number | null }).t;
  const paused = o.repo.getMeta('alerts_paused_until');
  const modelsDir = join(o.dataDir, 'models');
  const s = o.config.source;
  const counts = o.outbox.counts();
  return {
    version: pkg.version,
    dataDir: o.dataDir,
    database: { path: o.dbPath, sizeBytes: statSync(o.dbPath).size, schemaVersion: schemaVersion(o.db) },
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
      o.config.logs.kind === 'files'
        ? { kind: 'files', paths: o.config.logs.paths }
        : o.config.logs.kind === 'clickhouse'
          ? { kind: 'clickhouse', id: clickhouseSourceId(o.config.logs) }
          : { kind: 'source' },
    clock: o.clock,
    tables: o.repo.counts(),
    lastSync: o.repo.lastSuccessfulSync(),
    dataAsOf,
    complete: o.repo.isComplete(o.sourceId),
    sync: { ...o.sync, tables: o.repo.syncStates(), pendingDecisions: counts.pending, failingDecisions: counts.failing },
    models: { dir: modelsDir, found: findModels(modelsDir) },
    alertsPausedUntil: paused !== null && Number(paused) > now ? Number(paused) : null,
  };
}
