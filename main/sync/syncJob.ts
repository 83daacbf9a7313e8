import { dirname } from 'node:path';
import type { GenbaConfig } from '../config/config.js';
import { GenbaError } from '../errors.js';
import { mineStoredLogs, type MiningReport } from '../logs/mineStoredLogs.js';
import { COMPLETE_SOURCE, CompanyRepository } from '../store/companyRepository.js';
import { tryExclusiveLock } from '../store/folderLock.js';
import { openStore } from '../store/openStore.js';
import { COMPANY_TABLES, type CompanyTable } from '../store/companyRows.js';
import { createDemoSource } from './demoSource.js';
import { createLogFileSource } from './logFileSource.js';
import { mysqlSourceFor, mysqlSourceOptions } from './mysqlSourceConfig.js';
import { createMySqlLogGroupSource } from './mysqlLogGroupSource.js';
import type { LogGroupSource } from './logGroupSource.js';
import { deliverDue, Outbox, type DeliveryReport } from './outbox.js';
import { DEFAULT_LOOKBACK_MS, runSync, type SyncProgress, type SyncReport } from './syncEngine.js';
import { SyncError } from './syncError.js';
import type { SyncSource } from './syncSource.js';
import { SYNC_GROUPS, tableSpecs, type SyncGroup } from './tableSpecs.js';
import { createClickHouseLogSource } from './clickhouseLogSource.js';
import { knownSiteHosts } from './knownSiteHosts.js';
import { runLogGroupSync } from './logGroupSync.js';

/** Everything a sync run needs, as plain data: it crosses into a worker thread. */
export interface SyncJob {
  kind: 'sync' | 'deliver';
  dbPath: string;
  nativeBinding?: string | undefined;
  source: GenbaConfig['source'];
  logs: GenbaConfig['logs'];
  timeZone: string;
  password: string | null;
  groups: SyncGroup[];
  batchSize: number;
  /** Forget the local copy (and what was derived from it) first: `genba demo --reset`. */
  reset?: boolean | undefined;
  /** How far back each run re-reads, for rows committed out of order (sync.lookbackMinutes). */
  lookbackMs?: number | undefined;
  /** The app's clock when it is fixed (--now, demo); real time otherwise. */
  fixedNow?: number | undefined;
  /** The log store's password (ClickHouse); '' connects without one. */
  logsPassword?: string | undefined;
  /** Host name part → site (alerts.hostSites), for the logs' site filter. */
  hostSites?: Record<string, string> | undefined;
}

export interface JobResult {
  reports: SyncReport[];
  delivery: DeliveryReport | null;
  mining: MiningReport | null;
}

export function syncBusy(): SyncError {
  return new SyncError('SYNC_BUSY', {
    ja: 'このデータフォルダでは別の同期（アプリか別の genba コマンド）が実行中です。終わってからもう一度実行してください。',
    en: 'Another sync (the app or another genba command) is running on this data folder. Try again when it has finished.',
  });
}

export function passwordMissing(): SyncError {
  return new SyncError('SOURCE_PASSWORD_MISSING', {
    ja: '会社データベースのパスワードがありません。設定画面で入力するか、CLI では環境変数 GENBA_MYSQL_PASSWORD を設定してください。',
    en: 'The company database password is missing. Enter it in Settings, or set GENBA_MYSQL_PASSWORD for the CLI.',
  });
}

/** The tables read from the company source: app_logs only when logs are not read from files. */
export function companyTables(logs: GenbaConfig['logs'], source?: GenbaConfig['source']): CompanyTable[] {
  return COMPANY_TABLES.filter((t) => t !== 'app_logs' || (logs.kind === 'source' && !(logs.aggregate && source?.kind === 'mysql')));
}

/** The source of log groups, where the logs are aggregated by the server that holds them. */
function logGroupSource(job: SyncJob, repo: CompanyRepository): LogGroupSource | null {
  if (job.logs.kind === 'clickhouse') {
    const sites = knownSiteHosts({ source: job.source, alerts: { hostSites: job.hostSites ?? {} } }, repo);
    return createClickHouseLogSource(job.logs, job.logsPassword ?? '', sites);
  }
  if (job.logs.kind === 'source' && job.logs.aggregate && job.source.kind === 'mysql') {
    if (job.password === null) throw passwordMissing();
    const spec = tableSpecs(job.source.tables).find((s) => s.table === 'app_logs')!;
    return createMySqlLogGroupSource(mysqlSourceOptions(job.source, job.password, job.timeZone, ['app_logs']), spec);
  }
  return null;
}

/** The configured sources: the company (MySQL or demo) first, log files after it. */
export function createSources(job: SyncJob, now: () => number): SyncSource[] {
  const tables = companyTables(job.logs, job.source);
  const sources: SyncSource[] = [];
  if (job.source.kind === 'demo') {
    sources.push(createDemoSource(job.source.seed, tables));
  } else {
    if (job.password === null) throw passwordMissing();
    sources.push(mysqlSourceFor(job.source, job.password, job.timeZone, tables));
  }
  if (job.logs.kind === 'files') {
    sources.push(createLogFileSource({ paths: job.logs.paths, service: job.logs.service, timeZone: job.timeZone, now }));
  }
  return sources;
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
      if (job.reset) db.transaction(() => repo.clearAll())();
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
    const logSource = job.kind === 'sync' && job.groups.includes('logs') ? logGroupSource(job, repo) : null;
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

/** Errors cross the worker boundary as data and come back as GenbaErrors. */
export interface SerializedError {
  code: string;
  ja: string;
  en: string;
  detail?: string | undefined;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof GenbaError) return { code: error.code, ja: error.text.ja, en: error.text.en, detail: error.detail };
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    code: 'SYNC_FAILED',
    ja: '同期に失敗しました。詳細はアプリのログを確認してください。',
    en: 'Sync failed. See the app log for details.',
    detail: message,
  };
}

export function deserializeError(e: SerializedError): SyncError {
  return new SyncError(e.code as SyncError['code'], { ja: e.ja, en: e.en }, e.detail === undefined ? {} : { detail: e.detail });
}
