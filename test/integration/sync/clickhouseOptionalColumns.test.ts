import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLogsSource } from '../../../main/sync/checkLogsSource.js';
import { createClickHouseLogSource } from '../../../main/sync/clickhouseLogSource.js';
import { runLogGroupSync } from '../../../main/sync/logGroupSync.js';
import { openStore } from '../../../main/store/openStore.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/tempDir.js';

const MINUTE = 60_000;
const NOW = Date.parse('2025-10-23T15:40+09:00');
const END = Math.floor(NOW / MINUTE) * MINUTE;
const LINES = Array.from({ length: 60 }, (_, i) => ({ ts: Math.floor((END - 60 * MINUTE + i * MINUTE) / 1000), level: i % 5 === 0 ? 'ERROR' : 'INFO', i }));

describe('a ClickHouse log table without the optional trace_id column (a real clickhouse-server)', () => {
  let ch: ClickHouse;

  beforeAll(async () => {
    ch = await startClickHouse();
    await ch.exec('CREATE DATABASE logs');
    // A company's table as it is: no trace ids.
    await ch.exec('CREATE TABLE logs.app_logs (ts DateTime, service String, host String, level String, message String) ENGINE = MergeTree ORDER BY ts');
    await ch.client.insert({
      table: 'logs.app_logs',
      values: LINES.map((l) => ({
        ts: l.ts,
        service: 'ocr-worker',
        host: 'ocr-sapporo-01',
        level: l.level,
        message: `Processed document ${l.i} in ${l.i * 3} ms`,
      })),
      format: 'JSONEachRow',
    });
    // The same without a host: a column every sync needs.
    await ch.exec('CREATE TABLE logs.no_host (ts DateTime, service String, level String, message String) ENGINE = MergeTree ORDER BY ts');
  }, 120_000);

  afterAll(async () => {
    await ch?.destroy();
  });

  it('checks and syncs it with the default columns (trace_id left as it is), the groups without trace ids', async () => {
    const config = logsConfig(ch.url);
    expect(config.columns.trace_id).toBe('trace_id');
    expect(await checkLogsSource(config, CLICKHOUSE_PASSWORD, NOW)).toMatchObject({ lines: LINES.length });
    const dir = tempDir();
    const db = openStore(join(dir.path, 'genba.sqlite'));
    const source = createClickHouseLogSource(config, CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
    try {
      const report = await runLogGroupSync({
        db,
        source,
        now: () => NOW,
        lookbackMs: 15 * MINUTE,
        keepRawDays: 7,
        keepAggregateDays: 30,
        timeZone: 'Asia/Tokyo',
      });
      expect(report.lines).toBe(LINES.length);
      expect(db.prepare('SELECT SUM(lines) AS n, COUNT(trace_id) AS traces FROM app_logs').get()).toEqual({ n: LINES.length, traces: 0 });
    } finally {
      await source.close();
      db.close();
      dir.remove();
    }
  });

  it('still refuses a table without a column every sync reads, naming it', async () => {
    const error = await checkLogsSource(logsConfig(ch.url, { table: 'no_host' }), CLICKHOUSE_PASSWORD, NOW).then(
      () => null,
      (e: unknown) => e as { code: string; messageIn(lang: 'ja' | 'en'): string },
    );
    expect(error?.code).toBe('SOURCE_MISSING_COLUMN');
    expect(error?.messageIn('en')).toContain('host');
  });

  it('refuses a trace id column named in the config that the table lacks (a misspelled name would drop the trace ids in silence)', async () => {
    const error = await checkLogsSource(
      logsConfig(ch.url, { columns: { ts: 'ts', service: 'service', host: 'host', level: 'level', message: 'message', trace_id: 'traceid' } }),
      CLICKHOUSE_PASSWORD,
      NOW,
    ).then(
      () => null,
      (e: unknown) => e as { code: string; messageIn(lang: 'ja' | 'en'): string },
    );
    expect(error?.code).toBe('SOURCE_MISSING_COLUMN');
    expect(error?.messageIn('en')).toContain('traceid');
  });
});
