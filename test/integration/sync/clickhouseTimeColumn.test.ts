import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseLogSource } from '../../../main/sync/clickhouseLogSource.js';
import { runLogGroupSync } from '../../../main/sync/logGroupSync.js';
import { openStore } from '../../../main/store/openStore.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../../helpers/clickhouse.js';
import { localMinutes } from '../../helpers/templateMinutes.js';
import { tempDir } from '../../helpers/tempDir.js';

const MINUTE = 60_000;
const NOW = Date.parse('2025-10-23T15:40+09:00');
const END = Math.floor(NOW / MINUTE) * MINUTE;

/** 180 lines over the last three hours, at whole seconds (what a column of epoch seconds can hold). */
const LINES = Array.from({ length: 180 }, (_, i) => ({
  ms: END - 3 * 60 * MINUTE + i * 59_000,
  level: i % 4 === 0 ? 'ERROR' : 'INFO',
  message: i % 2 === 0 ? `Processed document ${i} in ${i * 7} ms` : `Connection refused to replica ${i % 3}`,
}));

/** The per-minute lines and errors the lines stand for, as the local copy should hold them. */
const expectedMinutes = (): string[] => {
  const m = new Map<number, [number, number]>();
  for (const l of LINES) {
    const minute = Math.floor(l.ms / MINUTE) * MINUTE;
    const v = m.get(minute) ?? [0, 0];
    v[0]++;
    if (l.level === 'ERROR') v[1]++;
    m.set(minute, v);
  }
  return [...m].sort((a, b) => a[0] - b[0]).map(([minute, [n, e]]) => `${minute}:${n}:${e}`);
};

describe('the time column of a ClickHouse log table, by its type and values (a real clickhouse-server)', () => {
  let ch: ClickHouse;

  /** A table whose `ts` has this type, holding LINES with their time as `value` gives it. */
  const table = async (name: string, type: string, value: (ms: number) => string | number): Promise<void> => {
    await ch.exec(`CREATE TABLE logs.${name} (ts ${type}, service String, host String, level String, message String) ENGINE = MergeTree ORDER BY tuple()`);
    await ch.client.insert({
      table: `logs.${name}`,
      values: LINES.map((l) => ({ ts: value(l.ms), service: 'ocr-worker', host: 'ocr-01', level: l.level, message: l.message })),
      format: 'JSONEachRow',
    });
  };

  const sync = async (name: string) => {
    const dir = tempDir();
    const db = openStore(join(dir.path, 'genba.sqlite'));
    const config = logsConfig(ch.url, {
      table: name,
      columns: { ts: 'ts', service: 'service', host: 'host', level: 'level', message: 'message', trace_id: null },
    });
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
      const held = db.prepare("SELECT watermark FROM sync_state WHERE table_name = 'app_logs'").get() as { watermark: string | null } | undefined;
      const watermark = held?.watermark ? (JSON.parse(held.watermark) as { minute: number }).minute : null;
      return { report, minutes: localMinutes(db), watermark };
    } finally {
      await source.close();
      db.close();
      dir.remove();
    }
  };

  /** The error a sync of this table fails with. */
  const failure = async (name: string) => {
    const outcome = await sync(name).then(
      () => null,
      (error: unknown) => error,
    );
    expect(outcome, 'the sync should have been refused').not.toBeNull();
    expect(outcome).toHaveProperty('code');
    return outcome as { code: string; messageIn(lang: 'ja' | 'en'): string };
  };

  beforeAll(async () => {
    ch = await startClickHouse();
    await ch.exec('CREATE DATABASE logs');
    await table('seconds32', 'UInt32', (ms) => ms / 1000);
    await table('seconds64', 'Int64', (ms) => ms / 1000);
    await table('millis', 'UInt64', (ms) => ms);
    await table('micros', 'UInt64', (ms) => ms * 1000);
    await table('texts', 'String', (ms) => new Date(ms).toISOString());
  }, 120_000);

  afterAll(async () => {
    await ch?.destroy();
  });

  it('reads a UInt32 column of epoch seconds as seconds: every line, in its minute', async () => {
    const r = await sync('seconds32');
    expect(r.report.lines).toBe(LINES.length);
    expect(r.minutes).toEqual(expectedMinutes());
    expect(r.watermark).toBe(END);
  });

  it('reads an Int64 column of epoch seconds as seconds: every line, in its minute', async () => {
    const r = await sync('seconds64');
    expect(r.report.lines).toBe(LINES.length);
    expect(r.minutes).toEqual(expectedMinutes());
  });

  it('still reads a UInt64 column of epoch milliseconds as milliseconds', async () => {
    const r = await sync('millis');
    expect(r.report.lines).toBe(LINES.length);
    expect(r.minutes).toEqual(expectedMinutes());
  });

  it('refuses integers that are neither epoch seconds nor milliseconds (here microseconds), naming the column', async () => {
    const e = await failure('micros');
    expect(e.code).toBe('SOURCE_TIME_COLUMN');
    expect(e.messageIn('en')).toContain('"ts"');
    expect(e.messageIn('en')).toContain('neither epoch seconds nor epoch milliseconds');
    expect(e.messageIn('ja')).toContain('「ts」');
  });

  it('refuses a String time column with a message naming the column and its type, not "see the app log"', async () => {
    const e = await failure('texts');
    expect(e.code).toBe('SOURCE_TIME_COLUMN');
    for (const lang of ['ja', 'en'] as const) {
      expect(e.messageIn(lang)).toContain('String');
      expect(e.messageIn(lang)).not.toContain(lang === 'en' ? 'app log' : 'アプリのログ');
    }
    expect(e.messageIn('en')).toContain('"ts"');
    expect(e.messageIn('ja')).toContain('「ts」');
  });
});
