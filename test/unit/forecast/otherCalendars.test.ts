import { describe, expect, it } from 'vitest';
import type { DailyValue } from '../../../main/forecast/dailySeries.js';
import { backtest } from '../../../main/forecast/backtest.js';
import { forecastSeries } from '../../../main/forecast/forecastSeries.js';
import { learnedCalendar } from '../../../main/forecast/learnedCalendar.js';
import { ShortHistoryError } from '../../../main/forecast/shortHistoryError.js';
import { datesBetween, dayOfWeek, nextWorkingDays, type WorkCalendar } from '../../../main/forecast/workCalendar.js';

/**
 * Another company's days, made unlike the forecaster's own model: a base count plus additive
 * extras, with Poisson-like noise from a small generator of its own (a sum of uniform draws),
 * on a calendar given as open weekdays and closed dates.
 */
function company(opts: {
  from: string;
  to: string;
  open: number[];
  closed?: string[];
  base: number;
  extra?: (date: string) => number;
  zeros: boolean;
  seed?: number;
}) {
  let state = opts.seed ?? 12345;
  const uniform = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const noisy = (mean: number): number => Math.max(0, Math.round(mean + Math.sqrt(mean) * ((uniform() + uniform() + uniform() - 1.5) * 2)));
  const closed = new Set(opts.closed ?? []);
  const cal: WorkCalendar = { openWeekdays: new Set(opts.open), isOpen: (d) => opts.open.includes(dayOfWeek(d)) && !closed.has(d) };
  const rows: DailyValue[] = [];
  const mean = (d: string): number => opts.base + (opts.extra?.(d) ?? 0);
  for (const date of datesBetween(opts.from, opts.to)) {
    if (cal.isOpen(date)) rows.push({ date, value: noisy(mean(date)) });
    else if (opts.zeros) rows.push({ date, value: 0 });
  }
  return { rows, cal, mean };
}

describe('the forecast on another company’s calendar', () => {
  it('reads closed days written as 0 rows as it reads them left out: the same forecast, never 0/0', () => {
    const base = { from: '2024-04-01', to: '2025-09-30', open: [1, 2, 3, 4, 5, 6], base: 300, extra: (d: string) => (dayOfWeek(d) === 6 ? -150 : 0) };
    const withZeros = company({ ...base, zeros: true });
    const absent = company({ ...base, zeros: false });
    const dates = nextWorkingDays('2025-09-30', 6, withZeros.cal);
    expect(dates.map(dayOfWeek)).toEqual([3, 4, 5, 6, 1, 2]);
    const a = forecastSeries(withZeros.rows, dates, withZeros.cal);
    const b = forecastSeries(absent.rows, dates, absent.cal);
    expect(a).toEqual(b);
    for (const f of a) expect(Number.isFinite(f.p50) && f.p10 <= f.p50 && f.p50 <= f.p90).toBe(true);
    // Saturday's half day is learned as such.
    expect(a[3]!.p50 / a[2]!.p50).toBeGreaterThan(0.35);
    expect(a[3]!.p50 / a[2]!.p50).toBeLessThan(0.65);
  });

  it('closes a weekday whose rows are all 0 even when the calendar it was given opens it', () => {
    const { rows } = company({ from: '2024-04-01', to: '2025-09-30', open: [1, 2, 3, 4, 5], base: 200, zeros: true });
    // Every day of the week given as open: Saturday's and Sunday's rows are 0 in the file.
    const everyDay: WorkCalendar = { openWeekdays: new Set([0, 1, 2, 3, 4, 5, 6]), isOpen: () => true };
    const f = forecastSeries(rows, ['2025-10-03', '2025-10-04', '2025-10-06'], everyDay);
    expect(f.map((x) => Math.round(x.p50 / 10) * 10)).toEqual([200, 0, 200]);
  });

  it('learns a peak on a calendar date (a cut-off on the 10th) that falls on different weekdays each month', () => {
    const { rows, cal, mean } = company({
      from: '2023-10-02',
      to: '2025-09-30',
      open: [1, 2, 3, 4, 5],
      base: 400,
      extra: (d) => (Number(d.slice(8)) === 10 ? 600 : 0),
      zeros: false,
    });
    const tenth = ['2025-10-10', '2025-11-10', '2025-12-10'].filter((d) => cal.isOpen(d));
    for (const d of tenth) {
      const [f] = forecastSeries(rows, [d], cal);
      expect(Math.abs(f!.p50 - mean(d)) / mean(d), d).toBeLessThan(0.15);
    }
    const [plain] = forecastSeries(rows, ['2025-10-14'], cal);
    expect(Math.abs(plain!.p50 - 400) / 400).toBeLessThan(0.08);
  });

  it('learns the calendar of a file: Saturdays worked, Sundays written as 0, and not the Japanese holidays it works through', () => {
    const { rows } = company({ from: '2024-04-01', to: '2025-09-30', open: [1, 2, 3, 4, 5, 6], base: 120, zeros: true });
    const cal = learnedCalendar([{ key: 'x', values: rows }]);
    expect([...cal.openWeekdays].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    // 2025-09-15 is 敬老の日: this company worked it.
    expect(cal.isOpen('2025-09-15')).toBe(true);
    expect(cal.isOpen('2025-09-14')).toBe(false);
  });

  it('holds 75–85 % of outcomes inside P10–P90 on a series it was not built from', () => {
    const { rows, cal } = company({
      from: '2023-04-03',
      to: '2025-09-30',
      open: [1, 2, 3, 4, 5],
      base: 250,
      extra: (d) => (dayOfWeek(d) === 1 ? 80 : 0) + (Number(d.slice(8)) <= 3 ? 120 : 0),
      zeros: false,
      seed: 99,
    });
    const r = backtest([{ key: 'other', values: rows }], { origins: 120, horizon: 5, calendar: cal });
    expect(r.all.coverage).toBeGreaterThanOrEqual(0.75);
    expect(r.all.coverage).toBeLessThanOrEqual(0.85);
    expect(r.all.wape).toBeLessThan(r.all.naiveWape);
  });

  it('forecasts a series of one or two items a day, its Saturdays mostly 0, as figures within an item of the usual (the locked set’s first run gave NaN)', () => {
    // Saturdays a fifth of a weekday: most of them 0, as in a file of a small line.
    const { rows, cal } = company({
      from: '2024-01-08',
      to: '2025-09-30',
      open: [1, 2, 3, 4, 5, 6],
      base: 1.5,
      extra: (d) => (dayOfWeek(d) === 6 ? -1.2 : 0),
      zeros: true,
      seed: 5,
    });
    const zeroDays = rows.filter((r) => cal.isOpen(r.date) && r.value === 0).length / rows.filter((r) => cal.isOpen(r.date)).length;
    expect(zeroDays).toBeGreaterThan(0.2);
    for (const f of forecastSeries(rows, nextWorkingDays('2025-09-30', 6, cal), cal)) {
      expect(Number.isFinite(f.p10) && Number.isFinite(f.p50) && Number.isFinite(f.p90), JSON.stringify(f)).toBe(true);
      expect(f.p10 <= f.p50 && f.p50 <= f.p90).toBe(true);
      const usual = dayOfWeek(f.date) === 6 ? 0.3 : 1.5;
      expect(Math.abs(f.p50 - usual), `${f.date}: ${f.p50} against a mean of ${usual}`).toBeLessThan(1);
    }
  });

  it('refuses a history too short or empty with its error, never a number', () => {
    // Eleven rows, two of them a closed weekend written as 0: nine working days.
    const { rows, cal } = company({ from: '2025-09-01', to: '2025-09-30', open: [1, 2, 3, 4, 5], base: 50, zeros: true });
    expect(() => forecastSeries(rows.slice(0, 11), ['2025-10-01'], cal)).toThrow(ShortHistoryError);
    expect(() => forecastSeries([], ['2025-10-01'], cal)).toThrow(ShortHistoryError);
  });
});
