import type { GenbaConfig } from '../config/config.js';
import type { CompanyRepository } from '../store/companyRepository.js';
import { COMPANY_TABLES, type CompanyTable } from '../store/companyRows.js';
import { createClickHouseLogSource } from './clickhouseLogSource.js';
import { createDemoSource } from './demoSource.js';
import { knownSiteHosts } from './knownSiteHosts.js';
import { createLogFileSource } from './logFileSource.js';
import type { LogGroupSource } from './logGroupSource.js';
import { createMySqlLogGroupSource } from './mysqlLogGroupSource.js';
import { mysqlSourceFor, mysqlSourceOptions } from './mysqlSourceConfig.js';
import { SyncError } from './syncError.js';
import type { SyncJob } from './syncJob.js';
import type { SyncSource } from './syncSource.js';
import { tableSpecs } from './tableSpecs.js';

export function passwordMissing(): SyncError {
  return new SyncError('SOURCE_PASSWORD_MISSING', {
    ja: '会社データベースのパスワードがありません。設定画面で入力するか、CLI では環境変数 GENBA_MYSQL_PASSWORD を設定してください。',
    en: 'The company database password is missing. Enter it in Settings, or set GENBA_MYSQL_PASSWORD for the CLI.',
  });
}

/** The tables read from the company database: app_logs only where the logs are its rows (logs.kind companyDatabase, not grouped by MySQL). */
export function companyTables(logs: GenbaConfig['logs'], source: GenbaConfig['source']): CompanyTable[] {
  return COMPANY_TABLES.filter((t) => t !== 'app_logs' || (logs.kind === 'companyDatabase' && !(logs.aggregate && source.kind === 'mysql')));
}

/** The source of log groups, where the logs are aggregated by the server that holds them. */
export function createLogGroupSource(job: SyncJob, repo: CompanyRepository): LogGroupSource | null {
  if (job.logs.kind === 'clickhouse') {
    const sites = knownSiteHosts({ source: job.source, alerts: { hostSites: job.hostSites ?? {} } }, repo);
    return createClickHouseLogSource(job.logs, job.logsPassword ?? '', sites);
  }
  if (job.logs.kind === 'companyDatabase' && job.logs.aggregate && job.source.kind === 'mysql') {
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
