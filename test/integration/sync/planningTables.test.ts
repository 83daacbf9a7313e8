import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { OPTIONAL_TABLES } from '../../../main/store/companyRows.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { expectSameAsSource } from '../../helpers/expectations.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

/** The planning system's tables (attendance, daily assignments, arrivals, the company's forecasts) from a real MariaDB, and a company without them. */
describe('planning tables from a real MariaDB', () => {
  let maria: MariaDb;
  let form: DataSourceForm;
  const dirs: { remove: () => void }[] = [];
  const openApp = async (): Promise<{ app: GenbaApp; dir: string }> => {
    const d = tempDir();
    dirs.push(d);
    const app = createApp({ dataDir: d.path, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: 'inline' });
    app.saveSource(form, { sync: false });
    await app.start();
    return { app, dir: d.path };
  };
  const count = (dir: string, sql: string): number => {
    const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 2000, planning: true });
    await conn.end();
    form = { host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false };
  }, 180_000);

  afterAll(async () => {
    dirs.forEach((d) => d.remove());
    await maria?.destroy();
  });

  it("copies attendance, assignments and arrivals exactly, dates as the company's calendar dates, and takes a changed status", async () => {
    const { app, dir } = await openApp();
    const first = await app.syncNow();
    const read = Object.fromEntries(first.tables.map((t) => [t.table, t.rows]));
    expect(read.attendance_records).toBeGreaterThan(80_000);
    expect(read.arrivals).toBeGreaterThan(13_000);
    await expectSameAsSource(() => maria.admin(), dir);
    // A DATE stays the calendar date it is in the company's zone: no shift through UTC.
    expect(count(dir, "SELECT COUNT(*) AS n FROM attendance_records WHERE attendance_date = '2025-10-23'")).toBeGreaterThan(290);
    expect(count(dir, "SELECT COUNT(*) AS n FROM arrivals WHERE arrival_date = '2025-10-13'")).toBe(0); // スポーツの日: no work

    // A scheduled day that becomes an absence arrives with the next sync.
    const conn = await maria.admin();
    await conn.query(
      "UPDATE attendance_records SET attendance_status = 'absent', updated_at = NOW(3) WHERE attendance_date = '2025-10-24' AND attendance_status = 'scheduled' ORDER BY attendance_id LIMIT 3",
    );
    await conn.end();
    const second = await app.syncNow();
    expect(second.tables.find((t) => t.table === 'attendance_records')?.rows).toBe(3);
    await expectSameAsSource(() => maria.admin(), dir);
    expect(app.status().sync.tables.filter((t) => t.absent)).toEqual([]);
    await app.stop();
  }, 240_000);

  it('a company database without the planning tables syncs the rest, and the status names each table as absent, not failed', async () => {
    const conn = await maria.admin();
    for (const table of OPTIONAL_TABLES) await conn.query(`RENAME TABLE ${table} TO ${table}_hidden`);
    await conn.end();
    try {
      const { app, dir } = await openApp();
      const report = await app.syncNow();
      expect(
        report.tables
          .filter((t) => t.absent)
          .map((t) => t.table)
          .sort(),
      ).toEqual([...OPTIONAL_TABLES].sort());
      expect(count(dir, 'SELECT COUNT(*) AS n FROM operators')).toBeGreaterThan(300);
      const states = app.status().sync.tables;
      for (const table of OPTIONAL_TABLES) expect(states.find((t) => t.table === table)).toMatchObject({ absent: true, lastError: null });
      expect(app.status().sync.lastRun).toMatchObject({ ok: true });

      // The tables appear (the planning system is installed): the next sync copies them and they are no longer absent.
      const c2 = await maria.admin();
      for (const table of OPTIONAL_TABLES) await c2.query(`RENAME TABLE ${table}_hidden TO ${table}`);
      await c2.end();
      await app.syncNow();
      expect(app.status().sync.tables.filter((t) => t.absent)).toEqual([]);
      await expectSameAsSource(() => maria.admin(), dir);
      await app.stop();
    } finally {
      const c3 = await maria.admin();
      for (const table of OPTIONAL_TABLES) await c3.query(`RENAME TABLE IF EXISTS ${table}_hidden TO ${table}`).catch(() => {});
      await c3.end();
    }
  }, 240_000);
});
