import type { DailySeries, DailyValue } from './dailySeries.js';
import { forecastSeries, MIN_HISTORY, type DayForecast } from './forecastSeries.js';
import { ShortHistoryError } from './shortHistoryError.js';
import { datesBetween, JAPANESE_OFFICE, nextWorkingDays, type WorkCalendar } from './workCalendar.js';

/** Anything that forecasts the next days of a series from its history and calendar (Genba's method, a peer's forecasts looked up). */
export type Forecaster = (history: DailyValue[], dates: string[], key: string, calendar: WorkCalendar) => DayForecast[];

const genba: Forecaster = (history, dates, _key, calendar) => forecastSeries(history, dates, calendar);

export interface BacktestOptions {
  /** How many of the series' last days are forecast origins (60). */
  origins?: number;
  /** Working days forecast from each origin (5). */
  horizon?: number;
  forecaster?: Forecaster;
  /** The series' working calendar (the Japanese office calendar unless told): which days are targets, and the week of the seasonal naive. */
  calendar?: WorkCalendar;
}

/** One forecast day scored: what was forecast at an origin for h working days later, and what came. */
export interface BacktestPoint {
  key: string;
  origin: string;
  date: string;
  h: number;
  actual: number;
  forecast: DayForecast;
  /** The seasonal naive forecast: the value 5 working days (a week) before, from the history the origin saw. */
  naive: number;
}

export interface Scores {
  /** Days scored. */
  n: number;
  /** Σ|actual − P50| / Σ actual. */
  wape: number;
  /** The same for the seasonal naive forecast. */
  naiveWape: number;
  /** Mean |actual − P50| over the series' in-sample mean |y(t) − y(t − 5 working days)|. */
  mase: number;
  /** Share of actuals inside [P10, P90]. */
  coverage: number;
}

export interface SeriesBacktest {
  key: string;
  /** The MASE scale: mean absolute seasonal-naive error on the history before the first origin. */
  scale: number;
  all: Scores;
  h1: Scores;
}

export interface BacktestReport {
  origins: number;
  horizon: number;
  series: SeriesBacktest[];
  all: Scores;
  h1: Scores;
}

/**
 * The calendar's working days from the series' first date to `last`, numbered: the index the seasonal
 * lag counts on, a week being as many working days as the calendar opens weekdays (5, 6 or 7).
 */
function ordinals(first: string, last: string, calendar: WorkCalendar): { at: Map<string, number>; dates: string[]; week: number } {
  const dates = datesBetween(first, last).filter((d) => calendar.isOpen(d));
  return { at: new Map(dates.map((d, i) => [d, i])), dates, week: Math.max(1, calendar.openWeekdays.size) };
}

/** The value `k` weeks of working days before, stepping back a further week while that day is missing (unknown, not zero). */
function weekBefore(date: string, weeks: number, cal: ReturnType<typeof ordinals>, values: Map<string, number>, upTo: string): number | null {
  const at = cal.at.get(date);
  if (at === undefined) return null;
  for (let i = at - weeks * cal.week; i >= 0; i -= cal.week) {
    const d = cal.dates[i]!;
    if (d <= upTo && values.has(d)) return values.get(d)!;
  }
  return null;
}

/** Mean absolute error of "same day last week" on the days up to `upTo`: MASE's denominator. */
function naiveScale(series: DailySeries, upTo: string, cal: ReturnType<typeof ordinals>, values: Map<string, number>): number {
  let sum = 0;
  let n = 0;
  for (const v of series.values) {
    if (v.date > upTo) break;
    const before = weekBefore(v.date, 1, cal, values, upTo);
    if (before === null) continue;
    sum += Math.abs(v.value - before);
    n++;
  }
  return n ? sum / n : NaN;
}

/** Scores of a set of points; `scales` gives each series' MASE denominator. NaN where undefined (no days, no volume). */
export function score(points: readonly BacktestPoint[], scales: ReadonlyMap<string, number>): Scores {
  let err = 0;
  let naiveErr = 0;
  let actual = 0;
  let scaled = 0;
  let inside = 0;
  for (const p of points) {
    err += Math.abs(p.actual - p.forecast.p50);
    naiveErr += Math.abs(p.actual - p.naive);
    actual += p.actual;
    scaled += Math.abs(p.actual - p.forecast.p50) / (scales.get(p.key) ?? NaN);
    if (p.actual >= p.forecast.p10 && p.actual <= p.forecast.p90) inside++;
  }
  const n = points.length;
  return { n, wape: err / actual, naiveWape: naiveErr / actual, mase: scaled / n, coverage: inside / n };
}

/**
 * The positions of a series' origins, `[first, end)`: its last `origins` days but the very last
 * (nothing after it to score), each with at least MIN_HISTORY days behind it. A peer's bench
 * forecasts from the same ones.
 */
export function originRange(length: number, origins: number): [number, number] {
  return [Math.max(MIN_HISTORY - 1, length - 1 - origins), Math.max(0, length - 1)];
}

/** Every point of a rolling-origin backtest of one series, with its MASE scale. */
export function backtestPoints(series: DailySeries, options: BacktestOptions = {}): { points: BacktestPoint[]; scale: number } {
  const originCount = options.origins ?? 60;
  const horizon = options.horizon ?? 5;
  const forecaster = options.forecaster ?? genba;
  const calendar = options.calendar ?? JAPANESE_OFFICE;
  const vs = series.values;
  if (vs.length === 0) return { points: [], scale: NaN };
  const values = new Map(vs.map((v) => [v.date, v.value]));
  const lastTarget = nextWorkingDays(vs.at(-1)!.date, horizon, calendar).at(-1)!;
  const cal = ordinals(vs[0]!.date, lastTarget, calendar);
  const [first, end] = originRange(vs.length, originCount);
  const points: BacktestPoint[] = [];
  for (let o = first; o < end; o++) {
    const origin = vs[o]!.date;
    const dates = nextWorkingDays(origin, horizon, calendar);
    let forecasts: DayForecast[];
    try {
      forecasts = forecaster(vs.slice(0, o + 1), dates, series.key, calendar);
    } catch (e) {
      // An early origin whose rows are mostly closed days (written as 0) has too little history yet: no forecast to score.
      if (e instanceof ShortHistoryError) continue;
      throw e;
    }
    dates.forEach((date, i) => {
      const actual = values.get(date);
      // A day missing from the series is unknown: nothing to score. Same for a day with no week before it.
      const naive = weekBefore(date, Math.ceil((i + 1) / cal.week), cal, values, origin);
      if (actual === undefined || naive === null) return;
      points.push({ key: series.key, origin, date, h: i + 1, actual, forecast: forecasts[i]!, naive });
    });
  }
  return { points, scale: first < vs.length ? naiveScale(series, vs[first]!.date, cal, values) : NaN };
}

/**
 * Rolling-origin backtest: from each of the last `origins` days of every series, forecast the
 * next `horizon` working days from the history up to that day alone, and score them against
 * what came: WAPE beside the seasonal naive's, MASE, P10–P90 coverage; per series and pooled
 * (volume-weighted), all horizons and horizon 1 alone.
 */
export function backtest(series: readonly DailySeries[], options: BacktestOptions = {}): BacktestReport {
  const all: BacktestPoint[] = [];
  const scales = new Map<string, number>();
  const perSeries = series.map((s) => {
    const { points, scale } = backtestPoints(s, options);
    scales.set(s.key, scale);
    all.push(...points);
    const one = new Map([[s.key, scale]]);
    return {
      key: s.key,
      scale,
      all: score(points, one),
      h1: score(
        points.filter((p) => p.h === 1),
        one,
      ),
    };
  });
  return {
    origins: options.origins ?? 60,
    horizon: options.horizon ?? 5,
    series: perSeries,
    all: score(all, scales),
    h1: score(
      all.filter((p) => p.h === 1),
      scales,
    ),
  };
}
