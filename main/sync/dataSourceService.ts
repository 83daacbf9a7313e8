import type { DataSourceForm, DemoResetResult, SyncSummary } from '../api/types.js';
import type { LogGroupReport } from './logGroupSync.js';
import type { AppLog } from '../applog/appLog.js';
import { DEFAULT_DEMO_SEED, type GenbaConfig, type MySqlSourceConfig } from '../config/config.js';
import { MYSQL_PASSWORD, type SecretStore } from '../config/secretStore.js';
import { GenbaError } from '../errors.js';
import { demoSourceId } from './demoSource.js';
import { mysqlSourceId, type TableCheck } from './mysqlSource.js';
import { mysqlSourceFor, sourceConfigFromForm } from './mysqlSourceConfig.js';
import { companyTables, passwordMissing } from './createSources.js';
import type { JobResult } from './syncJob.js';
import type { SyncService } from './syncService.js';
import { tableSpecs } from './tableSpecs.js';
import type { AppEnvControl } from '../config/appEnv.js';

/** Where the company data comes from, and the manager's actions on it: test, save, demo, sync now. */
export interface DataSourceService {
  /** The configured source's identity (no secrets): `demo:<seed>` or `mysql://user@host:port/db`. */
  sourceId(): string;
  /** Connects to a MySQL source once and lists its tables, then disconnects. */
  connectionTest(source: MySqlSourceConfig, password: string | null | undefined): Promise<TableCheck[]>;
  /** Settings' 接続テスト: the form's source, with its password or the stored one. */
  testSource(form: DataSourceForm): Promise<TableCheck[]>;
  /** The doctor's check of the configured source; null for the demo company. */
  doctorCheck(): (() => Promise<string>) | null;
  /** Remembers the company MySQL (the password in the secret store only) and syncs from it. */
  saveSource(form: DataSourceForm, opts?: { sync?: boolean }): void;
  /** Back to the embedded demo company (the MySQL password is forgotten). */
  useDemo(): Promise<void>;
  /** Rebuilds the demo company's copy from scratch, with its derived log data. */
  resetDemo(): Promise<DemoResetResult>;
  syncNow(): Promise<SyncSummary>;
}

/** What a sync job did, as the app reports it. */
/** The late lines a log-group sync found (LogGroupReport.late), if any. */
function lateOf(r: JobResult): SyncSummary['lateLogLines'] {
  for (const x of r.reports) {
    const late = (x as Partial<LogGroupReport>).late;
    if (late && late.lines > 0 && late.from !== null) return { lines: late.lines, from: late.from };
  }
  return null;
}

export function summarizeJob(r: JobResult): SyncSummary {
  return {
    rows: r.reports.reduce((n, x) => n + x.rows, 0),
    tables: r.reports.flatMap((x) => x.tables.map((t) => ({ table: t.table, rows: t.rows, deleted: t.deleted, ...(t.absent ? { absent: t.absent } : {}) }))),
    ms: Math.round(r.reports.reduce((n, x) => n + x.ms, 0)),
    delivered: (r.delivery?.delivered ?? 0) + (r.delivery?.alreadyThere ?? 0),
    deliveryFailed: r.delivery?.failed ?? 0,
    deliveryError: r.delivery?.lastError ?? null,
    lateLogLines: lateOf(r),
  };
}

export function sourceIdOf(source: GenbaConfig['source']): string {
  return source.kind === 'demo' ? demoSourceId(source.seed) : mysqlSourceId(source);
}

export function createDataSourceService(deps: {
  /** The config, and the way to change config.json (`change` gets the file as it is now and returns it with only its own key changed). */
  env: Pick<AppEnvControl, 'config' | 'setConfig'>;
  secrets: SecretStore;
  sync: SyncService;
  log: AppLog;
  /** Throws when the store is not open (the app has not started). */
  requireStore: () => void;
}): DataSourceService {
  const connectionTest = async (source: MySqlSourceConfig, password: string | null | undefined): Promise<TableCheck[]> => {
    if (!password) throw passwordMissing();
    const conn = mysqlSourceFor(source, password, deps.env.config().timeZone, companyTables(deps.env.config().logs, source));
    try {
      // The SELECTs the sync runs: the company's own where config.json has them.
      return await conn.testConnection(tableSpecs(source.tables));
    } finally {
      await conn.close();
    }
  };
  const sourceId = (): string => sourceIdOf(deps.env.config().source);

  return {
    sourceId,
    connectionTest,
    testSource(form) {
      const current = deps.env.config().source;
      return connectionTest(sourceConfigFromForm(form, current.kind === 'mysql' ? current : null), form.password || deps.secrets.get(MYSQL_PASSWORD));
    },
    doctorCheck() {
      const s = deps.env.config().source;
      if (s.kind === 'demo') return null;
      return async () => {
        const checks = await connectionTest(s, deps.secrets.get(MYSQL_PASSWORD));
        // The optional planning tables a company lacks are named, not counted.
        const absent = checks.filter((c) => c.absent).map((c) => c.table);
        return `${s.host}:${s.port}/${s.database}, ${checks.length - absent.length} tables${absent.length > 0 ? ` (absent: ${absent.join(', ')})` : ''}`;
      };
    },
    saveSource(form, opts = {}) {
      if (form.password) deps.secrets.set(MYSQL_PASSWORD, form.password);
      deps.env.setConfig((c) => ({ ...c, source: sourceConfigFromForm(form, c.source.kind === 'mysql' ? c.source : null) }));
      deps.log.info('data source saved', sourceId());
      if (opts.sync !== false) deps.sync.run().catch(() => {});
    },
    async useDemo() {
      deps.secrets.delete(MYSQL_PASSWORD);
      deps.env.setConfig((c) => ({ ...c, source: { kind: 'demo', seed: DEFAULT_DEMO_SEED } }));
      await deps.sync.run();
    },
    async resetDemo() {
      deps.requireStore();
      if (deps.env.config().source.kind !== 'demo') {
        throw new GenbaError('DEMO_NOT_ACTIVE', {
          ja: 'デモ会社のデータは、データソースがデモ会社のときだけ作り直せます。',
          en: 'The demo data can only be rebuilt while the demo company is the data source.',
        });
      }
      // Cleared and rebuilt in the sync job, under the folder's sync lock.
      const s = summarizeJob(await deps.sync.run('sync', undefined, { reset: true }));
      return { rows: Object.fromEntries(s.tables.map((t) => [t.table, t.rows])), elapsedMs: s.ms };
    },
    async syncNow() {
      deps.requireStore();
      return summarizeJob(await deps.sync.run());
    },
  };
}
