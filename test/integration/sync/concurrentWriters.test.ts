import Database from 'better-sqlite3';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { tryExclusiveLock } from '../../../main/store/folderLock.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { expectCountedOnce, expectSameAsSource as sameAsSource } from '../../helpers/expectations.js';
import { runGenba, spawnGenba } from '../../helpers/genbaCli.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { derivedCounts } from '../../helpers/logCounts.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

const PASSWORD = 'genba-pw';

describe('sync with concurrent writers and concurrent syncs (real MariaDB, real sessions)', () => {
  let maria: MariaDb;
  const dirs: { remove: () => void }[] = [];
  const dataDir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  const url = (): string => `mysql://genba@127.0.0.1:${maria.port}/${maria.database}`;
  const env = { GENBA_MYSQL_PASSWORD: PASSWORD };
  const openApp = async (dir: string): Promise<GenbaApp> => {
    const app = createApp({ dataDir: dir, secrets: memorySecretStore({ [MYSQL_PASSWORD]: PASSWORD }) });
    app.saveSource({ host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false }, { sync: false });
    await app.start();
    return app;
  };
  const expectSameAsSource = (dir: string): Promise<void> => sameAsSource(() => maria.admin(), dir);
  /** A synced app on a fresh folder and two client sessions of the company database, all closed afterwards. */
  const withSessions = async (fn: (s: { dir: string; app: GenbaApp; a: mysql.Connection; b: mysql.Connection }) => Promise<void>): Promise<void> => {
    const dir = dataDir();
    const app = await openApp(dir);
    await app.syncNow();
    const a = await maria.admin();
    const b = await maria.admin();
    try {
      await fn({ dir, app, a, b });
    } finally {
      await a.end();
      await b.end();
      await app.stop();
    }
  };
  const insertLog = async (c: mysql.Connection, message: string): Promise<number> => {
    const [r] = await c.query("INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES (NOW(3), 'order-api', 'app01', 'ERROR', ?, NULL)", [
      message,
    ]);
    return (r as { insertId: number }).insertId;
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 60_000 });
    await conn.end();
  }, 180_000);
  afterAll(async () => {
    dirs.forEach((d) => d.remove());
    await maria?.destroy();
  });

  it('takes a row committed after a later id was synced (two sessions), and counts it once in every derived table', () =>
    withSessions(async ({ dir, app, a, b }) => {
      await a.query('START TRANSACTION');
      const idA = await insertLog(a, 'payment gateway timeout after 3000 ms (late commit)');
      await a.query(`INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count, correction_waiting)
      VALUES (NOW(), '札幌', '523201', 'エントリ1', NOW() + INTERVAL 1 HOUR, 50, 10, 0)`);
      const idB = await insertLog(b, 'payment gateway timeout after 2000 ms (early commit)');
      await b.query(`INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count, correction_waiting)
      VALUES (NOW(), '盛岡', '523201', 'エントリ1', NOW() + INTERVAL 1 HOUR, 40, 12, 0)`);
      expect(idB).toBeGreaterThan(idA);

      await app.syncNow(); // sees B; A is not committed yet
      const local = (): number[] => {
        const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
        try {
          return (db.prepare('SELECT log_id FROM app_logs WHERE log_id IN (?, ?) ORDER BY log_id').all(idA, idB) as { log_id: number }[]).map((r) => r.log_id);
        } finally {
          db.close();
        }
      };
      expect(local()).toEqual([idB]);

      await a.query('COMMIT');
      await app.syncNow();
      expect(local()).toEqual([idA, idB]);
      await expectSameAsSource(dir);
      expectCountedOnce(dir);

      // Re-reading the look-back window again and again changes nothing and counts nothing twice.
      const before = derivedCounts(dir);
      await app.syncNow();
      await app.syncNow();
      expect(derivedCounts(dir)).toEqual(before);
    }));

  it('takes a row committed late even when a line with an old time (a late importer) was written after it', () =>
    withSessions(async ({ dir, app, a, b }) => {
      await a.query('START TRANSACTION');
      const idA = await insertLog(a, 'payment gateway timeout after 4000 ms (held open)');
      // Another session writes a line dated two days back, then new lines: by the times in the rows, everything
      // before the old line looks older than the look-back, and so settled.
      const [old] = await b.query(
        "INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES (NOW(3) - INTERVAL 2 DAY, 'importer', 'batch01', 'INFO', 'archive 7 replayed', NULL)",
      );
      const idOld = (old as { insertId: number }).insertId;
      const idNew = await insertLog(b, 'payment gateway timeout after 1000 ms (after the import)');
      expect(idOld).toBeGreaterThan(idA);
      expect(idNew).toBeGreaterThan(idOld);
      await app.syncNow(); // sees the import and the new line; A is not committed yet
      await a.query('COMMIT');
      await app.syncNow();
      const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
      try {
        expect((db.prepare('SELECT log_id FROM app_logs WHERE log_id = ?').get(idA) as { log_id: number } | undefined)?.log_id).toBe(idA);
      } finally {
        db.close();
      }
      await expectSameAsSource(dir);
      expectCountedOnce(dir);
    }));

  it('takes a master row whose change time is older than the watermark, or whose transaction committed late', () =>
    withSessions(async ({ dir, app, a, b }) => {
      await b.query("UPDATE operators SET operator_name = '過去日付 花子', updated_at = '2020-01-01 00:00:00' WHERE operator_id = 7");
      await a.query('START TRANSACTION');
      await a.query('UPDATE operator_process_capabilities SET skill_level = 1, updated_at = NOW(3) - INTERVAL 1 HOUR WHERE capability_id = 12');
      await b.query('UPDATE operator_process_capabilities SET skill_level = 5, updated_at = NOW(3) WHERE capability_id = 13');
      await app.syncNow();
      await a.query('COMMIT');
      await app.syncNow();
      await expectSameAsSource(dir);
    }));

  /** Until a sync's query waits on the locked log table: MariaDB lists it so. */
  const untilSyncWaitsOnLogs = async (): Promise<void> => {
    const watcher = await maria.admin();
    try {
      const waiting = async (): Promise<boolean> => {
        const [rows] = (await watcher.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'genba' AND STATE LIKE 'Waiting for table%' AND INFO LIKE '%app_logs%'",
        )) as unknown as [{ n: number }[]];
        return Number(rows[0]!.n) > 0;
      };
      for (let waited = 0; !(await waiting()); waited += 100) {
        if (waited > 60_000) throw new Error('the sync never waited on the locked log table');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await watcher.end();
    }
  };

  it('lets one sync run per data folder: a second says plainly that one is running, and counts stay exact', async () => {
    const dir = dataDir();
    // Held here as another process would hold it: the CLI must refuse at once, in the manager's words.
    const held = tryExclusiveLock(dir, 'sync')!;
    const refused = runGenba(['sync', '--source', url(), '--once', '--data-dir', dir], env);
    held.release();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('別の同期');
    expect(refused.stderr).not.toMatch(/at .*\.m?js:\d+/);

    // Two real processes at once, the overlap forced rather than hoped for: the first waits on a locked log table while
    // the second starts, and must be told a sync is running; then a third: never a doubled count.
    const locker = await maria.admin();
    await locker.query('LOCK TABLES app_logs WRITE');
    const first = spawnGenba(['sync', '--source', url(), '--once', '--data-dir', dir], env);
    try {
      await untilSyncWaitsOnLogs();
      const second = runGenba(['sync', '--once', '--data-dir', dir], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('別の同期');
    } finally {
      await locker.query('UNLOCK TABLES');
      await locker.end();
    }
    expect((await first).code).toBe(0);
    expect(runGenba(['sync', '--once', '--data-dir', dir], env).code).toBe(0);
    await expectSameAsSource(dir);
    expectCountedOnce(dir);

    // Another sync holding the folder and writing longer than the store waits (a long first sync on a loaded
    // machine): the command that cannot even start says that a sync is running, not 「内部エラー」.
    const lock = tryExclusiveLock(dir, 'sync')!;
    const writer = new Database(join(dir, 'genba.sqlite'));
    writer.exec('BEGIN IMMEDIATE');
    try {
      const busy = runGenba(['sync', '--once', '--data-dir', dir], env);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('別の同期');
      expect(busy.stderr).not.toContain('内部エラー');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      lock.release();
    }
  }, 120_000);

  it("switching a demo folder to the company MySQL drops the demo's templates and families with its lines", async () => {
    const dir = dataDir();
    await copyDemoStore(dir); // the demo company, mined
    expect(runGenba(['logs', 'templates', '--data-dir', dir]).code).toBe(0);
    expect(derivedCounts(dir).lines).toBeGreaterThan(200_000);
    expect(runGenba(['sync', '--source', url(), '--once', '--data-dir', dir], env).code).toBe(0);
    const c = derivedCounts(dir);
    const conn = await maria.admin();
    const [[source]] = (await conn.query('SELECT COUNT(*) AS n FROM app_logs')) as unknown as [[{ n: number }]];
    await conn.end();
    expect(c.lines).toBe(Number(source.n));
    expectCountedOnce(dir);
    expect(c.orphanTemplates).toBe(0);
    const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
    const clustered = (
      db.prepare('SELECT COUNT(*) AS n FROM log_cluster_members WHERE template_id NOT IN (SELECT template_id FROM log_templates)').get() as { n: number }
    ).n;
    db.close();
    expect(clustered).toBe(0);
  }, 180_000);

  it('refuses a decision longer than approval_history holds; an undeliverable one fails the sync with its cause', async () => {
    const dir = dataDir();
    expect(runGenba(['sync', '--source', url(), '--once', '--data-dir', dir], env).code).toBe(0);
    // The doctor and the delivery after a decision take the password from the environment too.
    const doctor = JSON.parse(runGenba(['doctor', '--json', '--data-dir', dir], env).stdout) as { checks: { id: string; status: string }[] };
    expect(doctor.checks.find((c) => c.id === 'source')!.status).toBe('ok');

    // A decision written before the limit was checked (an older Genba): the sync must say why it cannot be delivered.
    const db = new Database(join(dir, 'genba.sqlite'));
    db.prepare(
      `INSERT INTO approval_outbox (suggestion_id, changes, impact, action_type, action_user, feedback_reason, decided_at, next_attempt_at)
      VALUES ('SGT20251023-legacy01', '[]', '{}', 'rejected', 'tester', ?, 0, 0)`,
    ).run('理'.repeat(30_000));
    db.close();
    const sync = runGenba(['sync', '--once', '--data-dir', dir], env);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('承認結果 1 件を会社データベースに書き込めませんでした');
    expect(sync.stderr).toMatch(/too long|Data too long/i);
  }, 120_000);

  it('exits as soon as it has reported a lost connection, not after the query timeout', async () => {
    const dir = dataDir();
    // The log table is locked, so the sync is surely waiting in its query when the server dies.
    const locker = await maria.admin();
    await locker.query('LOCK TABLES app_logs WRITE');
    const run = spawnGenba(['sync', '--source', url(), '--once', '--data-dir', dir], env);
    await untilSyncWaitsOnLogs();
    await maria.crash();
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/at .*\.m?js:\d+/);
    // It ended on the lost connection, reported as such, not on the query timeout's expiry (whose words differ): what
    // the words say, not how long a loaded machine took.
    expect(r.stderr).toContain('接続できません');
    expect(r.stderr).not.toMatch(/応答が時間内にありませんでした|did not answer in time/);
    // And it exited then: the process as a whole ran for less than the query timeout it would otherwise have waited out
    // (the config's default, 60 s; a second or two here), a bound no machine's speed comes near.
    expect(r.ms).toBeLessThan(60_000);
    locker.destroy();
    await maria.start();
  }, 120_000);
});
