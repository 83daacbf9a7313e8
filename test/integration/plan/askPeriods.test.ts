import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { forecastStore } from '../../../main/forecast/forecastNow.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Days and periods other than today and this week, asked in the chat on the demo company (Thu 2025-10-23 15:40): each
 * figure of the answer against SQL of the same store, or against the forecast engine for days ahead.
 */
describe('planning questions about months, weeks ahead, weekdays and dates', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let db: Database.Database;
  const ask = (q: string): Promise<AskResult> => app.assistant.ask(q);
  const overtime = (from: string, to: string, group: 'site' | 'all' | 'month-site' | 'month-all') => {
    const key = group.endsWith('site') ? 'o.location_name' : "'*'";
    const month = group.startsWith('month') ? 'substr(a.attendance_date, 1, 7)' : "'*'";
    return db
      .prepare(
        `SELECT ${month} AS month, ${key} AS site, CAST(ROUND(SUM(a.actual_end - a.planned_end) / 60000.0) AS INTEGER) AS minutes, COUNT(DISTINCT a.operator_id) AS people
         FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
         WHERE a.attendance_date BETWEEN ? AND ? AND a.actual_end > a.planned_end GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(from, to) as { month: string; site: string; minutes: number; people: number }[];
  };
  const absence = (from: string, to: string, bySite: boolean) =>
    db
      .prepare(
        `SELECT substr(a.attendance_date, 1, 7) AS month, ${bySite ? 'o.location_name' : "'*'"} AS site, COUNT(*) AS rostered,
           SUM(a.attendance_status = 'absent') AS absent, SUM(a.attendance_status = 'paid_leave') AS leave
         FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
         WHERE o.is_valid = 1 AND a.attendance_date BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(from, to) as { month: string; site: string; rostered: number; absent: number; leave: number }[];

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    await app.assistant.prepare();
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await app?.stop();
    dir.remove();
  });

  it('「先月の残業は？」: September per site and for the company, from the records of 9/1–9/30', async () => {
    const r = await ask('先月の残業は？');
    expect(r.query).toMatchObject({ read: { measure: 'overtime', time: 'last_month' }, answeredBy: 'planner' });
    const sites = overtime('2025-09-01', '2025-09-30', 'site').sort((a, b) => b.minutes - a.minutes);
    expect(r.table!.rows).toEqual(sites.map((s) => [s.site, s.minutes, s.people]));
    const [all] = overtime('2025-09-01', '2025-09-30', 'all');
    expect(r.answer).toContain('2025年9月（9/1（月）〜9/30（火））');
    expect(r.answer).toContain(`- 全拠点: ${all!.minutes.toLocaleString('ja-JP')}分（${(all!.minutes / 60).toFixed(1)}時間）、${all!.people}名`);
  });

  it('「今月の残業、先月と比べてどう？」: September and October to yesterday side by side, per working day, per site and for the company', async () => {
    const r = await ask('今月の残業、先月と比べてどう？');
    expect(r.query).toMatchObject({ read: { measure: 'overtime', time: 'last_2m' }, answeredBy: 'planner' });
    const all = overtime('2025-09-01', '2025-10-22', 'month-all');
    const sites = overtime('2025-09-01', '2025-10-22', 'month-site');
    // 20 working days in September; October 1–22 has 15 (10/13 スポーツの日 is a holiday).
    const days: Record<string, number> = { '2025-09': 20, '2025-10': 15 };
    const rows = r.table!.rows;
    for (const a of all) expect(rows).toContainEqual([a.month, '全拠点', a.minutes, a.people, days[a.month]]);
    for (const s of sites) expect(rows).toContainEqual([s.month, s.site, s.minutes, s.people, days[s.month]]);
    const oct = all.find((a) => a.month === '2025-10')!;
    expect(oct.minutes).toBeGreaterThan(17_000);
    expect(r.answer).toContain(
      `10月 ${(oct.minutes / 15).toFixed(1)}分/日（計${oct.minutes.toLocaleString('ja-JP')}分・${(oct.minutes / 60).toFixed(1)}時間、15営業日）`,
    );
    expect(r.answer).toContain('昨日までの');
    expect(r.answer).not.toContain('残業はありません');
  });

  it('"Overtime this month vs last month" in English reads the same two months', async () => {
    const r = await ask('Overtime this month vs last month?');
    expect(r.query).toMatchObject({ read: { measure: 'overtime', time: 'last_2m' }, answeredBy: 'planner' });
    const oct = overtime('2025-10-01', '2025-10-22', 'all')[0]!;
    expect(r.answer).toContain(`October 2025 (15 working days): all sites ${oct.minutes.toLocaleString('en-US')} min (${(oct.minutes / 60).toFixed(1)} h)`);
  });

  it("「札幌の過去3ヶ月の欠勤率は？」: the monthly figures are 札幌's and say so, not 全拠点", async () => {
    const r = await ask('札幌の過去3ヶ月の欠勤率は？');
    const rate = (x: { rostered: number; absent: number; leave: number }): number => round1(((x.absent + x.leave) / x.rostered) * 100);
    const oct = absence('2025-08-01', '2025-10-23', true).find((x) => x.month === '2025-10' && x.site === '札幌')!;
    expect(r.answer).toContain(`- 2025年10月（16営業日）: 札幌 ${rate(oct).toFixed(1)}%（欠勤 ${oct.absent}人日・`);
    expect(r.answer).not.toContain('全拠点');
  });

  it('「過去3ヶ月の欠勤率は？」: August, September and October to today by month, each site and the company, from the records', async () => {
    const r = await ask('過去3ヶ月の欠勤率は？');
    expect(r.query).toMatchObject({ read: { measure: 'absence', time: 'last_3m' }, answeredBy: 'planner' });
    const rate = (x: { rostered: number; absent: number; leave: number }): number => round1(((x.absent + x.leave) / x.rostered) * 100);
    const expected = [
      ...absence('2025-08-01', '2025-10-23', false).map((x) => [x.month, '全拠点', x.rostered, x.absent, x.leave, rate(x)]),
      ...absence('2025-08-01', '2025-10-23', true).map((x) => [x.month, x.site, x.rostered, x.absent, x.leave, rate(x)]),
    ];
    expect([...r.table!.rows].sort()).toEqual(expected.sort());
    const oct = absence('2025-08-01', '2025-10-23', false).find((x) => x.month === '2025-10')!;
    expect(r.answer).toContain(
      `- 2025年10月（16営業日）: 全拠点 ${rate(oct).toFixed(1)}%（欠勤 ${oct.absent.toLocaleString('ja-JP')}人日・有給 ${oct.leave.toLocaleString('ja-JP')}人日 / 延べ ${oct.rostered.toLocaleString('ja-JP')}人日）`,
    );
  });

  it('"absence trend by month" in English: the last 6 months, May to October', async () => {
    const r = await ask('Show the absence rate trend by month');
    expect(r.query).toMatchObject({ read: { measure: 'absence', time: 'last_6m' }, answeredBy: 'planner' });
    expect(new Set(r.table!.rows.map((row) => row[0]))).toEqual(new Set(['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10']));
    expect(r.answer).toContain('Absence by month');
  });

  it("「今月の欠勤率は？」: October's working days to today per site, with the company line", async () => {
    const r = await ask('今月の欠勤率は？');
    expect(r.query).toMatchObject({ read: { measure: 'absence', time: 'this_month' }, answeredBy: 'planner' });
    const [all] = absence('2025-10-01', '2025-10-23', false);
    const sites = absence('2025-10-01', '2025-10-23', true);
    expect(r.table!.rows.map((row) => row.slice(0, 4)).sort()).toEqual(sites.map((s) => [s.site, s.rostered, s.absent, s.leave]).sort());
    expect(r.answer).toContain(
      // The attendance rate beside them: the person-days worked of those rostered.
      `- 全拠点: 欠勤 ${all!.absent.toLocaleString('ja-JP')}人日・有給 ${all!.leave.toLocaleString('ja-JP')}人日（延べ ${all!.rostered.toLocaleString('ja-JP')}人日、出勤率 ${(((all!.rostered - all!.absent - all!.leave) / all!.rostered) * 100).toFixed(1)}%）`,
    );
    expect(r.answer).toContain('16営業日');
  });

  it('「来週の出勤予定は？」: each working day of next week, the roster and the leave asked for, per site as the records have them', async () => {
    const r = await ask('来週の出勤予定は？');
    expect(r.query).toMatchObject({ read: { measure: 'attendance', time: 'next_week' }, answeredBy: 'planner' });
    const rows = db
      .prepare(
        `SELECT a.attendance_date AS d, o.location_name AS site, COUNT(*) AS rostered, SUM(a.attendance_status = 'paid_leave') AS leave,
           SUM(a.attendance_status NOT IN ('paid_leave', 'absent')) AS scheduled
         FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
         WHERE o.is_valid = 1 AND a.attendance_date BETWEEN '2025-10-27' AND '2025-10-31' GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { d: string; site: string; rostered: number; leave: number; scheduled: number }[];
    expect([...r.table!.rows].sort()).toEqual(rows.map((x) => [x.d, x.site, x.rostered, x.scheduled, x.leave]).sort());
    expect(new Set(rows.map((x) => x.d)).size).toBe(5);
  });

  it("「来週の物量は？」 and 「月初3営業日の物量は？」: every day of the range, each figure the forecast engine's", async () => {
    const f = forecastStore(db, { now: Date.parse(ANCHOR), timeZone: 'Asia/Tokyo', days: 9 });
    const p50 = (date: string, site: string): number =>
      Math.round(f.series.filter((s) => s.site === site).reduce((n, s) => n + (s.days.find((d) => d.date === date)?.p50 ?? 0), 0));
    const week = await ask('来週の物量は？');
    expect(week.query).toMatchObject({ read: { time: 'next_week' }, answeredBy: 'planner' });
    expect(new Set(week.table!.rows.map((row) => row[0]))).toEqual(new Set(['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31']));
    for (const row of week.table!.rows) expect(row[2]).toBe(p50(row[0] as string, row[1] as string));
    // November's first working days: 11/3 文化の日 is a holiday.
    const start = await ask('月初3営業日の物量は？');
    expect(start.query).toMatchObject({ read: { time: 'month_start_3' }, answeredBy: 'planner' });
    expect(new Set(start.table!.rows.map((row) => row[0]))).toEqual(new Set(['2025-11-04', '2025-11-05', '2025-11-06']));
    for (const row of start.table!.rows) expect(row[2]).toBe(p50(row[0] as string, row[1] as string));
  });

  it('a forecast of a past month or beyond the 10 working days is said so, never answered for another day', async () => {
    const past = await ask('先月の物量予測は？');
    expect(past.table!.rows).toEqual([]);
    expect(past.answer).toContain('もう過ぎています');
    const far = await ask('来月の物量予測は？');
    expect(far.answer).toContain('10営業日先の11/7（金）まで');
    expect(Math.max(...far.table!.rows.map((row) => Date.parse(row[0] as string)))).toBe(Date.parse('2025-11-07'));
  });

  it('「10/17の残業は？」 and 「先週金曜の残業は？」: that Friday per site, from the records', async () => {
    const sites = overtime('2025-10-17', '2025-10-17', 'site').sort((a, b) => b.minutes - a.minutes);
    for (const q of ['10/17の残業は？', '先週金曜の残業は？']) {
      const r = await ask(q);
      expect(r.query).toMatchObject({ read: { measure: 'overtime' }, answeredBy: 'planner' });
      if (sites.length > 0) expect(r.table!.rows).toEqual(sites.map((s) => [s.site, s.minutes, s.people]));
      expect(r.answer).toContain('10/17（金）');
    }
  });
});
