import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const MINUTE = 60_000;

/** 'YYYY-MM-DD HH:MM:SS' in Tokyo (the company's zone) for epoch ms. */
const tokyo = (t: number): string => new Date(t + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Lines counted once, whatever compaction and template refinement did to the local copy:
 * every minute's count here equals the company's lines of that minute.
 */
describe('compaction and template refinement keep every per-minute count equal to the source (a real MariaDB)', () => {
  let maria: MariaDb;
  const cleanups: (() => Promise<void> | void)[] = [];

  const open = async (logs: Record<string, unknown>): Promise<{ app: GenbaApp; read: <T>(sql: string) => T[] }> => {
    const dir = tempDir();
    writeFileSync(
      join(dir.path, 'config.json'),
      JSON.stringify({ source: { kind: 'mysql', host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba' }, logs }),
    );
    const app = createApp({ dataDir: dir.path, now: NOW, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }) });
    await app.start();
    cleanups.push(async () => {
      await app.stop();
      dir.remove();
    });
    const read = <T>(sql: string): T[] => {
      const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    };
    return { app, read };
  };

  /** Lines per minute (epoch ms) of the source, and of the local per-minute counts; only minutes that differ are returned. */
  const differences = async (read: <T>(sql: string) => T[]): Promise<string[]> => {
    const c = await maria.admin();
    try {
      const [rows] = (await c.query(`SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:00') AS m, COUNT(*) AS n FROM app_logs GROUP BY 1`)) as unknown as [
        { m: string; n: number }[],
      ];
      const source = new Map(rows.map((r) => [Date.parse(`${r.m.replace(' ', 'T')}+09:00`), Number(r.n)]));
      const local = new Map(
        read<{ minute: number; n: number }>('SELECT minute, SUM(count) AS n FROM log_template_minutes GROUP BY minute').map((r) => [r.minute, r.n]),
      );
      const out: string[] = [];
      for (const m of new Set([...source.keys(), ...local.keys()])) {
        if ((source.get(m) ?? 0) !== (local.get(m) ?? 0)) out.push(`${tokyo(m)}: source ${source.get(m) ?? 0}, here ${local.get(m) ?? 0}`);
      }
      return out;
    } finally {
      await c.end();
    }
  };

  const insertLines = async (c: mysql.Connection, at: number, messages: string[]): Promise<void> => {
    const values = messages.map((m, i) => [tokyo(at + (i % 50) * 1000), 'entry-api', 'api-01', 'INFO', m, null]);
    await c.query('INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES ?', [values]);
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 5000 });
    await conn.end();
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups) await c();
    await maria?.destroy();
  });

  it('row-level sync never reads compacted lines again: old lines with ids between new ones stay counted once over three cycles', async () => {
    const { app, read } = await open({ kind: 'companyDatabase', keepRawDays: 7 });
    for (let cycle = 0; cycle < 3; cycle++) {
      const c = await maria.admin();
      // New lines, then lines a late importer wrote with 20-day-old times (their ids sit between new ones), then new lines again.
      await insertLines(
        c,
        NOW - 10 * MINUTE,
        Array.from({ length: 200 }, (_, i) => `order ${cycle * 1000 + i} accepted by gateway`),
      );
      await insertLines(
        c,
        NOW - 20 * 1440 * MINUTE + cycle * MINUTE,
        Array.from({ length: 300 }, (_, i) => `archive ${cycle * 1000 + i} replayed from backup`),
      );
      await insertLines(
        c,
        NOW - 5 * MINUTE,
        Array.from({ length: 200 }, (_, i) => `order ${cycle * 1000 + i} shipped by gateway`),
      );
      await c.end();
      await app.syncNow();
      const report = await app.compact();
      expect(report.rawLogs, `cycle ${cycle}`).toBeGreaterThan(0);
    }
    // The next sync's look-back meets the holes compaction left among the newest ids.
    await app.syncNow();
    expect(await differences(read)).toEqual([]);
    expect(read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE ts < ' + String(NOW - 7 * 1440 * MINUTE))[0]!.n).toBe(0);
  }, 180_000);

  it('a template split after its old minutes became counts only keeps those counts (MySQL-grouped logs, 10-day-old pair of events)', async () => {
    const c = await maria.admin();
    // Two events that differ in one word, 10 days ago: a day of each, every minute. The
    // miner first sees them as one template with a variable and splits it when refining.
    const start = NOW - 10 * 1440 * MINUTE;
    const rows: unknown[][] = [];
    for (let m = 0; m < 7200; m++) {
      const at = tokyo(start + m * MINUTE);
      rows.push([at, 'batch', 'batch-01', 'INFO', `nightly export ${m % 2 === 0 ? 'started' : 'finished'} for ledger`, null]);
      rows.push([at, 'batch', 'batch-01', m % 7 === 0 ? 'ERROR' : 'INFO', `nightly export ${m % 2 === 0 ? 'started' : 'finished'} for ledger`, null]);
    }
    for (let i = 0; i < rows.length; i += 5000)
      await c.query('INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES ?', [rows.slice(i, i + 5000)]);
    await c.end();
    const { app, read } = await open({ kind: 'companyDatabase', aggregate: true, keepRawDays: 7 });
    await app.syncNow();
    expect(await differences(read)).toEqual([]);
    // The pair is 14,400 lines, none of them kept as rows: all of it lives on as counts.
    const pair = read<{ n: number }>(
      `SELECT SUM(m.count) AS n FROM log_template_minutes m JOIN log_templates t USING (template_id) WHERE t.template LIKE 'nightly export%'`,
    );
    expect(pair[0]!.n).toBe(14_400);
    // The same data synced row by row, then compacted and refined with new lines of the pair: counts stay.
    const rowLevel = await open({ kind: 'companyDatabase', keepRawDays: 7 });
    await rowLevel.app.syncNow();
    await rowLevel.app.compact();
    const c2 = await maria.admin();
    await insertLines(c2, NOW - 3 * MINUTE, ['nightly export started for ledger', 'nightly export finished for ledger', 'nightly export started for ledger']);
    await c2.end();
    await rowLevel.app.syncNow();
    expect(await differences(rowLevel.read)).toEqual([]);
  }, 180_000);
});
