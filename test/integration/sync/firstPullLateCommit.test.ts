import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { openStore } from '../../../main/store/openStore.js';
import { createMySqlSource } from '../../../main/sync/mysqlSource.js';
import { runSync } from '../../../main/sync/syncEngine.js';
import { tableSpecs } from '../../../main/sync/tableSpecs.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { expectCountedOnce, expectSameAsSource } from '../../helpers/expectations.js';
import { logSourceOptions, startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

const PASSWORD = 'genba-pw';
const MINUTE = 60_000;

/**
 * A first row-level pull made while a writer's transaction still holds an id below lines
 * already committed: the line it commits later must arrive, whatever the times written in
 * the lines around it, and also when it holds the lowest ids of a table that was empty.
 */
describe('a line committed after the first pull, below lines that pull took (real MariaDB, two sessions)', () => {
  let maria: MariaDb;
  const dirs: { remove: () => void }[] = [];
  const dataDir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  /** A company database of its own on the test server, with the schema and the `genba` user's read right. */
  const companyDatabase = async (name: string): Promise<() => Promise<mysql.Connection>> => {
    const root = await mysql.createConnection({ host: '127.0.0.1', port: maria.port, user: 'root', multipleStatements: true });
    await root.query(`CREATE DATABASE ${name} DEFAULT CHARSET utf8mb4; USE ${name};`);
    await root.query(readFileSync(resolve('resources/mysql/company_schema.sql'), 'utf8'));
    await root.query(`GRANT SELECT ON ${name}.* TO 'genba'@'%'`);
    await root.end();
    return () => mysql.createConnection({ host: '127.0.0.1', port: maria.port, user: 'root', database: name, multipleStatements: true, dateStrings: true });
  };
  const openApp = async (dir: string, database: string): Promise<GenbaApp> => {
    const app = createApp({ dataDir: dir, secrets: memorySecretStore({ [MYSQL_PASSWORD]: PASSWORD }) });
    app.saveSource({ host: '127.0.0.1', port: maria.port, database, user: 'genba', tls: false }, { sync: false });
    await app.start();
    return app;
  };
  const localIds = (dir: string, table: 'app_logs' | 'progress_snapshots'): number[] => {
    const key = table === 'app_logs' ? 'log_id' : 'snapshot_id';
    const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
    try {
      return (db.prepare(`SELECT ${key} AS id FROM ${table} ORDER BY ${key}`).all() as { id: number }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  };
  /** `ago`: how far before now the line's time is (a late importer writes old times). */
  const insertLog = async (c: mysql.Connection, message: string, ago = '0 SECOND'): Promise<number> => {
    const [r] = await c.query(
      `INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES (NOW(3) - INTERVAL ${ago}, 'order-api', 'app01', 'ERROR', ?, NULL)`,
      [message],
    );
    return (r as { insertId: number }).insertId;
  };
  const insertSnapshot = async (c: mysql.Connection, waiting: number, ago = '0 SECOND'): Promise<number> => {
    const [r] = await c.query(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count, correction_waiting)
       VALUES (NOW() - INTERVAL ${ago}, '札幌', '523201', 'エントリ1', NOW() + INTERVAL 1 HOUR, ?, 10, 0)`,
      [waiting],
    );
    return (r as { insertId: number }).insertId;
  };

  beforeAll(async () => {
    maria = await startMariaDb();
  }, 180_000);
  afterAll(async () => {
    dirs.forEach((d) => d.remove());
    await maria?.destroy();
  });

  it('takes the line of a transaction that was open at the first pull, below a committed line dated before the look-back (103 lines)', async () => {
    const admin = await companyDatabase('below_old_line');
    const seed = await admin();
    await seedCompany(seed, { logs: 100 });
    await seed.end();
    const a = await admin();
    const b = await admin();
    const dir = dataDir();
    const app = await openApp(dir, 'below_old_line');
    try {
      const newLog = await insertLog(b, 'payment gateway timeout after 1000 ms');
      const newSnapshot = await insertSnapshot(b, 40);
      await a.query('START TRANSACTION');
      const heldLog = await insertLog(a, 'payment gateway timeout after 4000 ms (held open)');
      const heldSnapshot = await insertSnapshot(a, 50);
      // A late importer's line, dated two days back: by the times in the rows, the held id lies before the look-back.
      const oldLog = await insertLog(b, 'archive 7 replayed', '2 DAY');
      const oldSnapshot = await insertSnapshot(b, 30, '2 DAY');
      expect([newLog, heldLog, oldLog]).toEqual([101, 102, 103]);
      expect(oldSnapshot).toBe(heldSnapshot + 1);
      expect(heldSnapshot).toBe(newSnapshot + 1);

      await app.syncNow(); // the first pull: the held lines are not committed yet
      expect(localIds(dir, 'app_logs')).not.toContain(heldLog);
      expect(localIds(dir, 'app_logs')).toHaveLength(102);
      expect(localIds(dir, 'progress_snapshots')).not.toContain(heldSnapshot);

      await a.query('COMMIT');
      await app.syncNow();
      expect(localIds(dir, 'app_logs')).toContain(heldLog);
      expect(localIds(dir, 'progress_snapshots')).toContain(heldSnapshot);
      await expectSameAsSource(admin, dir);
      expectCountedOnce(dir);
    } finally {
      await a.end();
      await b.end();
      await app.stop();
    }
  });

  it('takes the lowest ids of a table that was empty, held by a transaction while a later id committed', async () => {
    const admin = await companyDatabase('empty_at_first');
    const a = await admin();
    const b = await admin();
    const dir = dataDir();
    const app = await openApp(dir, 'empty_at_first');
    try {
      await a.query('START TRANSACTION');
      expect(await insertLog(a, 'first line, held open')).toBe(1);
      expect(await insertSnapshot(a, 50)).toBe(1);
      expect(await insertLog(b, 'second line, committed at once')).toBe(2);
      expect(await insertSnapshot(b, 40)).toBe(2);

      await app.syncNow(); // the first pull sees id 2 alone
      expect(localIds(dir, 'app_logs')).toEqual([2]);
      expect(localIds(dir, 'progress_snapshots')).toEqual([2]);

      await a.query('COMMIT');
      await app.syncNow();
      expect(localIds(dir, 'app_logs')).toEqual([1, 2]);
      expect(localIds(dir, 'progress_snapshots')).toEqual([1, 2]);
      await expectSameAsSource(admin, dir);
      expectCountedOnce(dir);
    } finally {
      await a.end();
      await b.end();
      await app.stop();
    }
  });

  it('waits for a held id through runs and the look-back, and gives up a rolled-back one only after both have passed', async () => {
    const admin = await companyDatabase('held_ids');
    const a = await admin();
    const b = await admin();
    const c = await admin();
    const dir = dataDir();
    const db = openStore(join(dir, 'genba.sqlite'));
    const source = createMySqlSource({ ...logSourceOptions(maria, 'Asia/Tokyo'), database: 'held_ids' });
    const specs = tableSpecs().filter((s) => s.table === 'app_logs');
    const lookbackMs = 15 * MINUTE;
    const T = Date.now();
    const sync = (at: number) => runSync({ db, source, specs, batchSize: 1000, now: () => at, lookbackMs });
    const awaited = (): number[] =>
      (
        db.prepare("SELECT first_id AS a, last_id AS b FROM sync_gaps WHERE table_name = 'app_logs' ORDER BY first_id").all() as { a: number; b: number }[]
      ).flatMap((g) => Array.from({ length: g.b - g.a + 1 }, (_, i) => g.a + i));
    const local = (): number[] => (db.prepare('SELECT log_id AS id FROM app_logs ORDER BY log_id').all() as { id: number }[]).map((r) => r.id);
    try {
      await a.query('START TRANSACTION');
      expect(await insertLog(a, 'held, committed within the look-back')).toBe(1);
      await c.query('START TRANSACTION');
      expect(await insertLog(c, 'held, then rolled back')).toBe(2);
      expect(await insertLog(b, 'committed at once')).toBe(3);

      await sync(T);
      expect(local()).toEqual([3]);
      expect(awaited()).toEqual([1, 2]);

      // Runs within the look-back keep both; one that commits then arrives.
      await sync(T + MINUTE);
      await sync(T + 2 * MINUTE);
      expect(awaited()).toEqual([1, 2]);
      await a.query('COMMIT');
      await c.query('ROLLBACK');
      await sync(T + 3 * MINUTE);
      expect(local()).toEqual([1, 3]);
      expect(awaited()).toEqual([2]);

      // Past the look-back, one run is not yet enough if it is the only one since: a sleeping laptop wakes up.
      const db2 = openStore(join(dataDir(), 'genba.sqlite'));
      try {
        await a.query('START TRANSACTION');
        const held = await insertLog(a, 'held across a long pause');
        // Dated before the look-back, so that the window by the rows' times does not reach the held id either.
        await insertLog(b, 'committed at once, after the held one', '2 DAY');
        await runSync({ db: db2, source, specs, batchSize: 1000, now: () => T, lookbackMs });
        await runSync({ db: db2, source, specs, batchSize: 1000, now: () => T + 8 * 60 * MINUTE, lookbackMs });
        await a.query('COMMIT');
        await runSync({ db: db2, source, specs, batchSize: 1000, now: () => T + 8 * 60 * MINUTE + MINUTE, lookbackMs });
        expect((db2.prepare('SELECT log_id AS id FROM app_logs WHERE log_id = ?').get(held) as { id: number } | undefined)?.id).toBe(held);
      } finally {
        db2.close();
      }

      // The rolled-back id is given up once the look-back has passed since it was first missed and two later runs found it absent.
      await sync(T + lookbackMs + MINUTE);
      expect(awaited()).toEqual([]);
      expect(local()).toEqual([1, 3, 4, 5]);
    } finally {
      await a.end();
      await b.end();
      await c.end();
      await source.close();
      db.close();
    }
  });
});
