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
  const openApp = async (now?: number): Promise<{ app: GenbaApp; dir: string }> => {
    const d = tempDir();
    dirs.push(d);
    const app = createApp({ dataDir: d.path, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: 'inline', now });
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

  it('an approved plan arrives in daily_assignments exactly once, with its approval, across a MySQL outage and a resend', async () => {
    const { app, dir } = await openApp(Date.parse('2025-10-23T15:40+09:00'));
    await app.syncNow();
    const plan = await app.planning.plan();
    expect(plan.date).toBe('2025-10-24');
    const companyRows = async (): Promise<{
      history: number;
      rows: { operator_id: number; location_name: string; process_name: string; start_time: string; end_time: string; assigned_by: string }[];
    }> => {
      const conn = await maria.admin();
      const [h] = (await conn.query('SELECT COUNT(*) AS n FROM approval_history WHERE suggestion_id = ?', [plan.planId])) as unknown as [{ n: number }[]];
      const [rows] = await conn.query(
        'SELECT operator_id, location_name, process_name, start_time, end_time, assigned_by FROM daily_assignments WHERE plan_id = ? ORDER BY operator_id, start_time',
        [plan.planId],
      );
      await conn.end();
      return { history: Number(h[0]!.n), rows: rows as never };
    };

    // The company database is down when the manager approves: the decision waits in the outbox.
    await maria.stop();
    const decided = await app.planning.decide(plan.planId, { action: 'approved' });
    expect(decided).toMatchObject({ delivered: false, plan: { status: 'approved' } });
    const db = new Database(join(dir, 'genba.sqlite'));
    try {
      expect(db.prepare('SELECT delivered_at, attempts FROM approval_outbox WHERE suggestion_id = ?').get(plan.planId)).toMatchObject({ delivered_at: null });
      await maria.start();
      // The clock is fixed at the demo's afternoon: the retry's backoff is over when the next sync comes.
      db.prepare('UPDATE approval_outbox SET next_attempt_at = 0 WHERE suggestion_id = ?').run(plan.planId);
      await app.syncNow();
      const after = await companyRows();
      expect(after.history).toBe(1);
      expect(after.rows).toHaveLength(plan.solution.assignments.length);
      // Each line is the person's half day in the company's zone: 09:00–12:00 or 13:00–18:00, overtime at the edge of the day.
      for (const r of after.rows) {
        expect(r.assigned_by).toBe('genba');
        expect(r.start_time.slice(0, 10)).toBe('2025-10-24');
        expect(['09:00', '13:00'].includes(r.start_time.slice(11, 16)) || r.start_time.slice(11, 16) < '09:00').toBe(true);
      }
      const line = plan.solution.assignments[0]!;
      expect(after.rows.some((r) => r.operator_id === line.operatorId && r.location_name === line.site && r.process_name === line.process)).toBe(true);

      // The reply was lost after the commit: the outbox sends it again, and nothing is written twice.
      db.prepare('UPDATE approval_outbox SET delivered_at = NULL, next_attempt_at = 0 WHERE suggestion_id = ?').run(plan.planId);
      await app.syncNow();
      expect(db.prepare('SELECT delivered_at FROM approval_outbox WHERE suggestion_id = ?').get(plan.planId)).not.toMatchObject({ delivered_at: null });
      const again = await companyRows();
      expect(again.history).toBe(1);
      expect(again.rows).toEqual(after.rows);
    } finally {
      db.close();
    }
    await app.stop();
  }, 300_000);
});
