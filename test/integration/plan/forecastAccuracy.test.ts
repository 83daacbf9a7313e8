import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskQuery } from '../../../main/api/askQuery.js';
import { forecastAccuracyAnswer } from '../../../main/chat/query/forecastAccuracyAnswer.js';
import type { QueryContext } from '../../../main/chat/query/queryContext.js';
import { defaultConfig } from '../../../main/config/config.js';
import { forecastSeries } from '../../../main/forecast/forecastSeries.js';
import { isWorkingDay, previousWorkingDay } from '../../../main/forecast/workCalendar.js';
import { overviewNow } from '../../../main/placement/overviewNow.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const cfg = defaultConfig();

/**
 * 「予測の精度は？」 (issue 28): the last 20 working days' next-day forecasts scored against
 * what came, each actual read from the arrivals table with SQL, each forecast made from the
 * history before its day as SQL gives it.
 */
describe('forecast accuracy in the chat, against SQL of the same store', () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it("札幌's four processes: the 20 working days up to today, WAPE pooled over them and per process, and the naive beside it", () => {
    const c = {
      db,
      lang: 'ja',
      now: NOW,
      dayStart: Date.parse('2025-10-23T00:00+09:00'),
      timeZone: 'Asia/Tokyo',
      overview: () => overviewNow(db, { now: () => NOW, config: () => cfg }),
    } as QueryContext;
    const q = { op: 'value', measure: 'forecast_volume', site: ['札幌'], process: [], business: [], operator: [], by: null, time: null } as unknown as AskQuery;
    const r = forecastAccuracyAnswer(q, c);
    const days: string[] = [];
    for (let d = '2025-10-23'; days.length < 20; d = previousWorkingDay(d)) if (isWorkingDay(d)) days.unshift(d);
    expect(r.text).toContain(`予測の精度（${Number(days[0]!.slice(5, 7))}/${Number(days[0]!.slice(8))}〜10/23の20営業日`);
    const series = db.prepare(`SELECT DISTINCT business_id AS b, process_name AS p FROM arrivals WHERE location_name = '札幌'`).all() as {
      b: string;
      p: string;
    }[];
    const byProcess = new Map<string, { err: number; actual: number }>();
    for (const s of series) {
      const history = db
        .prepare(
          `SELECT arrival_date AS date, SUM(items) AS value FROM arrivals WHERE location_name = '札幌' AND business_id = ? AND process_name = ? GROUP BY arrival_date ORDER BY arrival_date`,
        )
        .all(s.b, s.p) as { date: string; value: number }[];
      for (const day of days) {
        const actual = history.find((h) => h.date === day)!.value;
        const p50 = forecastSeries(
          history.filter((h) => h.date < day),
          [day],
        )[0]!.p50;
        const x = byProcess.get(s.p) ?? { err: 0, actual: 0 };
        x.err += Math.abs(actual - p50);
        x.actual += actual;
        byProcess.set(s.p, x);
      }
    }
    const all = [...byProcess.values()].reduce((a, b) => ({ err: a.err + b.err, actual: a.actual + b.actual }), { err: 0, actual: 0 });
    const wape = (x: { err: number; actual: number }): number => Math.round((x.err / x.actual) * 1000) / 10;
    expect(r.table.rows[0]).toEqual(['全体', wape(all), expect.any(Number), expect.any(Number), days.length * series.length]);
    for (const [p, x] of byProcess) expect(r.table.rows.find((row) => row[0] === `札幌 ${p}`)?.[1], p).toBe(wape(x));
    // The seasonal naive is worse on the demo, as the bench says of the whole company.
    expect(r.table.rows[0]![2] as number).toBeGreaterThan(r.table.rows[0]![1] as number);
  }, 120_000);

  it('a period asked for (先月): its working days only, the holidays of September (15th, 23rd) left out', () => {
    const c = {
      db,
      lang: 'en',
      now: NOW,
      dayStart: Date.parse('2025-10-23T00:00+09:00'),
      timeZone: 'Asia/Tokyo',
      overview: () => overviewNow(db, { now: () => NOW, config: () => cfg }),
    } as QueryContext;
    const q = {
      op: 'value',
      measure: 'forecast_volume',
      site: ['佐世保'],
      process: [],
      business: [],
      operator: [],
      by: null,
      time: 'last_month',
    } as unknown as AskQuery;
    const r = forecastAccuracyAnswer(q, c);
    const september: string[] = [];
    for (let d = 1; d <= 30; d++) {
      const date = `2025-09-${String(d).padStart(2, '0')}`;
      if (isWorkingDay(date)) september.push(date);
    }
    expect(september).toHaveLength(20);
    expect(r.text.startsWith('Forecast accuracy (9/1–9/30, 20 working days;')).toBe(true);
    const series = (db.prepare(`SELECT COUNT(DISTINCT business_id || process_name) AS n FROM arrivals WHERE location_name = '佐世保'`).get() as { n: number })
      .n;
    expect(r.table.rows[0]![4]).toBe(20 * series);
  }, 120_000);
});
