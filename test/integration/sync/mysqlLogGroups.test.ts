import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { minutesByTemplate } from '../../helpers/templateMinutes.js';
import { tempDir } from '../../helpers/tempDir.js';
import { startOfZonedDay } from '../../../main/config/zonedTime.js';
import { mysqlShapeSql } from '../../../main/sync/logShapeSql.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');

describe('logs kept in the company MySQL, grouped by MySQL (a real MariaDB)', () => {
  let maria: MariaDb;
  const stores: { dir: ReturnType<typeof tempDir>; app: GenbaApp; read: <T>(sql: string) => T[] }[] = [];

  const open = async (logs: Record<string, unknown>) => {
    const dir = tempDir();
    writeFileSync(
      join(dir.path, 'config.json'),
      JSON.stringify({ source: { kind: 'mysql', host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba' }, logs }),
    );
    const app = createApp({ dataDir: dir.path, now: NOW, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }) });
    await app.start();
    await app.syncNow();
    const read = <T>(sql: string): T[] => {
      const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    };
    const store = { dir, app, read };
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    // An index on the time column, as the README asks of a company that lets MySQL group its logs.
    await conn.query('CREATE INDEX app_logs_by_ts ON app_logs (ts)');
    // Every fourth line of the month: every day is there, so the 7 days kept are fewer than half the lines.
    await seedCompany(conn, { logs: 60_000, spread: true });
    await conn.end();
  }, 120_000);

  afterAll(async () => {
    for (const s of stores) {
      await s.app.stop();
      s.dir.remove();
    }
    await maria?.destroy();
  });

  it('gives the same templates and per-minute counts as row-level sync of the same table', async () => {
    const rows = await open({ kind: 'companyDatabase', keepRawDays: 60 });
    // Row-level mining runs after the sync; wait until every line has its template.
    for (let waited = 0; rows.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE template_id IS NULL')[0]!.n > 0; waited += 500) {
      if (waited > 120_000) throw new Error('the lines were not mined in 2 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    const grouped = await open({ kind: 'companyDatabase', keepRawDays: 7, aggregate: true });
    const lines = rows.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs')[0]!.n;
    // Rows for the last 7 local days only (from the start of the day 7 days back, where compaction cuts); the counts of every day.
    const kept = grouped.read<{ rows: number; oldest: number }>('SELECT COUNT(*) AS rows, MIN(ts) AS oldest FROM app_logs')[0]!;
    expect(kept.rows).toBeLessThan(lines / 2);
    expect(kept.oldest).toBeGreaterThanOrEqual(startOfZonedDay(NOW, 'Asia/Tokyo', -7));
    const total = grouped.read<{ n: number }>('SELECT SUM(count) AS n FROM log_template_minutes')[0]!.n;
    expect(total).toBe(lines);
    expect(minutesByTemplate(grouped.read)).toEqual(minutesByTemplate(rows.read));
    const counts = (s: (typeof stores)[number]) =>
      s.read<{ template: string; count: number; errors: number }>('SELECT template, count, errors FROM log_templates ORDER BY template');
    expect(counts(grouped)).toEqual(counts(rows));
    // The days before yesterday are one row per hour, host, level and MySQL's shape (logs.keepMinuteDays 1), their lines those of the rows.
    const cut = startOfZonedDay(NOW, 'Asia/Tokyo', -1);
    expect(grouped.read<{ n: number }>(`SELECT COUNT(*) AS n FROM app_logs WHERE ts < ${cut} AND folded = 0`)[0]!.n).toBe(0);
    expect(grouped.read<{ n: number }>(`SELECT COUNT(*) AS n FROM app_logs WHERE ts < ${cut} AND folded = 1`)[0]!.n).toBeGreaterThan(0);
    const hours = (s: (typeof stores)[number]) =>
      s.read<{ k: string; n: number }>(
        `SELECT ((a.ts / 3600000) * 3600000) || ' ' || a.host || ' ' || a.level || ' ' || t.template AS k, SUM(a.lines) AS n
         FROM app_logs a JOIN log_templates t USING (template_id) WHERE a.ts >= ${startOfZonedDay(NOW, 'Asia/Tokyo', -7)} GROUP BY k ORDER BY k`,
      );
    expect(hours(grouped)).toEqual(hours(rows));
    // A second sync with nothing new changes nothing (the look-back is taken back and pulled again).
    await grouped.app.syncNow();
    expect(minutesByTemplate(grouped.read)).toEqual(minutesByTemplate(rows.read));
    // Three syncs and a full mining of the table: 2.5 minutes alone, past 5 while the ClickHouse sync tests share the two cores.
  }, 600_000);

  it('shapes a message in MariaDB as ClickHouse and the miner do, telling capitals from small letters under its case-insensitive collation (issue 63)', async () => {
    const conn = await maria.admin();
    try {
      const shape = async (message: string): Promise<string> => {
        const { sql, params } = mysqlShapeSql('CONVERT(? USING utf8mb4) COLLATE utf8mb4_general_ci');
        const [rows] = await conn.query(`SELECT ${sql} AS s`, [message, ...params]);
        return (rows as { s: string }[])[0]!.s;
      };
      // An id of letters in no word's case, and an IPv6 address with its zeros left out, are values: one shape each pair.
      expect(await shape('request req_aGrWoBJBPy timed out')).toBe(await shape('request req_kgxWxkZPSb timed out'));
      expect(await shape('served 2001:db8:eecb:66ac::de85 ok')).toBe(await shape('served 2001:db8:8963:fe2a::e69e ok'));
      // Names in camelCase or with an acronym are words, and so is a word in capitals: two shapes each pair.
      expect(await shape('connected to PostgreSQL')).not.toBe(await shape('connected to MySQL'));
      expect(await shape('calling setSystemUiVisibility')).not.toBe(await shape('calling notifyUiVisibilityChanged'));
      expect(await shape('state READY')).not.toBe(await shape('state ready'));
    } finally {
      await conn.end();
    }
  });
});
