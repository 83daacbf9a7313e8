import type { DailySeries } from '../../main/forecast/dailySeries.js';
import { addDays, datesBetween, dayOfWeek, isWorkingDay, workingDayOfMonth } from '../../main/forecast/workCalendar.js';
import { createRandom, type Random } from '../../main/sync/demo/random.js';

/**
 * Daily arrivals of known shapes for the forecast bench, from a seed. Written against the
 * working calendar directly (not the forecast's own features) so the model has to find the
 * pattern rather than share its code. The volume of closed weekdays (holidays, the year-end
 * closure) arrives on the next working day, as claims do.
 */
export interface Shape {
  name: string;
  /** Locked shapes are run once, at the end; the method is never tuned on them. */
  locked: boolean;
  description: string;
  seed: number;
  series: () => DailySeries[];
}

interface Recipe {
  /** Items on an average mid-month weekday at the start. */
  base: number;
  /** Monday … Friday. */
  dow: [number, number, number, number, number];
  /** Factor for a day's place in the month: `start` 1 = the first working day, `end` 1 = the last. */
  month?: (start: number, end: number) => number;
  /** Growth per year (0.1: +10 %). */
  trendPerYear?: number;
  /** From this date on, the volume is multiplied by `factor`. */
  shift?: { from: string; factor: number };
  /** Day-to-day multiplicative noise (log sd). */
  noise: number;
  /** Chance a day is unusual (a system outage halves it, a batch from a client doubles it). */
  unusual: number;
  /** Counts drawn from a Poisson around the expectation (low volumes), rather than rounded. */
  poisson?: boolean;
}

export const BENCH_END = '2025-10-22';
export const BENCH_START = addDays(BENCH_END, -400);

function poisson(rnd: Random, lambda: number): number {
  if (lambda > 50) return Math.max(0, Math.round(rnd.normal(lambda, Math.sqrt(lambda))));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rnd.next(); p > limit; p *= rnd.next()) k++;
  return k;
}

function workingDaysToMonthEnd(date: string): number {
  let n = 1;
  for (let d = addDays(date, 1); d.slice(0, 7) === date.slice(0, 7); d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

function generate(key: string, r: Recipe, rnd: Random): DailySeries {
  const values: DailySeries['values'] = [];
  const dates = datesBetween(BENCH_START, BENCH_END);
  const t0 = Date.parse(BENCH_START);
  // The expectation of an ordinary day of that weekday, before the month's pattern: what a closed day would have brought.
  const usual = (date: string): number => {
    const years = (Date.parse(date) - t0) / (365 * 86_400_000);
    const shift = r.shift && date >= r.shift.from ? r.shift.factor : 1;
    return r.base * (1 + (r.trendPerYear ?? 0) * years) * shift * r.dow[dayOfWeek(date) - 1]!;
  };
  let carried = 0;
  for (const date of dates) {
    const dow = dayOfWeek(date);
    if (!isWorkingDay(date)) {
      if (dow >= 1 && dow <= 5) carried += usual(date);
      continue;
    }
    const month = r.month ? r.month(workingDayOfMonth(date), workingDaysToMonthEnd(date)) : 1;
    let expected = usual(date) * month + carried;
    carried = 0;
    expected *= Math.exp(rnd.normal(0, r.noise));
    if (rnd.chance(r.unusual)) expected *= rnd.pick([0.3, 0.5, 1.8, 2.2]);
    values.push({ date, value: r.poisson ? poisson(rnd, expected) : Math.max(0, Math.round(expected)) });
  }
  return { key, values };
}

const DEMO_WEEK: Recipe['dow'] = [1.15, 1.05, 1.0, 0.95, 0.85];
const receiptPeak = (start: number): number => [1, 1.8, 1.4, 1.15][start] ?? 1;
const KEYS = ['札幌/医療レセプト/エントリ1', '大阪/医療レセプト/ベリファイ', '品川/保険請求/エントリ2'];

function shape(name: string, locked: boolean, description: string, seed: number, recipes: Recipe[]): Shape {
  return {
    name,
    locked,
    description,
    seed,
    series: () => {
      const rnd = createRandom(seed);
      return recipes.map((r, i) => generate(KEYS[i]!, r, rnd));
    },
  };
}

/** A date about 40 working days before the bench's end: inside the backtest's 60 origins, so they see the shift happen. */
const SHIFT_FROM = '2025-08-25';

export const FORECAST_SHAPES: Shape[] = [
  shape(
    'demo-like',
    false,
    'weekday pattern, start-of-month peak, holidays carried, +12 %/yr, unusual days',
    11,
    [1200, 600, 250].map((base) => ({ base, dow: DEMO_WEEK, month: receiptPeak, trendPerYear: 0.12, noise: 0.07, unusual: 0.015 })),
  ),
  shape(
    'monday-heavy',
    false,
    'Monday heavy, Friday light, no monthly cycle',
    12,
    [900, 400, 150].map((base) => ({ base, dow: [1.45, 1.1, 1.0, 0.9, 0.55], noise: 0.08, unusual: 0.01 })),
  ),
  shape(
    'level-shift',
    false,
    `+40 % from ${SHIFT_FROM}, mild start-of-month peak`,
    13,
    [700, 300, 120].map((base) => ({
      base,
      dow: DEMO_WEEK,
      month: (s: number) => (s === 1 ? 1.3 : 1),
      shift: { from: SHIFT_FROM, factor: 1.4 },
      noise: 0.07,
      unusual: 0.01,
    })),
  ),
  shape(
    'month-end',
    true,
    'peak on the last two working days of the month',
    101,
    [800, 350, 100].map((base) => ({ base, dow: [1.05, 1, 1, 1, 0.95], month: (_s: number, e: number) => [1, 1.7, 1.35][e] ?? 1, noise: 0.08, unusual: 0.01 })),
  ),
  shape(
    'low-volume',
    true,
    'Poisson counts of about 5–20 a day, weekday pattern and start-of-month peak',
    102,
    [12, 8, 5].map((base) => ({ base, dow: DEMO_WEEK, month: (s: number) => (s === 1 ? 1.5 : 1), noise: 0.1, unusual: 0.01, poisson: true })),
  ),
  shape(
    'decline',
    true,
    '−25 %/yr with the start-of-month peak',
    103,
    [1000, 500, 200].map((base) => ({ base, dow: DEMO_WEEK, month: receiptPeak, trendPerYear: -0.25, noise: 0.07, unusual: 0.01 })),
  ),
];
