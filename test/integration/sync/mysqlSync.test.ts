import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { expectSameAsSource as sameAsSource } from '../../helpers/expectations.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';
import { whenStore } from '../../helpers/whenStore.js';

describe('sync from a real MariaDB', () => {
  let maria: MariaDb;
  let form: DataSourceForm;
  let logRows = 0;
  const dirs: { remove: () => void }[] = [];
  const dataDir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  const openApp = async (dir: string, runner: 'inline' | 'worker' = 'inline'): Promise<GenbaApp> => {
    const app = createApp({ dataDir: dir, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: runner });
    app.saveSource(form, { sync: false });
    await app.start();
    return app;
  };
  const expectSameAsSource = (dir: string): Promise<void> => sameAsSource(() => maria.admin(), dir);

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    // Half the month's lines: still more than 100k, so that each kill below lands well inside the log table's pull.
    logRows = (await seedCompany(conn, { logs: 120_000 })).logs;
    await conn.end();
    form = { host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false };
  }, 180_000);

  afterAll(async () => {
    dirs.forEach((d) => d.remove());
    await maria?.destroy();
  });

  it('first sync copies the masters and all log rows exactly; an incremental sync takes only new and changed rows', async () => {
    const dir = dataDir();
    const app = await openApp(dir);
    const first = await app.syncNow();
    expect(logRows).toBeGreaterThanOrEqual(100_000);
    expect(first.tables.find((t) => t.table === 'app_logs')?.rows).toBe(logRows);
    await expectSameAsSource(dir);

    const conn = await maria.admin();
    await conn.query(`INSERT INTO app_logs (ts, service, host, level, message, trace_id)
      SELECT ts + INTERVAL 1 DAY, service, host, level, CONCAT(message, ' (replayed)'), trace_id FROM app_logs ORDER BY log_id LIMIT 700`);
    await conn.query('UPDATE operators SET is_valid = 0, updated_at = NOW(3) WHERE operator_id IN (3, 5, 8)');
    await conn.query('UPDATE operator_process_capabilities SET skill_level = 5, updated_at = NOW(3) WHERE capability_id IN (10, 11)');
    await conn.query('DELETE FROM operator_process_capabilities WHERE capability_id = 20');
    await conn.query(`INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count, correction_waiting)
      VALUES ('2025-10-23 15:50:00', '札幌', '523201', 'エントリ1', '2025-10-23 16:00:00', 70, 2769, 20)`);
    await conn.end();

    const second = await app.syncNow();
    const rows = Object.fromEntries(second.tables.map((t) => [t.table, t]));
    expect(rows.app_logs?.rows).toBe(700);
    expect(rows.operators?.rows).toBe(3);
    expect(rows.operator_process_capabilities).toMatchObject({ rows: 2, deleted: 1 });
    expect(rows.progress_snapshots?.rows).toBe(1);
    await expectSameAsSource(dir);

    // A row with a smaller id changed within the watermark's own timestamp is still found.
    const c2 = await maria.admin();
    const [[last]] = (await c2.query('SELECT MAX(updated_at) AS t FROM operators')) as unknown as [[{ t: string }]];
    await c2.query("UPDATE operators SET operator_name = '再登録 太郎', updated_at = ? WHERE operator_id = 1", [last.t]);
    await c2.end();
    await app.syncNow();
    await expectSameAsSource(dir);
    const status = app.status();
    expect(status.sync.lastRun).toMatchObject({ ok: true });
    expect(status.source).toMatchObject({ kind: 'mysql', passwordStored: true });
    await app.stop();
  }, 180_000);

  it('survives the worker being killed mid-sync: the rerun ends equal to the source, without duplicates', async () => {
    const dir = dataDir();
    const app = await openApp(dir, 'worker');
    let killed = false;
    app.events.on((e) => {
      if (!killed && e.type === 'progress' && e.table === 'app_logs' && e.done >= 40_000) {
        killed = true;
        void app.syncService.cancel();
      }
    });
    await expect(app.syncNow()).rejects.toMatchObject({ code: 'SYNC_CANCELLED' });
    expect(killed).toBe(true);
    const partial = app.status().tables.find((t) => t.table === 'app_logs')!.rows;
    expect(partial).toBeGreaterThanOrEqual(40_000);
    expect(partial).toBeLessThan(logRows);
    await app.syncNow();
    await expectSameAsSource(dir);
    await app.stop();
  }, 180_000);

  it('survives SIGKILL of a `genba sync` process mid-batch', async () => {
    const dir = dataDir();
    const url = `mysql://genba@127.0.0.1:${maria.port}/${maria.database}`;
    const env = { ...process.env, GENBA_MYSQL_PASSWORD: 'genba-pw' };
    const child = spawn(process.execPath, [resolve('bin/genba.mjs'), 'sync', '--source', url, '--once', '--data-dir', dir], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Kill it as soon as some log batches are in, well before the end.
    const seen = await whenStore(
      dir,
      (db) => {
        const n = (db.prepare('SELECT COUNT(*) AS n FROM app_logs').get() as { n: number }).n;
        return n >= 30_000 ? n : undefined;
      },
      { exited },
    );
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(logRows);

    const rerun = spawn(process.execPath, [resolve('bin/genba.mjs'), 'sync', '--once', '--json', '--data-dir', dir], { env, stdio: 'ignore' });
    expect(await new Promise((r) => rerun.on('exit', r))).toBe(0);
    await expectSameAsSource(dir);
  }, 180_000);
});
