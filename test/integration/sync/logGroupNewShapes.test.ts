import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli.js';
import type { CliIo } from '../../../main/cli/cliIo.js';
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
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november'];

interface Line {
  ts: number;
  service: string;
  host: string;
  level: string;
  message: string;
  trace_id: string;
}

/** Two hours of lines a day ago and two before now, in a few shapes: older spans go as counts, recent ones as rows. */
function baseLines(): Line[] {
  const out: Line[] = [];
  for (const start of [END - 26 * 60 * MINUTE, END - 2 * 60 * MINUTE]) {
    for (let i = 0; i < 240; i++) {
      const ts = start + i * 30_000 + (i % 7) * 1000;
      out.push(
        i % 5 === 0
          ? { ts, service: 'db-proxy', host: 'dbp-01', level: 'ERROR', message: `Connection refused to replica ${i % 3}`, trace_id: '' }
          : { ts, service: 'ocr-worker', host: `ocr-0${i % 2}`, level: 'INFO', message: `Processed document ${i} in ${i * 3} ms`, trace_id: `t${i}` },
      );
    }
  }
  return out;
}

/**
 * The source, with a message shape no earlier query has seen written to the real server
 * just before each of its queries of a span (the shapes and the groups): what a steady
 * trickle of new shapes does to a sync that reads a span in two queries. Lines written
 * before the span's groups were asked for must be counted and mined by this sync; those
 * written after are late lines, for a later sync.
 */
function withNewShapes(source: LogGroupSource, write: (lines: Line[]) => Promise<void>): LogGroupSource & { counted: number; late: Line[] } {
  let call = 0;
  const grouped = new Set<string>();
  const trickle = async (from: number, to: number): Promise<void> => {
    const word = WORDS[call++ % WORDS.length]!;
    const lines = [0, 1, 2].map((k) => ({
      ts: from + 5_000 + k * 20_000,
      service: 'billing',
      host: 'bill-01',
      level: k === 0 ? 'ERROR' : 'WARN',
      message: `Invoice batch ${word}${call} stalled at step ${k}`,
      trace_id: '',
    }));
    await write(lines);
    if (grouped.has(`${from}-${to}`)) wrapped.late.push(...lines);
    else wrapped.counted += lines.length;
  };
  const wrapped = {
    ...source,
    counted: 0,
    late: [] as Line[],
    async shapes(from: number, to: number) {
      await trickle(from, to);
      return source.shapes(from, to);
    },
    async groups(from: number, to: number, detailed: boolean) {
      await trickle(from, to);
      grouped.add(`${from}-${to}`);
      return source.groups(from, to, detailed);
    },
  };
  return wrapped;
}

/** The source's per-minute lines and errors, less the late lines this sync was not to see yet. */
function lessLate(minutes: { minute: number; n: number; e: number }[], late: Line[]): string[] {
  const at = new Map(minutes.map((m) => [m.minute, { ...m }]));
  for (const l of late) {
    const m = at.get(Math.floor(l.ts / MINUTE) * MINUTE)!;
    m.n--;
    if (l.level === 'ERROR') m.e--;
  }
  return [...at.values()].filter((m) => m.n > 0).map((m) => `${m.minute}:${m.n}:${m.e}`);
}

const sync = (db: Database.Database, source: LogGroupSource) =>
  runLogGroupSync({ db, source, now: () => NOW, lookbackMs: 15 * MINUTE, keepRawDays: 1, keepAggregateDays: 7, timeZone: 'Asia/Tokyo', chunkMs: 60 * MINUTE });

describe('log groups while new message shapes arrive during the sync (real servers)', () => {
  let ch: ClickHouse;
  let maria: MariaDb;

  beforeAll(async () => {
    [ch, maria] = await Promise.all([startClickHouse(), startMariaDb()]);
    await ch.exec('CREATE DATABASE logs');
    await ch.exec(`CREATE TABLE logs.app_logs (ts UInt64, service String, host String, level String, message String, trace_id String)
      ENGINE = MergeTree ORDER BY (service, ts)`);
    await ch.client.insert({ table: 'logs.app_logs', values: baseLines(), format: 'JSONEachRow' });
    const conn = await maria.admin();
    await conn.query('CREATE INDEX app_logs_by_ts ON app_logs (ts)');
    await conn.query('INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES ?', [
      baseLines().map((l) => [epochToSqlDatetime(l.ts, ZONE), l.service, l.host, l.level, l.message, l.trace_id]),
    ]);
    await conn.end();
  }, 180_000);

  afterAll(async () => {
    await ch?.destroy();
    await maria?.destroy();
  });

  it('ClickHouse: every line counted in the groups is mined; the per-minute counts equal the source', async () => {
    const dir = tempDir();
    const db = openStore(join(dir.path, 'genba.sqlite'));
    const plain = createClickHouseLogSource(logsConfig(ch.url), CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
    const source = withNewShapes(plain, async (lines) => {
      await ch.client.insert({ table: 'logs.app_logs', values: lines, format: 'JSONEachRow' });
    });
    try {
      const report = await sync(db, source);
      expect(source.counted).toBeGreaterThan(10);
      expect(source.late.length).toBeGreaterThan(0);
      const remote = await ch.query<{ minute: string; n: string; e: string }>(
        `SELECT toString(intDiv(ts, 60000) * 60000) AS minute, toString(count()) AS n, toString(countIf(level = 'ERROR')) AS e
         FROM logs.app_logs WHERE ts < ${END} GROUP BY minute ORDER BY toUInt64(minute)`,
      );
      const expected = lessLate(
        remote.map((r) => ({ minute: Number(r.minute), n: Number(r.n), e: Number(r.e) })),
        source.late,
      );
      expect(localMinutes(db)).toEqual(expected);
      expect(report.lines).toBe(expected.reduce((n, m) => n + Number(m.split(':')[1]), 0));
      const stalled = db.prepare("SELECT SUM(count) AS n FROM log_templates WHERE template LIKE 'Invoice batch % stalled at step %'").get() as { n: number };
      expect(stalled.n).toBe(source.counted);
    } finally {
      await plain.close();
      db.close();
      dir.remove();
    }
  });

  it('MySQL-grouped: every line counted in the groups is mined; the per-minute counts equal the source', async () => {
    const dir = tempDir();
    const db = openStore(join(dir.path, 'genba.sqlite'));
    const options = logSourceOptions(maria, ZONE);
    const plain = createMySqlLogGroupSource(
      options,
      tableSpecs().find((s) => s.table === 'app_logs')!,
    );
    const conn = await maria.admin();
    const source = withNewShapes(plain, async (lines) => {
      await conn.query('INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES ?', [
        lines.map((l) => [epochToSqlDatetime(l.ts, ZONE), l.service, l.host, l.level, l.message, l.trace_id]),
      ]);
    });
    try {
      const report = await sync(db, source);
      expect(source.counted).toBeGreaterThan(10);
      expect(source.late.length).toBeGreaterThan(0);
      const [rows] = (await conn.query(
        `SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:00') AS minute, COUNT(*) AS n, SUM(level = 'ERROR') AS e FROM app_logs WHERE ts < ? GROUP BY minute ORDER BY minute`,
        [epochToSqlDatetime(END, ZONE)],
      )) as unknown as [{ minute: string; n: number | string; e: number | string }[]];
      const expected = lessLate(
        rows.map((r) => ({ minute: sqlDatetimeToEpoch(r.minute, ZONE), n: Number(r.n), e: Number(r.e) })),
        source.late,
      );
      expect(localMinutes(db)).toEqual(expected);
      expect(report.lines).toBe(expected.reduce((n, m) => n + Number(m.split(':')[1]), 0));
      const stalled = db.prepare("SELECT SUM(count) AS n FROM log_templates WHERE template LIKE 'Invoice batch % stalled at step %'").get() as { n: number };
      expect(stalled.n).toBe(source.counted);
    } finally {
      await conn.end();
      await plain.close();
      db.close();
      dir.remove();
    }
  });

  it('an unexpected fault in the log sync reaches the manager as a sentence in ja and en, never as a stack', async () => {
    const dir = tempDir();
    const capture = (): CliIo & { out: string; err: string } => {
      const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
      return io;
    };
    const args = (lang: string) => [
      'sync',
      '--once',
      '--data-dir',
      dir.path,
      '--now',
      new Date(NOW).toISOString(),
      '--lang',
      lang,
      '--logs-source',
      `clickhouse://default@127.0.0.1:${ch.port}/logs?table=app_logs`,
    ];
    try {
      const first = capture();
      expect(await runCli(args('en'), first), first.err).toBe(0);
      // A local state no release writes (a watermark that is not one): a fault Genba did not foresee.
      const db = openStore(join(dir.path, 'genba.sqlite'));
      db.prepare(`UPDATE sync_state SET watermark = '"soon"' WHERE table_name = 'app_logs'`).run();
      db.close();
      for (const [lang, said] of [
        ['ja', 'ログの取り込み中に予期しないエラー'],
        ['en', 'Pulling the logs stopped on an unexpected error'],
      ] as const) {
        const io = capture();
        expect(await runCli(args(lang), io)).not.toBe(0);
        expect(io.err).toContain(said);
        expect(io.err).not.toMatch(/\n\s+at /);
        expect(io.err).not.toContain('.ts:');
      }
    } finally {
      dir.remove();
    }
  });
});
