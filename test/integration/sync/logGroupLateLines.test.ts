import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochToSqlDatetime, sqlDatetimeToEpoch } from '../../../main/config/sqlDatetime.js';
import { createClickHouseLogSource } from '../../../main/sync/clickhouseLogSource.js';
import type { LogGroupSource } from '../../../main/sync/logGroupSource.js';
import { runLogGroupSync } from '../../../main/sync/logGroupSync.js';
import { createMySqlLogGroupSource } from '../../../main/sync/mysqlLogGroupSource.js';
import { tableSpecs } from '../../../main/sync/tableSpecs.js';
import { openStore } from '../../../main/store/openStore.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../../helpers/clickhouse.js';
import { logSourceOptions, startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { localMinutes } from '../../helpers/templateMinutes.js';
import { tempDir } from '../../helpers/tempDir.js';

const MINUTE = 60_000;
const NOW = Date.parse('2025-10-23T15:40+09:00');
const END = Math.floor(NOW / MINUTE) * MINUTE;
const ZONE = 'Asia/Tokyo';
/** The minute the late lines belong to: 40 minutes back, well before a 15-minute look-back. */
const LATE_MINUTE = END - 40 * MINUTE;

interface Line {
  ts: number;
  service: string;
  host: string;
  level: string;
  message: string;
  trace_id: string;
}

/** Three hours of lines before now, a line every 30 s. */
const BASE: Line[] = Array.from({ length: 360 }, (_, i) => {
  const ts = END - 3 * 60 * MINUTE + i * 30_000;
  return i % 5 === 0
    ? { ts, service: 'db-proxy', host: 'dbp-01', level: 'ERROR', message: `Connection refused to replica ${i % 3}`, trace_id: '' }
    : { ts, service: 'ocr-worker', host: 'ocr-01', level: 'INFO', message: `Processed document ${i} in ${i * 3} ms`, trace_id: '' };
});

/** 120 lines a log shipper held back, of a known shape and a new one, written long after their minute. */
const LATE: Line[] = Array.from({ length: 120 }, (_, i) => ({
  ts: LATE_MINUTE + i * 500,
  service: i % 2 === 0 ? 'ocr-worker' : 'billing',
  host: 'ocr-02',
  level: i % 2 === 0 ? 'INFO' : 'ERROR',
  message: i % 2 === 0 ? `Processed document ${i} in ${i} ms` : `Invoice ${i} rejected by the ledger`,
  trace_id: '',
}));

describe('log lines that reach the store later than the look-back (real servers)', () => {
  let ch: ClickHouse;
  let maria: MariaDb;

  /**
   * Syncs, writes LATE to the server, syncs again: the second run must find the late lines,
   * count them once in their own minute and say so; a third run finds nothing more.
   */
  const scenario = async (source: LogGroupSource, write: (lines: Line[]) => Promise<void>, remote: () => Promise<string[]>) => {
    const dir = tempDir();
    const db = openStore(join(dir.path, 'genba.sqlite'));
    const sync = () => runLogGroupSync({ db, source, now: () => NOW, lookbackMs: 15 * MINUTE, keepRawDays: 1, keepAggregateDays: 7, timeZone: 'Asia/Tokyo' });
    try {
      await write(BASE);
      await sync();
      expect(localMinutes(db)).toEqual(await remote());
      await write(LATE);
      const second = await sync();
      expect(localMinutes(db)).toEqual(await remote());
      expect(second.late).toEqual({ lines: 120, from: LATE_MINUTE });
      const rows = db.prepare('SELECT SUM(lines) AS n FROM app_logs').get() as { n: number };
      expect(rows.n).toBe(BASE.length + LATE.length);
      const third = await sync();
      expect(third.late).toEqual({ lines: 0, from: null });
      expect(localMinutes(db)).toEqual(await remote());
    } finally {
      await source.close();
      db.close();
      dir.remove();
    }
  };

  beforeAll(async () => {
    [ch, maria] = await Promise.all([startClickHouse(), startMariaDb()]);
    await ch.exec('CREATE DATABASE logs');
    await ch.exec(`CREATE TABLE logs.app_logs (ts UInt64, service String, host String, level String, message String, trace_id String)
      ENGINE = MergeTree ORDER BY (service, ts)`);
    const conn = await maria.admin();
    await conn.query('CREATE INDEX app_logs_by_ts ON app_logs (ts)');
    await conn.end();
  }, 180_000);

  afterAll(async () => {
    await ch?.destroy();
    await maria?.destroy();
  });

  it('ClickHouse: counts them once, in their own minute, and reports how many and from when', async () => {
    const source = createClickHouseLogSource(logsConfig(ch.url), CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
    await scenario(
      source,
      async (lines) => {
        await ch.client.insert({ table: 'logs.app_logs', values: lines, format: 'JSONEachRow' });
      },
      async () =>
        (
          await ch.query<{ minute: string; n: string; e: string }>(
            `SELECT toString(intDiv(ts, 60000) * 60000) AS minute, toString(count()) AS n, toString(countIf(level = 'ERROR')) AS e
             FROM logs.app_logs WHERE ts < ${END} GROUP BY minute ORDER BY toUInt64(minute)`,
          )
        ).map((r) => `${r.minute}:${r.n}:${r.e}`),
    );
  });

  it('MySQL-grouped: counts them once, in their own minute, and reports how many and from when', async () => {
    const options = logSourceOptions(maria, ZONE);
    const source = createMySqlLogGroupSource(
      options,
      tableSpecs().find((s) => s.table === 'app_logs')!,
    );
    const conn = await maria.admin();
    try {
      await scenario(
        source,
        async (lines) => {
          await conn.query('INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES ?', [
            lines.map((l) => [epochToSqlDatetime(l.ts, ZONE), l.service, l.host, l.level, l.message, l.trace_id]),
          ]);
        },
        async () => {
          const [rows] = (await conn.query(
            `SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:00') AS minute, COUNT(*) AS n, SUM(level = 'ERROR') AS e FROM app_logs WHERE ts < ? GROUP BY minute ORDER BY minute`,
            [epochToSqlDatetime(END, ZONE)],
          )) as unknown as [{ minute: string; n: number | string; e: number | string }[]];
          return rows.map((r) => `${sqlDatetimeToEpoch(r.minute, ZONE)}:${Number(r.n)}:${Number(r.e)}`);
        },
      );
    } finally {
      await conn.end();
    }
  });
});
