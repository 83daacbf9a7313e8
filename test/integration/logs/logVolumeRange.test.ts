import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingService } from '../../../main/ai/embeddingService.js';
import { MAX_LOG_RANGE_DAYS, REQUEST_SCHEMAS } from '../../../main/api/contract.js';
import type { Lang } from '../../../main/api/localized.js';
import type { LogVolume } from '../../../main/api/types.js';
import { createAppLog } from '../../../main/applog/appLog.js';
import type { GenbaApp } from '../../../main/genbaApp.js';
import { createHandlerTable, type HandlerTable } from '../../../main/handlerTable.js';
import { createLogIntelligence } from '../../../main/logs/logIntelligence.js';
import { logVolume, MAX_BUCKETS } from '../../../main/logs/logVolume.js';
import { openStore } from '../../../main/store/openStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const DAY = 86_400_000;
const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;

const lines = (v: LogVolume): number => v.buckets.reduce((n, b) => n + b.ERROR + b.WARN + b.INFO + b.DEBUG, 0);

/**
 * A range the number type allows (100,000 years, or 0 to year 275,760) once made `logs.volume`
 * build one bucket per day in the main process: 50 s and 3.8 GB, or the app killed. The contract
 * bounds every log range, and the core cuts any window into a bounded number of buckets.
 * The store is real (SQLite, every migration); the handler table is the app's, over the real log
 * intelligence; the rest of the app is not needed to answer these channels.
 */
describe('log ranges are bounded at the contract, and the volume chart has a bounded number of buckets', () => {
  const dir = tempDir();
  let db: Database.Database;
  let table: HandlerTable;
  let lang: Lang = 'ja';
  /** One line a day for the last two years, levels in turn: the lines of [from, to) are easy to count. */
  const stored = (from: number, to: number): number => {
    let n = 0;
    for (let d = 0; d < 730; d++) if (NOW - d * DAY - 1 >= from && NOW - d * DAY - 1 < to) n++;
    return n;
  };

  beforeAll(() => {
    db = openStore(join(dir.path, 'genba.sqlite'));
    const insert = db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, 'order-api', 'h1', ?, 'line')");
    db.transaction(() => {
      for (let d = 0; d < 730; d++) insert.run(NOW - d * DAY - 1, LEVELS[d % 4]);
    })();
    const log = createAppLog(dir.path);
    const logs = createLogIntelligence({
      db: () => db,
      dataDir: dir.path,
      env: { now: () => NOW, timeZone: () => 'Asia/Tokyo' },
      log,
      embeddings: {} as EmbeddingService, // the volume chart embeds nothing
      embeddingModelDir: () => null,
    });
    table = createHandlerTable({ lang: () => lang, log, logs } as unknown as GenbaApp);
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it('the longest range the contract allows answers with at most MAX_BUCKETS + 1 buckets, every line counted', async () => {
    const from = NOW - MAX_LOG_RANGE_DAYS * DAY;
    const r = await table['logs.volume']({ from, to: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.buckets.length).toBeGreaterThan(0);
    expect(r.value.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS + 1);
    expect(r.value.bucketMinutes % 1440).toBe(0);
    expect(lines(r.value)).toBe(stored(from, NOW));
    // A day, as the Logs view asks, is as before: 15-minute buckets (97: 15:40 starts inside its first).
    const day = await table['logs.volume']({ from: NOW - DAY, to: NOW });
    expect(day.ok && { minutes: day.value.bucketMinutes, buckets: day.value.buckets.length }).toEqual({ minutes: 15, buckets: 97 });
  });

  it('refuses a longer range, a reversed one and a range with one end, on every log channel, in the manager language', async () => {
    const tooLong = { from: NOW - (MAX_LOG_RANGE_DAYS + 1) * DAY, to: NOW };
    const ranges = [tooLong, { from: 0, to: 8.64e15 }, { from: NOW, to: NOW - 1 }, { from: NOW, to: NOW }, { from: 0 }, { to: 8.64e15 }];
    const channels = [
      ['logs.volume', {}],
      ['logs.templates', { limit: 10 }],
      ['logs.template', { id: 1 }],
      ['logs.drill', { id: 1 }],
      ['logs.search', { text: 'timeout' }],
    ] as const;
    for (const [channel, rest] of channels) {
      expect(REQUEST_SCHEMAS[channel].safeParse({ ...rest, from: NOW - DAY, to: NOW }).success, channel).toBe(true);
      expect(REQUEST_SCHEMAS[channel].safeParse({ ...rest }).success, channel).toBe(true);
      for (const range of ranges) expect(REQUEST_SCHEMAS[channel].safeParse({ ...rest, ...range }).success, `${channel} ${JSON.stringify(range)}`).toBe(false);
    }
    const ja = await table['logs.volume'](tooLong);
    expect(ja).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!ja.ok && ja.error.message).toContain(`${MAX_LOG_RANGE_DAYS} 日以内で指定してください`);
    lang = 'en';
    try {
      const en = await table['logs.volume']({ from: 0, to: 8.64e15 });
      expect(!en.ok && en.error.message).toContain(`at most ${MAX_LOG_RANGE_DAYS} days apart`);
      const timeline = await table['alerts.timeline']({ site: '札幌', from: NOW - 8 * DAY, to: NOW });
      expect(!timeline.ok && timeline.error.message).toContain('at most 7 days apart');
    } finally {
      lang = 'ja';
    }
  });

  it('the core itself cuts any window, whatever its caller, into at most MAX_BUCKETS + 1 buckets', () => {
    for (const [from, to] of [
      [NOW - 1000 * DAY, NOW],
      [NOW - 97 * DAY, NOW],
      [0, NOW],
      [0, 8.64e15],
    ] as const) {
      const v = logVolume(db, { from, to }, NOW);
      expect(v.buckets.length, `${from}–${to}`).toBeLessThanOrEqual(MAX_BUCKETS + 1);
      expect(v.buckets.length, `${from}–${to}`).toBeGreaterThan(0);
      expect(lines(v), `${from}–${to}`).toBe(stored(from, to));
    }
    expect(logVolume(db, { from: NOW, to: NOW - DAY }, NOW).buckets).toEqual([]);
  });
});
