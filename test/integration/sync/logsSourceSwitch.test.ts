import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.js';
import { CLICKHOUSE_PASSWORD as SECRET_NAME, memorySecretStore } from '../../../main/config/secretStore.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../../helpers/clickhouse.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const MINUTE = 60_000;

/** What the local log store holds: a switch that fails must leave every figure as it was. */
function logStore(dir: string): Record<string, number> {
  const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
  try {
    const one = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return {
      rows: one('SELECT COUNT(*) AS n FROM app_logs'),
      lines: one('SELECT SUM(lines) AS n FROM app_logs'),
      minutes: one('SELECT COUNT(*) AS n FROM log_template_minutes'),
      minuteLines: one('SELECT SUM(count) AS n FROM log_template_minutes'),
      templates: one('SELECT COUNT(*) AS n FROM log_templates'),
    };
  } finally {
    db.close();
  }
}

describe('switching the logs source checks the new one before anything changes (a real clickhouse-server)', () => {
  let ch: ClickHouse;
  const dir = tempDir();

  beforeAll(async () => {
    ch = await startClickHouse();
    await ch.exec('CREATE DATABASE logs');
    await ch.exec(
      'CREATE TABLE logs.app_logs (ts UInt64, service String, host String, level String, message String, trace_id String) ENGINE = MergeTree ORDER BY ts',
    );
    // The same columns but no host, which every sync reads (trace_id, optional, is missing too).
    await ch.exec('CREATE TABLE logs.app_logs_old (ts UInt64, service String, level String, message String) ENGINE = MergeTree ORDER BY ts');
    const values = Array.from({ length: 3000 }, (_, i) => ({
      ts: NOW - 2 * 1440 * MINUTE + i * 20_000,
      service: 'entry-api',
      host: 'api-01',
      level: i % 10 === 0 ? 'ERROR' : 'INFO',
      message: `request ${i} ${i % 3 === 0 ? 'rejected' : 'accepted'} in ${i % 97} ms`,
      trace_id: '',
    }));
    await ch.client.insert({ table: 'logs.app_logs', values, format: 'JSONEachRow' });
    await ch.client.insert({ table: 'logs.app_logs_old', values: values.map(({ trace_id: _t, host: _h, ...v }) => v), format: 'JSONEachRow' });
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ logs: logsConfig(ch.url, { keepRawDays: 7 }) }));
    const app = createApp({ dataDir: dir.path, now: NOW, secrets: memorySecretStore({ [SECRET_NAME]: CLICKHOUSE_PASSWORD }) });
    await app.start();
    await app.syncNow();
    await app.stop();
  }, 180_000);

  afterAll(async () => {
    dir.remove();
    await ch?.destroy();
  });

  it('a table that does not exist, or lacks a configured column, fails the switch and changes neither the store nor config.json', async () => {
    const before = logStore(dir.path);
    expect(before.lines).toBe(3000);
    const config = readFileSync(join(dir.path, 'config.json'), 'utf8');

    const app = createApp({ dataDir: dir.path, now: NOW, secrets: memorySecretStore({ [SECRET_NAME]: CLICKHOUSE_PASSWORD }) });
    try {
      await app.start();
      await expect(app.switchLogsSource(logsConfig(ch.url, { table: 'app_logs_2025' }))).rejects.toMatchObject({ code: 'SOURCE_MISSING_TABLE' });
      await expect(app.switchLogsSource(logsConfig(ch.url, { table: 'app_logs_old' }))).rejects.toMatchObject({ code: 'SOURCE_MISSING_COLUMN' });
      await app.syncNow();
    } finally {
      await app.stop();
    }
    expect(logStore(dir.path)).toEqual(before);
    expect(readFileSync(join(dir.path, 'config.json'), 'utf8')).toBe(config);

    // The command a manager types: exit 1 with the reason, and the same store afterwards.
    const cli = runGenba(
      [
        'sync',
        '--once',
        '--data-dir',
        dir.path,
        '--now',
        new Date(NOW).toISOString(),
        '--lang',
        'en',
        '--logs-source',
        `clickhouse://genba@127.0.0.1:${ch.port}/logs?table=nope`,
      ],
      { GENBA_CLICKHOUSE_PASSWORD: CLICKHOUSE_PASSWORD },
    );
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('table was not found');
    expect(cli.stderr).not.toContain('    at ');
    expect(logStore(dir.path)).toEqual(before);
    expect(readFileSync(join(dir.path, 'config.json'), 'utf8')).toBe(config);

    // config.json edited by hand to name a table that does not exist: the sync fails before it forgets the old logs.
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ logs: logsConfig(ch.url, { keepRawDays: 7, table: 'app_logs_typo' }) }));
    const edited = createApp({ dataDir: dir.path, now: NOW, secrets: memorySecretStore({ [SECRET_NAME]: CLICKHOUSE_PASSWORD }) });
    try {
      await edited.start();
      await expect(edited.syncNow()).rejects.toMatchObject({ code: 'SOURCE_MISSING_TABLE' });
    } finally {
      await edited.stop();
    }
    expect(logStore(dir.path)).toEqual(before);
  }, 180_000);
});
