import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { CLICKHOUSE_PASSWORD as SECRET_NAME, memorySecretStore } from '../../../main/config/secretStore.js';
import { createClickHouseLogSource } from '../../../main/sync/clickhouseLogSource.js';
import { runLogGroupSync } from '../../../main/sync/logGroupSync.js';
import { openStore } from '../../../main/store/openStore.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../../helpers/clickhouse.js';
import { minutesByTemplate } from '../../helpers/templateMinutes.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';
import { whenStore } from '../../helpers/whenStore.js';
import { freePort } from '../../helpers/freePort.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { startOfZonedDay } from '../../../main/config/zonedTime.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const TABLE = `CREATE TABLE logs.app_logs (ts UInt64, service String, host String, level String, message String, trace_id String)
  ENGINE = MergeTree ORDER BY (service, ts)`;

interface Store {
  dir: ReturnType<typeof tempDir>;
  app: GenbaApp;
  read<T>(sql: string, ...args: unknown[]): T[];
}

function storeReader(path: string) {
  return <T>(sql: string, ...args: unknown[]): T[] => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(sql).all(...args) as T[];
    } finally {
      db.close();
    }
  };
}

describe('logs from ClickHouse, aggregated in ClickHouse (a real clickhouse-server)', () => {
  let ch: ClickHouse;
  let rowLevel: Store;
  let grouped: Store;

  beforeAll(async () => {
    ch = await startClickHouse();
    await ch.exec('CREATE DATABASE logs');
    await ch.exec(TABLE);
    // Row-level: the demo company with its logs synced line by line and mined here.
    const a = tempDir();
    writeFileSync(join(a.path, 'config.json'), JSON.stringify({ logs: { kind: 'companyDatabase', keepRawDays: 60 } }));
    await copyDemoStore(a.path);
    const appA = createApp({ dataDir: a.path, now: NOW });
    await appA.start();
    const readA = storeReader(join(a.path, 'genba.sqlite'));
    // The demo's lines are mined in the background after the first start: wait for all of them.
    for (let waited = 0; readA<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE template_id IS NULL')[0]!.n > 0; waited += 500) {
      if (waited > 120_000) throw new Error('the demo logs were not mined in 2 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    rowLevel = { dir: a, app: appA, read: readA };
    // The same lines in ClickHouse.
    const lines = readA<Record<string, unknown>>("SELECT ts, service, host, level, message, COALESCE(trace_id, '') AS trace_id FROM app_logs ORDER BY log_id");
    await ch.client.insert({ table: 'logs.app_logs', values: lines, format: 'JSONEachRow' });
    // Grouped: the same company, its logs from ClickHouse as per-minute groups.
    const b = tempDir();
    writeFileSync(join(b.path, 'config.json'), JSON.stringify({ logs: logsConfig(ch.url, { keepRawDays: 60 }) }));
    const appB = createApp({ dataDir: b.path, now: NOW, secrets: memorySecretStore({ [SECRET_NAME]: CLICKHOUSE_PASSWORD }) });
    await appB.start();
    grouped = { dir: b, app: appB, read: storeReader(join(b.path, 'genba.sqlite')) };
  }, 300_000);

  afterAll(async () => {
    for (const s of [rowLevel, grouped]) {
      await s?.app.stop();
      s?.dir.remove();
    }
    await ch?.destroy();
  });

  it('gives the same templates, per-minute counts, anomalies, volume and filtered listing as row-level sync', async () => {
    const lines = rowLevel.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs')[0]!.n;
    const groups = grouped.read<{ rows: number; lines: number }>('SELECT COUNT(*) AS rows, SUM(lines) AS lines FROM app_logs')[0]!;
    expect(groups.lines).toBe(lines);
    // The demo writes about 6 lines a minute, so a minute's groups are nearly its lines; the
    // work that grows with variety is the mining: one message shape at a time.
    expect(groups.rows).toBeLessThanOrEqual(lines);
    const shapes = grouped.read<{ n: number }>('SELECT COUNT(*) AS n FROM log_templates')[0]!.n;
    expect(shapes).toBeLessThan(200);

    const a = minutesByTemplate(rowLevel.read);
    const b = minutesByTemplate(grouped.read);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [template, minutes] of a) expect(b.get(template), template).toBe(minutes);

    const counts = (s: Store) =>
      s.read<{ template: string; count: number; errors: number }>('SELECT template, count, errors FROM log_templates ORDER BY template');
    expect(counts(grouped)).toEqual(counts(rowLevel));

    // What the Logs view and the alerts read: the same on both.
    const anomalies = (s: Store) =>
      s.app.logs
        .anomalies()
        .anomalies.map((x) => `${x.kind} ${x.template ?? x.service ?? ''} ${x.count}`)
        .sort();
    expect(anomalies(grouped)).toEqual(anomalies(rowLevel));
    expect(anomalies(rowLevel).length).toBeGreaterThan(0);
    const volume = (s: Store) => s.app.logs.volume({ from: NOW - 24 * 3_600_000, to: NOW });
    expect(volume(grouped)).toEqual(volume(rowLevel));
    expect(volume(rowLevel).buckets.length).toBeGreaterThan(0);
    const searchable = (s: Store) =>
      s.app.logs
        .templates(50, { service: 'ocr-worker', level: 'WARN' })
        .map((t) => `${t.template} ${t.count}`)
        .sort();
    expect(searchable(grouped)).toEqual(searchable(rowLevel));
    expect(searchable(grouped).length).toBeGreaterThan(0);
    // 140 s alone; 203 s in a full run on two busy cores.
  }, 300_000);

  it('keeps the days before the minute window one row per hour: every hour’s lines per host, level and template are the row-level copy’s', async () => {
    // The app's defaults: today and yesterday per minute; the first sync inserted the older days folded.
    const cut = startOfZonedDay(NOW, 'Asia/Tokyo', -1);
    expect(grouped.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE ts < ? AND folded = 0', cut)[0]!.n).toBe(0);
    expect(grouped.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ? AND folded = 1', cut)[0]!.n).toBe(0);
    const hours = (s: Store) =>
      s.read<{ k: string; n: number }>(
        `SELECT ((a.ts / 3600000) * 3600000) || ' ' || a.host || ' ' || a.level || ' ' || t.template AS k, SUM(a.lines) AS n
         FROM app_logs a JOIN log_templates t USING (template_id) GROUP BY k ORDER BY k`,
      );
    expect(hours(grouped)).toEqual(hours(rowLevel));
    const folded = grouped.read<{ rows: number; lines: number }>('SELECT COUNT(*) AS rows, SUM(lines) AS lines FROM app_logs WHERE folded = 1')[0]!;
    expect(folded.rows).toBeLessThan(rowLevel.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE ts < ?', cut)[0]!.n);
    expect(folded.lines).toBe(rowLevel.read<{ n: number }>('SELECT COUNT(*) AS n FROM app_logs WHERE ts < ?', cut)[0]!.n);
  });

  it('keeps rows for keepRawDays only, and the same per-minute counts and templates for every day before', async () => {
    const d = tempDir();
    const db = openStore(join(d.path, 'genba.sqlite'));
    const source = createClickHouseLogSource(logsConfig(ch.url, { keepRawDays: 7 }), CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
    try {
      const report = await runLogGroupSync({
        db,
        source,
        now: () => NOW,
        lookbackMs: 15 * 60_000,
        keepRawDays: 7,
        keepAggregateDays: 90,
        timeZone: 'Asia/Tokyo',
      });
      const read = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
      const oldest = read<{ t: number }>('SELECT MIN(ts) AS t FROM app_logs')[0]!.t;
      // From the start of the local day 7 days back, where compaction cuts (retentionCuts): a kept day is a whole day.
      expect(oldest).toBeGreaterThanOrEqual(startOfZonedDay(NOW, 'Asia/Tokyo', -7));
      expect(report.rows).toBeLessThan(report.groups / 2);
      expect(report.mixedShapes).toBe(0);
      expect(minutesByTemplate(read)).toEqual(minutesByTemplate(rowLevel.read));
    } finally {
      await source.close();
      db.close();
      d.remove();
    }
  }, 180_000);

  it('a kill -9 in the middle of a sync loses and duplicates nothing: the next run ends where an unbroken one does', async () => {
    const c = tempDir();
    try {
      writeFileSync(join(c.path, 'config.json'), JSON.stringify({ logs: logsConfig(ch.url, { keepRawDays: 60 }) }));
      const env = { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: '', GENBA_CLICKHOUSE_PASSWORD: CLICKHOUSE_PASSWORD };
      const args = [resolve('bin/genba.mjs'), 'sync', '--once', '--data-dir', c.path, '--now', new Date(NOW).toISOString()];
      const read = storeReader(join(c.path, 'genba.sqlite'));
      const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
      const exited = new Promise((ok) => child.once('exit', ok));
      // Killed once some spans of the logs have committed, and before the last.
      await whenStore(c.path, (db) => db.prepare("SELECT 1 FROM sync_state WHERE table_name = 'app_logs' AND watermark IS NOT NULL").get(), { exited });
      child.kill('SIGKILL');
      await exited;
      const partial = read<{ n: number | null }>('SELECT SUM(lines) AS n FROM app_logs')[0]!.n ?? 0;
      const total = grouped.read<{ n: number }>('SELECT SUM(lines) AS n FROM app_logs')[0]!.n;
      expect(partial).toBeLessThan(total);
      const again = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
      expect(again.status, again.stderr).toBe(0);
      expect(read<{ n: number }>('SELECT SUM(lines) AS n FROM app_logs')[0]!.n).toBe(total);
      expect(minutesByTemplate(read)).toEqual(minutesByTemplate(grouped.read));
    } finally {
      c.remove();
    }
  }, 300_000);

  it('counts lines that reached ClickHouse late, once: the next run takes back and pulls again its look-back', async () => {
    const before = grouped.read<{ n: number }>('SELECT SUM(lines) AS n FROM app_logs')[0]!.n;
    const late = Array.from({ length: 120 }, (_, i) => ({
      ts: NOW - 10 * 60_000 + i * 1000,
      service: 'db-proxy',
      host: 'dbp-01',
      level: 'ERROR',
      message: `Connection refused to replica ${i % 3} after 3 retries`,
      trace_id: '',
    }));
    await ch.client.insert({ table: 'logs.app_logs', values: late, format: 'JSONEachRow' });
    await grouped.app.syncNow();
    await grouped.app.syncNow();
    expect(grouped.read<{ n: number }>('SELECT SUM(lines) AS n FROM app_logs')[0]!.n).toBe(before + 120);
    const minutes = grouped.read<{ n: number }>(
      "SELECT SUM(m.count) AS n FROM log_template_minutes m JOIN log_templates t USING (template_id) WHERE t.template LIKE 'Connection refused to replica%'",
    )[0]!.n;
    expect(minutes).toBe(120);
    // Nothing else moved: every other template's minutes are those of the row-level copy.
    const a = minutesByTemplate(rowLevel.read);
    for (const [template, m] of minutesByTemplate(grouped.read))
      if (!template.startsWith('Connection refused to replica')) expect(m, template).toBe(a.get(template));
  }, 180_000);

  it('applies the filters in the query ClickHouse runs: only the services, levels and sites asked for leave the server', async () => {
    const d = tempDir();
    const db = openStore(join(d.path, 'genba.sqlite'));
    const config = logsConfig(ch.url, {
      keepRawDays: 60,
      filters: { services: ['ocr-worker', 'db-proxy'], levels: ['WARN', 'ERROR'], hosts: [], sites: ['札幌'] },
    });
    const sites = {
      sites: [
        { name: '札幌', label: 'sapporo' },
        { name: '盛岡', label: 'morioka' },
        { name: '福岡', label: 'fukuoka' },
      ],
      mapping: {},
    };
    const source = createClickHouseLogSource(config, CLICKHOUSE_PASSWORD, sites);
    const all = createClickHouseLogSource({ ...config, filters: { services: [], levels: [], hosts: [], sites: [] } }, CLICKHOUSE_PASSWORD, sites);
    try {
      const report = await runLogGroupSync({ db, source, now: () => NOW, lookbackMs: 0, keepRawDays: 60, keepAggregateDays: 90, timeZone: 'Asia/Tokyo' });
      const kept = db.prepare('SELECT DISTINCT service, host, level FROM app_logs').all() as { service: string; host: string; level: string }[];
      expect(kept.length).toBeGreaterThan(0);
      for (const k of kept) {
        expect(['ocr-worker', 'db-proxy']).toContain(k.service);
        expect(['WARN', 'ERROR']).toContain(k.level);
        // 札幌's own hosts, and the shared ones named after no site.
        expect(/morioka|fukuoka/.test(k.host), k.host).toBe(false);
      }
      expect(kept.some((k) => k.host.includes('sapporo'))).toBe(true);
      expect(kept.some((k) => k.host.startsWith('dbp-'))).toBe(true);
      // The filter ran on the server: only the matching lines crossed the network.
      const everything = await all.span();
      const filtered = await source.span();
      expect(report.lines).toBe(filtered.lines);
      expect(filtered.lines).toBeLessThan(everything.lines / 10);
      await ch.exec('SYSTEM FLUSH LOGS');
      const logged = await ch.query<{ query: string }>(
        "SELECT query FROM system.query_log WHERE user = 'genba' AND query LIKE '%GROUP BY minute%' AND query LIKE '%ocr-worker%'",
      );
      expect(logged.length).toBeGreaterThan(0);
    } finally {
      await source.close();
      await all.close();
      db.close();
      d.remove();
    }
  });

  it('says clearly when ClickHouse cannot be reached or refuses the password', async () => {
    const d = tempDir();
    try {
      const closed = await freePort(); // left closed: nobody listens there
      const unreachable = runGenba(
        ['sync', '--once', '--data-dir', d.path, '--lang', 'ja', '--logs-source', `clickhouse://genba@127.0.0.1:${closed}/logs?table=app_logs`],
        {
          GENBA_CLICKHOUSE_PASSWORD: CLICKHOUSE_PASSWORD,
        },
      );
      expect(unreachable.code).not.toBe(0);
      expect(unreachable.stderr).toContain('ログストア（ClickHouse');
      expect(unreachable.stderr).toContain('接続できません');
      const refused = runGenba(
        ['sync', '--once', '--data-dir', d.path, '--lang', 'en', '--logs-source', `clickhouse://genba@127.0.0.1:${ch.port}/logs?table=app_logs`],
        {
          GENBA_CLICKHOUSE_PASSWORD: 'not-the-password',
        },
      );
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('refused the login');
      expect(refused.stderr).not.toContain('not-the-password');
      // The default user has no password: with none given and no terminal, Genba connects without one.
      const open = runGenba(['sync', '--once', '--data-dir', d.path, '--logs-source', `clickhouse://default@127.0.0.1:${ch.port}/logs?table=app_logs`]);
      expect(open.code, open.stderr).toBe(0);
      const missing = runGenba([
        'sync',
        '--once',
        '--data-dir',
        d.path,
        '--lang',
        'en',
        '--logs-source',
        `clickhouse://default@127.0.0.1:${ch.port}/logs?table=nope`,
      ]);
      expect(missing.stderr).toContain('table was not found');
    } finally {
      d.remove();
    }
  });
});
