import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createEventBus } from '../../../main/api/eventBus.js';
import { createAppLog } from '../../../main/applog/appLog.js';
import { configSchema, type GenbaConfig } from '../../../main/config/config.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { createDataSourceService } from '../../../main/sync/dataSourceService.js';
import { createSyncService } from '../../../main/sync/syncService.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

/** The company keeps its operators in `staff`, read through its own SELECT (config.json's source.tables). */
const STAFF_SELECT = 'SELECT id AS operator_id, full_name AS operator_name, site AS location_name, active AS is_valid, changed_at AS updated_at FROM staff';

interface Failure {
  code: string;
  messageIn(lang: 'ja' | 'en'): string;
}

describe("the connection test runs the company's own SELECTs, the ones its sync runs (a real MariaDB)", () => {
  let maria: MariaDb;
  const dirs: ReturnType<typeof tempDir>[] = [];

  /** Settings' 接続テスト, the doctor's check and a sync of the masters, all on one config.json's source. */
  const company = (database: string, operators: string) => {
    const dir = tempDir();
    dirs.push(dir);
    const config: GenbaConfig = configSchema.parse({
      source: {
        kind: 'mysql',
        host: '127.0.0.1',
        port: maria.port,
        database,
        user: 'genba',
        connectTimeoutMs: 2000,
        tables: { operators: { select: operators, watermark: ['updated_at', 'operator_id'] } },
      },
    });
    const secrets = memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' });
    const log = createAppLog(dir.path);
    const sync = createSyncService({
      runner: 'inline',
      events: createEventBus(),
      log,
      env: { now: Date.now, lang: () => 'en' },
      schedule: () => config.sync,
      job: (kind, groups) => ({
        kind,
        groups,
        dbPath: join(dir.path, 'genba.sqlite'),
        source: config.source,
        logs: config.logs,
        timeZone: config.timeZone,
        password: 'genba-pw',
        batchSize: 1000,
      }),
    });
    const service = createDataSourceService({ env: { config: () => config, setConfig: () => config }, secrets, sync, log, requireStore: () => {} });
    const form: DataSourceForm = { host: '127.0.0.1', port: maria.port, database, user: 'genba', tls: false };
    return {
      test: () => service.testSource(form),
      doctor: () => service.doctorCheck()!(),
      syncMasters: () => sync.run('sync', ['masters']),
    };
  };
  const failure = (work: Promise<unknown>): Promise<Failure | null> =>
    work.then(
      () => null,
      (error: unknown) => error as Failure,
    );

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    // A company whose schema has no operators table: its operators are in staff.
    await conn.query(`CREATE DATABASE own DEFAULT CHARSET utf8mb4; USE own; ${readFileSync(resolve('resources/mysql/company_schema.sql'), 'utf8')}
      DROP TABLE operators;
      CREATE TABLE staff (id INT PRIMARY KEY, full_name VARCHAR(100) NOT NULL, site VARCHAR(50) NOT NULL, active TINYINT(1) NOT NULL, changed_at DATETIME(3) NOT NULL) DEFAULT CHARSET = utf8mb4;
      INSERT INTO staff VALUES (1, '佐藤', '札幌', 1, '2025-10-23 09:00:00'), (2, '鈴木', '盛岡', 1, '2025-10-23 09:00:00');
      GRANT SELECT ON own.* TO 'genba'@'%'; GRANT INSERT, UPDATE ON own.approval_history TO 'genba'@'%';`);
    await conn.end();
  }, 60_000);
  afterAll(async () => {
    for (const d of dirs) d.remove();
    await maria?.destroy();
  });

  it('passes where the sync passes: the own SELECT reads staff, and the schema has no operators table', async () => {
    const c = company('own', STAFF_SELECT);
    expect((await c.syncMasters()).reports[0]!.tables.find((t) => t.table === 'operators')).toMatchObject({ rows: 2 });
    expect((await c.test()).find((t) => t.table === 'operators')).toEqual({ table: 'operators', rows: 2 });
    // The five tables Genba always reads and the four planning tables the schema creates (empty).
    expect(await c.doctor()).toContain('9 tables');
  });

  it('fails where the sync fails (the own SELECT reads a table this database lacks), naming the configured query in ja and en', async () => {
    const c = company(maria.database, STAFF_SELECT);
    expect(await failure(c.syncMasters())).toMatchObject({ code: 'SOURCE_MISSING_TABLE' });
    for (const e of [await failure(c.test()), await failure(c.doctor())]) {
      expect(e?.code).toBe('SOURCE_MISSING_TABLE');
      expect(e?.messageIn('en')).toContain('SELECT configured for operators (source.tables.operators');
      expect(e?.messageIn('ja')).toContain('operators の SELECT（config.json の source.tables.operators）');
    }
  });

  it('fails where the sync fails (the own SELECT leaves out a column Genba needs), naming the query and the column', async () => {
    const c = company('own', 'SELECT id AS operator_id, full_name AS operator_name, site AS location_name, changed_at AS updated_at FROM staff');
    expect(await failure(c.syncMasters())).toMatchObject({ code: 'SOURCE_MISSING_COLUMN' });
    const e = await failure(c.test());
    expect(e?.code).toBe('SOURCE_MISSING_COLUMN');
    expect(e?.messageIn('en')).toContain('source.tables.operators');
    expect(e?.messageIn('en')).toContain('"is_valid"');
    expect(e?.messageIn('ja')).toContain('「is_valid」');
  });
});
