import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

/**
 * Planning tables follow their change time (updated_at > watermark). A company whose updated_at may be NULL (a nullable
 * column without ON UPDATE, an importer that leaves it unset) still gets those rows copied, and their later changes too.
 */
describe('planning rows with a NULL change time from a real MariaDB', () => {
  let maria: MariaDb;
  let app: GenbaApp;
  const dir = tempDir();
  const company = async (sql: string, params: unknown[] = []): Promise<void> => {
    const conn = await maria.admin();
    try {
      await conn.query(sql, params);
    } finally {
      await conn.end();
    }
  };
  const local = (sql: string, ...params: unknown[]): Record<string, unknown> | undefined => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
    } finally {
      db.close();
    }
  };
  const written = (report: Awaited<ReturnType<GenbaApp['syncNow']>>, table: string): number | undefined => report.tables.find((t) => t.table === table)?.rows;

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 2000, planning: true });
    // The change time may be NULL, and a change leaves it as it is.
    await conn.query(`ALTER TABLE arrivals MODIFY updated_at DATETIME(3) NULL DEFAULT NULL;
      ALTER TABLE operators MODIFY updated_at DATETIME(3) NULL DEFAULT NULL;
      INSERT INTO arrivals VALUES (9000001, '2030-01-01', '札幌', 'B01', 'x1', 11, NULL);
      UPDATE operators SET updated_at = NULL WHERE operator_id = (SELECT MIN(operator_id) FROM (SELECT operator_id FROM operators) o)`);
    await conn.end();
    const form: DataSourceForm = { host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false };
    app = createApp({ dataDir: dir.path, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: 'inline' });
    app.saveSource(form, { sync: false });
    await app.start();
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
    await maria?.destroy();
  });

  it('a first pull copies the rows whose change time is NULL', async () => {
    await app.syncNow();
    expect(local('SELECT items FROM arrivals WHERE arrival_id = 9000001')).toEqual({ items: 11 });
    // A master too: the operator whose change time is NULL is there, with the rest.
    const conn = await maria.admin();
    const [rows] = (await conn.query('SELECT COUNT(*) AS n, MIN(operator_id) AS first FROM operators')) as unknown as [{ n: number; first: number }[]];
    await conn.end();
    expect(local('SELECT COUNT(*) AS n FROM operators')).toEqual({ n: Number(rows[0]!.n) });
    expect(local('SELECT COUNT(*) AS n FROM operators WHERE operator_id = ?', rows[0]!.first)).toEqual({ n: 1 });
  }, 240_000);

  it('a row inserted later with a NULL change time arrives, and so does a later change of it', async () => {
    await company(`INSERT INTO arrivals VALUES (9000002, '2030-01-02', '札幌', 'B01', 'x2', 22, NULL)`);
    const inserted = await app.syncNow();
    expect(local('SELECT items FROM arrivals WHERE arrival_id = 9000002')).toEqual({ items: 22 });
    expect(written(inserted, 'arrivals')).toBe(1);

    // Nothing changed: nothing is written again, and what the forecast's cache keys on stays as it is.
    const before = local("SELECT COUNT(*) || ':' || MAX(updated_at) AS v FROM arrivals");
    const quiet = await app.syncNow();
    expect(written(quiet, 'arrivals')).toBe(0);
    expect(local("SELECT COUNT(*) || ':' || MAX(updated_at) AS v FROM arrivals")).toEqual(before);

    // Changed in place, the change time still NULL: taken, and the local change time moves (the forecast is made again).
    await company('UPDATE arrivals SET items = 23 WHERE arrival_id = 9000002');
    const changed = await app.syncNow();
    expect(written(changed, 'arrivals')).toBe(1);
    expect(local('SELECT items FROM arrivals WHERE arrival_id = 9000002')).toEqual({ items: 23 });
    expect(local("SELECT COUNT(*) || ':' || MAX(updated_at) AS v FROM arrivals")).not.toEqual(before);

    // The change time set at last: the row follows the watermark like any other.
    await company('UPDATE arrivals SET items = 24, updated_at = NOW(3) WHERE arrival_id = 9000002');
    await app.syncNow();
    expect(local('SELECT items FROM arrivals WHERE arrival_id = 9000002')).toEqual({ items: 24 });
    expect(app.status().sync.tables.every((t) => t.lastError === null)).toBe(true);
  }, 240_000);
});
