import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const DAY_START = Date.parse('2025-10-23T00:00+09:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// An error is a line at ERROR or above (measureSql.ts), never a warning.
const ERROR_LEVELS = "('ERROR', 'FATAL', 'CRITICAL')";

const hm = (t: number): string => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
const md = (t: number): string => new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric' }).format(t);
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * A trend (issue 27) through the built `genba ask --json` on the demo company: the measure at
 * each step of the window, every step's figure against SQL of the same store, with its unit
 * and its time, and the one-line summary (start → end, highest, lowest).
 */
describe('genba ask --json: a trend step by step, each figure checked against SQL', () => {
  const dir = tempDir();
  let db: Database.Database;
  const ask = (question: string, lang: string): AskResult => {
    const r = runGenba(['ask', question, '--json', '--lang', lang, '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as AskResult;
  };

  /** Items per minute of a group over [a, b]: per series, the items done between consecutive snapshots in the window over their minutes (gaps over 3 h left out); summed over the series. */
  const speed = (site: string, process: string, a: number, b: number): number | null => {
    const rows = db
      .prepare(
        `WITH s AS (SELECT business_id AS k, snapshot_time AS t, entry_count AS done,
                           LAG(snapshot_time) OVER (PARTITION BY business_id ORDER BY snapshot_time) AS pt,
                           LAG(entry_count) OVER (PARTITION BY business_id ORDER BY snapshot_time) AS pd
                    FROM progress_snapshots WHERE location_name = ? AND process_name = ? AND snapshot_time BETWEEN ? AND ?)
         SELECT k, SUM(done - pd) AS items, SUM(t - pt) / 60000.0 AS minutes FROM s
         WHERE pt IS NOT NULL AND t - pt <= 10800000 AND done >= pd GROUP BY k`,
      )
      .all(site, process, a, b) as { k: string; items: number; minutes: number }[];
    const per = rows.filter((r) => r.minutes > 0).map((r) => r.items / r.minutes);
    return per.length ? round1(per.reduce((s, x) => s + x, 0)) : null;
  };
  /** Items left at a site at `at`: the newest snapshot of each series on that day at or before it; with the time of the newest. */
  const left = (site: string, at: number): { n: number; asOf: number } | null => {
    const r = db
      .prepare(
        `SELECT SUM(s.total_waiting) AS n, MAX(s.snapshot_time) AS asOf FROM progress_snapshots s
         JOIN (SELECT process_name, business_id, MAX(snapshot_time) AS t FROM progress_snapshots
               WHERE location_name = @site AND snapshot_time >= @day AND snapshot_time <= @at GROUP BY 1, 2) l
           ON l.process_name = s.process_name AND l.business_id = s.business_id AND l.t = s.snapshot_time
         WHERE s.location_name = @site`,
      )
      .get({ site, day: DAY_START, at }) as { n: number | null; asOf: number | null };
    return r.n === null ? null : { n: r.n, asOf: r.asOf! };
  };

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('「今日の札幌エントリ1の処理速度の推移」: items per minute for each hour of today from the snapshots, with the summary line', () => {
    const r = ask('今日の札幌エントリ1の処理速度の推移', 'ja');
    expect(r.query).toMatchObject({ read: { op: 'trend', measure: 'speed', site: ['札幌'], process: ['エントリ1'], time: 'today' }, answeredBy: 'planner' });
    const expected: [string, number][] = [];
    for (let a = DAY_START; a < NOW; a += HOUR) {
      const v = speed('札幌', 'エントリ1', a, Math.min(NOW, a + HOUR));
      if (v !== null) expected.push([hm(a), v]);
    }
    // The demo works 9:00–18:00: seven steps up to 15:40, the last one partial.
    expect(expected.map((e) => e[0])).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00']);
    expect(r.table).toEqual({ columns: ['time', 'speed'], rows: expected });
    const lines = r.answer.split('\n');
    expect(lines[0]).toBe('札幌 · エントリ1の処理速度の推移（今日（00:00〜15:40）、1時間ごと）:');
    for (const [t, v] of expected) {
      const end = t === '15:00' ? '15:40' : hm(DAY_START + (Number(t.slice(0, 2)) + 1) * HOUR);
      expect(lines).toContain(`- ${t}〜${end}: ${v} 件/分`);
    }
    const values = expected.map((e) => e[1]);
    const at = (v: number): string => {
      const t = expected.find((e) => e[1] === v)![0];
      return `${v} 件/分（${t}〜${t === '15:00' ? '15:40' : hm(DAY_START + (Number(t.slice(0, 2)) + 1) * HOUR)}）`;
    };
    expect(lines[1]).toBe(`${at(values[0]!)} → ${at(values.at(-1)!)}。最高 ${at(Math.max(...values))}、最低 ${at(Math.min(...values))}。`);
  });

  it("in English, Osaka's items left hour by hour today: the newest snapshot of each series at each hour, as of its time", () => {
    const r = ask('Show the trend of items left at Osaka today', 'en');
    expect(r.query).toMatchObject({ read: { op: 'trend', measure: 'remaining', site: ['大阪'] }, answeredBy: 'planner' });
    const expected: [string, number, number][] = [];
    for (let a = DAY_START; a < NOW; a += HOUR) {
      const v = left('大阪', Math.min(NOW, a + HOUR));
      if (v !== null) expected.push([hm(v.asOf), v.n, v.asOf]);
    }
    expect(expected.length).toBeGreaterThanOrEqual(7);
    expect(expected.at(-1)![0]).toBe('15:40');
    expect(r.table).toEqual({ columns: ['time', 'remaining'], rows: expected.map(([t, n]) => [t, n]) });
    const lines = r.answer.split('\n');
    // The table keeps the company's name (data); the English text writes it in Latin letters.
    expect(lines[0]).toBe('Items left for Osaka, today (00:00–15:40), hour by hour:');
    // Thousands grouped, and the unit agreeing with its count, as every figure Genba shows.
    const items = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}`;
    for (const [t, n] of expected) expect(lines).toContain(`- as of ${t}: ${items(n)}`);
    const [first, last] = [expected[0]!, expected.at(-1)!];
    const high = expected.reduce((x, e) => (e[1] > x[1] ? e : x));
    const low = expected.reduce((x, e) => (e[1] < x[1] ? e : x));
    const fig = (e: (typeof expected)[number]): string => `${items(e[1])} (as of ${e[0]})`;
    // The backlog only falls through the day: the highest and lowest are its ends, said as such.
    const falling = expected.every((e, i) => i === 0 || e[1] <= expected[i - 1]![1]);
    expect(lines[1]).toBe(
      falling ? `${fig(first)} → ${fig(last)}, falling throughout.` : `${fig(first)} → ${fig(last)}. Highest ${fig(high)}, lowest ${fig(low)}.`,
    );
  });

  it('「今週のエラー件数の推移」: error lines of each day of this calendar week so far, from the application logs', () => {
    const r = ask('今週のエラー件数の推移', 'ja');
    expect(r.query).toMatchObject({ read: { op: 'trend', measure: 'error_lines', time: 'this_week' }, answeredBy: 'planner' });
    const expected: [string, number][] = [];
    // 10/23 is a Thursday: this week began on Monday 10/20.
    for (let a = DAY_START - 3 * DAY; a < NOW; a += DAY) {
      const n = (
        db.prepare(`SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ? AND ts < ? AND level IN ${ERROR_LEVELS}`).get(a, Math.min(NOW, a + DAY)) as { n: number }
      ).n;
      expected.push([md(a), n]);
    }
    expect(r.table).toEqual({ columns: ['time', 'error_lines'], rows: expected });
    const lines = r.answer.split('\n');
    expect(lines[0]).toBe('全体のエラー行数の推移（今週（10/20〜10/23）、1日ごと）:');
    for (const [d, n] of expected) expect(lines).toContain(`- ${d}: ${n.toLocaleString('en-US')} 行`);
    const high = expected.reduce((x, e) => (e[1] > x[1] ? e : x));
    const low = expected.reduce((x, e) => (e[1] < x[1] ? e : x));
    const fig = (e: [string, number]): string => `${e[1].toLocaleString('en-US')} 行（${e[0]}）`;
    expect(lines[1]).toBe(`${fig(expected[0]!)} → ${fig(expected.at(-1)!)}。最高 ${fig(high)}、最低 ${fig(low)}。`);
  });

  it('the last hour of a named service in 10-minute steps', () => {
    const r = ask('entry-api のエラー行数の推移 直近1時間', 'ja');
    expect(r.query).toMatchObject({ read: { op: 'trend', measure: 'error_lines', service: ['entry-api'], time: 'last_hour' }, answeredBy: 'planner' });
    const expected: [string, number][] = [];
    for (let a = NOW - HOUR; a < NOW; a += 10 * MIN)
      expected.push([
        hm(a),
        (
          db
            .prepare(`SELECT COUNT(*) AS n FROM app_logs WHERE service = 'entry-api' AND ts >= ? AND ts < ? AND level IN ${ERROR_LEVELS}`)
            .get(a, a + 10 * MIN) as { n: number }
        ).n,
      ]);
    expect(r.table).toEqual({ columns: ['time', 'error_lines'], rows: expected });
    expect(r.answer.split('\n')[0]).toBe('entry-apiのエラー行数の推移（直近1時間、10分ごと）:');
  });
});
