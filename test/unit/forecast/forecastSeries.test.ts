import { describe, expect, it } from 'vitest';
import type { DailyValue } from '../../../main/forecast/dailySeries.js';
import { forecastSeries } from '../../../main/forecast/forecastSeries.js';
import { ShortHistoryError } from '../../../main/forecast/shortHistoryError.js';
import { datesBetween, dayOfWeek, isWorkingDay, nextWorkingDays, workingDayOfMonth } from '../../../main/forecast/workCalendar.js';
import { createRandom } from '../../../main/sync/demo/random.js';

/**
 * Working days from `from` to `to` with `value(date)` items, times a little seeded noise, and
 * the given share of each closed weekday's usual volume arriving on the next working day.
 */
function series(from: string, to: string, value: (date: string) => number, carried = 1, seed = 7): DailyValue[] {
  const rnd = createRandom(seed);
  const out: DailyValue[] = [];
  let pending = 0;
  for (const date of datesBetween(from, to)) {
    const dow = dayOfWeek(date);
    if (!isWorkingDay(date)) {
      if (dow >= 1 && dow <= 5) pending += carried * value(date);
      continue;
    }
    out.push({ date, value: Math.round((value(date) + pending) * Math.exp(rnd.normal(0, 0.03))) });
    pending = 0;
  }
  return out;
}

const near = (actual: number, expected: number, share: number): void => {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThan(share);
};

describe('forecastSeries', () => {
  it('gives a day the same forecast and band asked alone or with the days after it', () => {
    const history = series('2024-10-01', '2025-10-31', (d) => 100 + (dayOfWeek(d) === 1 ? 40 : 0), 1, 11);
    const dates = nextWorkingDays('2025-10-31', 5);
    const alone = forecastSeries(history, dates.slice(0, 1));
    const together = forecastSeries(history, dates);
    expect(alone[0]).toEqual(together[0]);
  });

  it('puts a holiday’s volume on the next working day (文化の日, Monday 2025-11-03)', () => {
    const history = series('2024-10-01', '2025-10-31', () => 100);
    // 11-03 is closed: the next working days are 11-04 (Tuesday), carrying Monday's 100, and 11-05.
    const dates = nextWorkingDays('2025-10-31', 2);
    expect(dates).toEqual(['2025-11-04', '2025-11-05']);
    const [tue, wed] = forecastSeries(history, dates);
    near(tue!.p50, 200, 0.08);
    near(wed!.p50, 100, 0.08);
  });

  it('learns how much of a holiday’s volume a series carries over (half here)', () => {
    const history = series('2024-10-01', '2025-10-31', () => 100, 0.5);
    const [after] = forecastSeries(history, ['2025-11-04']);
    near(after!.p50, 150, 0.08);
  });

  it('carries a holiday’s volume even with no holiday in a short history', () => {
    // 10-14 carries スポーツの日; the history starts after 秋分の日 (09-23), whose carry-over it never saw.
    const history = series('2025-09-25', '2025-10-10', () => 100);
    expect(history.length).toBe(12);
    const [after] = forecastSeries(history, ['2025-10-14']);
    near(after!.p50, 200, 0.1);
  });

  it('learns the start-of-month peak and the weekday pattern', () => {
    const week = [0, 1.2, 1.0, 1.0, 1.0, 0.8];
    const peak = (d: string): number => (workingDayOfMonth(d) === 1 ? 2 : workingDayOfMonth(d) === 2 ? 1.5 : 1);
    const history = series('2024-09-02', '2025-09-30', (d) => 200 * week[dayOfWeek(d)]! * peak(d));
    const dates = nextWorkingDays('2025-09-30', 8); // 10-01 (Wed, 1st working day) … 10-10
    const f = new Map(forecastSeries(history, dates).map((x) => [x.date, x.p50]));
    near(f.get('2025-10-01')!, 400, 0.08); // Wednesday, first working day: ×2
    near(f.get('2025-10-02')!, 300, 0.08); // Thursday, second: ×1.5
    near(f.get('2025-10-03')!, 160, 0.08); // Friday: ×0.8
    near(f.get('2025-10-06')!, 240, 0.08); // Monday: ×1.2
  });

  it('follows a level shift within days, and an unusual day does not move it', () => {
    const history = series('2024-10-01', '2025-10-24', (d) => (d >= '2025-10-14' ? 140 : 100));
    const shifted = forecastSeries(history, ['2025-10-27', '2025-10-28']);
    for (const f of shifted) near(f.p50, 140, 0.06);
    const spike = series('2024-10-01', '2025-10-24', () => 100).map((v) => (v.date === '2025-10-23' ? { ...v, value: 300 } : v));
    for (const f of forecastSeries(spike, ['2025-10-27', '2025-10-28'])) near(f.p50, 100, 0.06);
  });

  it('keeps the level through days the site stopped (an outage), and follows a client lost or work moved away', () => {
    // 100 a day; a system outage keys 4, 0 and 12 on 10-21..23 (work waits), then 10-24 keys 100 again.
    const outage = series('2024-10-01', '2025-10-24', () => 100).map((v) =>
      v.date >= '2025-10-21' && v.date <= '2025-10-23' ? { ...v, value: [4, 0, 12][Number(v.date.slice(8)) - 21]! } : v,
    );
    // Clipped like any unusual days, the three move the level a little, never to almost nothing (it jumped to 4 before).
    for (const f of forecastSeries(outage, ['2025-10-27', '2025-10-28'])) near(f.p50, 100, 0.25);
    // Half the work gone for good is a new level, followed within days.
    const lost = series('2024-10-01', '2025-10-24', (d) => (d >= '2025-10-14' ? 50 : 100));
    for (const f of forecastSeries(lost, ['2025-10-27', '2025-10-28'])) near(f.p50, 50, 0.06);
    // The process moved to another site on 10-14: 8 a day for good. Four days in it still reads as an
    // outage; more than a week of it (six working days by 10-21) is the new level.
    const moved = series('2024-10-01', '2025-10-24', (d) => (d >= '2025-10-14' ? 8 : 100));
    for (const f of forecastSeries(
      moved.filter((v) => v.date <= '2025-10-17'),
      ['2025-10-20'],
    ))
      near(f.p50, 100, 0.25);
    for (const f of forecastSeries(moved, ['2025-10-27', '2025-10-28'])) near(f.p50, 8, 0.1);
  });

  it('reaches the band to the level two days in a row point to, before the level itself jumps', () => {
    // 100 a day; the last days of the history key 160 (a client added, or two unusual days).
    const from = (d: string) => series('2024-10-01', '2025-10-24', (x) => (x >= d ? 160 : 100));
    const [one] = forecastSeries(from('2025-10-24'), ['2025-10-27']);
    const [two] = forecastSeries(from('2025-10-23'), ['2025-10-27']);
    const [three] = forecastSeries(from('2025-10-22'), ['2025-10-27']);
    // One day out is an unusual day: the band stays about the level.
    near(one!.p50, 100, 0.1);
    expect(one!.p90).toBeLessThan(130);
    // Two: the level stays until a third, but the band holds the 160 they point to.
    near(two!.p50, 100, 0.1);
    expect(two!.p90).toBeGreaterThan(150);
    near(two!.p10, one!.p10, 0.05);
    // Three: the level has jumped.
    near(three!.p50, 160, 0.1);
  });

  it('keys the work of a long closure at the site’s capacity over the days after it, as its history did', () => {
    // 100 a day; the closed weekdays' work waits, and the site keys at most 150 a day: after the
    // year-end closure (four or five weekdays) it keys 150 for a week and more, never 500 at once.
    const rnd = createRandom(3);
    const history: DailyValue[] = [];
    let backlog = 0;
    for (const date of datesBetween('2024-06-03', '2025-12-26')) {
      const dow = dayOfWeek(date);
      if (!isWorkingDay(date)) {
        if (dow >= 1 && dow <= 5) backlog += 100;
        continue;
      }
      const keyed = Math.min(150, 100 + backlog);
      backlog -= keyed - 100;
      history.push({ date, value: Math.round(keyed * Math.exp(rnd.normal(0, 0.03))) });
    }
    const days = nextWorkingDays('2025-12-26', 5);
    expect(days[0]).toBe('2026-01-05');
    for (const f of forecastSeries(history, days)) near(f.p50, 150, 0.12);
  });

  it('follows a weekly batch that moved to another weekday after three weeks, and keeps a weekday that had one unusual week', () => {
    // 100 a day and a client's batch of 100 on Mondays; from 2025-09-22 the batch comes on Thursdays instead.
    const moved = series('2024-10-01', '2025-10-24', (d) => 100 + ((d >= '2025-09-22' ? dayOfWeek(d) === 4 : dayOfWeek(d) === 1) ? 100 : 0));
    const [mon, , , thu] = forecastSeries(moved, ['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30']);
    near(mon!.p50, 100, 0.15);
    near(thu!.p50, 200, 0.1);
    // Two Mondays of it are not yet a change: the Monday share stays.
    const [early] = forecastSeries(
      moved.filter((v) => v.date <= '2025-10-03'),
      ['2025-10-06'],
    );
    expect(early!.p50).toBeGreaterThan(150);
    // Three Thursdays of it are: the next Thursday gets the batch.
    const [third] = forecastSeries(
      moved.filter((v) => v.date <= '2025-10-10'),
      ['2025-10-16'],
    );
    near(third!.p50, 200, 0.1);
    // One Monday without its batch is an unusual day, not a new pattern.
    const once = series('2024-10-01', '2025-10-24', (d) => 100 + (dayOfWeek(d) === 1 && d !== '2025-10-20' ? 100 : 0));
    near(forecastSeries(once, ['2025-10-27'])[0]!.p50, 200, 0.1);
  });

  it('reads a missing working day as unknown, not zero', () => {
    const full = series('2025-04-01', '2025-10-24', () => 100);
    const gappy = full.filter((_, i) => i % 4 !== 1 && i < full.length - 3).concat(full.slice(-3));
    const [a] = forecastSeries(gappy, ['2025-10-27']);
    near(a!.p50, 100, 0.06);
  });

  it('gives bands around the median that hold most outcomes and never go below zero', () => {
    const history = series('2024-10-01', '2025-10-24', () => 50, 1, 3);
    for (const f of forecastSeries(history, nextWorkingDays('2025-10-24', 10))) {
      expect(f.p10).toBeGreaterThanOrEqual(0);
      expect(f.p10).toBeLessThan(f.p50);
      expect(f.p90).toBeGreaterThan(f.p50);
      // Noise of 3 %: the band is a few items wide, not tens.
      expect(f.p90 - f.p10).toBeLessThan(0.25 * f.p50);
    }
  });

  it('forecasts zero for a series of zeros', () => {
    const zeros = series('2025-06-02', '2025-07-31', () => 0);
    for (const f of forecastSeries(zeros, nextWorkingDays('2025-07-31', 3))) expect([f.p10, f.p50]).toEqual([0, 0]);
  });

  it('throws ShortHistoryError below 10 days and forecasts from 10', () => {
    const history = series('2025-06-02', '2025-06-13', () => 80);
    expect(history.length).toBe(10);
    expect(() => forecastSeries(history.slice(1), ['2025-06-16'])).toThrow(ShortHistoryError);
    const [f] = forecastSeries(history, ['2025-06-16']);
    near(f!.p50, 80, 0.1);
  });
});
