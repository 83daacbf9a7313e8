import { median } from '../median.js';
import type { DailyValue } from './dailySeries.js';
import { dayFeatures, type DayFeatures } from './dayFeatures.js';
import { quantile } from './quantile.js';
import { ShortHistoryError } from './shortHistoryError.js';
import { addDays, JAPANESE_OFFICE, type WorkCalendar } from './workCalendar.js';

import type { DayForecast } from '../api/planTypes.js';
export type { DayForecast } from '../api/planTypes.js';

/** Below this many days of history there is no week to learn from: forecastSeries throws ShortHistoryError. */
export const MIN_HISTORY = 10;
/** About fourteen months of working days: every month position seen a dozen times, every holiday once; older days only slow the fit. */
const MAX_HISTORY = 300;
/** Half-width, in days, of the centred running median the factors are measured against: a month, so a month-start peak sits inside it. */
const LEVEL_HALF_WIDTH = 10;
/** How fast the trailing level follows new days (exponential smoothing weight). */
const ALPHA = 0.15;
/** Residuals beyond this many robust standard deviations are clipped before they move the level: one unusual day barely moves it. */
const CLIP_SD = 2.5;
/** This many days in a row this far out on one side are a new level, not unusual days: the level jumps to them. */
const SHIFT_RUN = 3;
const SHIFT_SD = 2.5;
/** How many past origins the interval's errors are measured on. */
const INNER_ORIGINS = 120;
/** Fewer errors than this for a horizon: the horizons' errors are pooled. */
const MIN_ERRORS = 12;
/** The longest horizon the intervals are measured for; further days use its errors. */
const MAX_HORIZON = 10;
/**
 * The inner errors are a forecast's real ones: the calendar factors they use are refitted on the
 * history before each block of this many inner origins (factors fitted on all the history would
 * know the days they are scored on, and the band came out too narrow: 67 % inside a P10–P90).
 */
const REFIT_EVERY = 20;

/** Multiplicative factors of the calendar; the level is in items per ordinary mid-month day of an average weekday. */
interface Factors {
  dow: number[];
  bucket: Map<string, number>;
  /** Per calendar day of the month (1–31): a cut-off on the 10th, a peak on the 1st to 5th; 1 where none was seen. */
  dom: number[];
  /** Whether a closed day's calendar-day effect lands on the working day before it (a cut-off brought forward) rather than after. */
  domBefore: boolean;
  /** Share of a closed weekday's usual work that arrives on the next working day (1: all of it). */
  carry: number;
}

/** The strongest calendar-day effect among the days a working day answers for: a peak moved onto it lands whole. */
function domFactor(f: Factors, d: DayFeatures): number {
  let best = 1;
  for (const k of f.domBefore ? [d.doms[0]!, ...d.domsAfter] : d.doms) {
    const g = f.dom[k] ?? 1;
    if (Math.abs(Math.log(g)) > Math.abs(Math.log(best))) best = g;
  }
  return best;
}

function multiplier(f: Factors, d: DayFeatures): number {
  let carried = 0;
  for (const dow of d.carriedDows) carried += f.dow[dow]!;
  return f.dow[d.dow]! * (f.bucket.get(d.bucket) ?? 1) * domFactor(f, d) + f.carry * carried;
}

/**
 * Below this many items a day the median of a window of counts moves in whole items and is often
 * 0: the window's mean is the level there (a series of 2 items a day with a third of its days at 0).
 */
const SMALL_COUNTS = 5;
/** No calendar factor goes below this share of an average day: a ratio of a few items is often 0 by chance, and a factor of 0 made every forecast 0/0. */
const MIN_FACTOR = 0.05;
const factor = (x: number): number => (Number.isFinite(x) ? Math.max(MIN_FACTOR, x) : 1);

/** The median of each centred window of ±`half` values (cut at the ends; its mean under SMALL_COUNTS), by one sorted window slid along: the forecast refits it at every block of inner origins. */
function runningMedian(xs: number[], half: number): number[] {
  const win: number[] = [];
  const at = (v: number): number => {
    let lo = 0;
    let hi = win.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (win[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out: number[] = [];
  let from = 0;
  let to = 0;
  for (let i = 0; i < xs.length; i++) {
    const end = Math.min(xs.length, i + half + 1);
    for (; to < end; to++) win.splice(at(xs[to]!), 0, xs[to]!);
    for (; from < Math.max(0, i - half); from++) win.splice(at(xs[from]!), 1);
    const m = win.length >> 1;
    const med = win.length % 2 ? win[m]! : (win[m - 1]! + win[m]!) / 2;
    out.push(med >= SMALL_COUNTS ? med : win.reduce((a, b) => a + b, 0) / win.length);
  }
  return out;
}

/** Mean after clipping to the median ± 3 MADs, and the clipped values' variance: a robust mean that still uses every day. */
function clippedMean(xs: number[]): { mean: number; variance: number } {
  const med = median(xs);
  const mad = 1.4826 * median(xs.map((x) => Math.abs(x - med))) || 1e-9;
  const c = xs.map((x) => Math.min(med + 3 * mad, Math.max(med - 3 * mad, x)));
  const mean = c.reduce((s, x) => s + x, 0) / c.length;
  const variance = c.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, c.length - 1);
  return { mean, variance };
}

/** The least day-to-day variance an effect is judged against: one or two days that happen to agree are not certainty. */
const MIN_VARIANCE = 0.01;

/**
 * An effect measured on a few days is pulled toward `prior` by how sure it is: a clear peak
 * (t large) keeps nearly all of itself, noise around the prior (t near 1) keeps about half.
 */
function shrunk(xs: number[], prior: number, doubt = 1): number {
  if (xs.length === 0) return prior;
  const { mean, variance } = clippedMean(xs);
  const t2 = (xs.length * (mean - prior) ** 2) / Math.max(variance, MIN_VARIANCE);
  return prior + (t2 / (t2 + doubt)) * (mean - prior);
}

/**
 * A calendar day of the month has an effect in few companies and 31 chances to look like one by
 * luck: its evidence is asked to be twice as strong (t² against 4, not 1) before it keeps half.
 */
const DOM_DOUBT = 4;

/**
 * Backfitting: a centred running median of the calendar-adjusted values is the local level;
 * each factor is then measured as the ratio of the days it concerns to that level, the others
 * held fixed. Three rounds settle it.
 */
function fitFactors(y: number[], days: DayFeatures[]): { factors: Factors; level: number[] } {
  const factors: Factors = { dow: [1, 1, 1, 1, 1, 1, 1], bucket: new Map(), dom: [], domBefore: false, carry: 1 };
  let level = runningMedian(y, LEVEL_HALF_WIDTH);
  for (let round = 0; round < 3; round++) {
    if (round > 0)
      level = runningMedian(
        y.map((v, i) => v / multiplier(factors, days[i]!)),
        LEVEL_HALF_WIDTH,
      );
    const plain = (i: number): boolean => level[i]! > 0 && days[i]!.carriedDows.length === 0;

    const byDow: number[][] = [[], [], [], [], [], [], []];
    for (let i = 0; i < y.length; i++) if (plain(i)) byDow[days[i]!.dow]!.push(y[i]! / (level[i]! * (factors.bucket.get(days[i]!.bucket) ?? 1)));
    const known = byDow.map((r) => r.length >= 2);
    // A weekday's ratio is a median, but a mean for a series of a few items a day (a median of small counts is 0, 1 or 2).
    const small = median(level) < SMALL_COUNTS;
    const raw = byDow.map((r, d) => (known[d] ? (small ? r.reduce((a, b) => a + b, 0) / r.length : median(r)) : 1));
    // The level is an average weekday's: the weekdays' factors average 1 (a worked Saturday is measured against them).
    const weekdays = [1, 2, 3, 4, 5].filter((d) => known[d]);
    const mean = weekdays.length ? weekdays.reduce((s, d) => s + raw[d]!, 0) / weekdays.length : 1;
    factors.dow = raw.map((r, d) => (known[d] ? factor(r / mean) : 1));

    const byBucket = new Map<string, number[]>();
    for (let i = 0; i < y.length; i++) {
      const b = days[i]!.bucket;
      if (b === 'mid' || !plain(i)) continue;
      const list = byBucket.get(b) ?? [];
      list.push(y[i]! / (level[i]! * factors.dow[days[i]!.dow]!));
      byBucket.set(b, list);
    }
    // A series of a few items a day has too few items on any one place in the month to measure it: its weekdays only.
    factors.bucket = small ? new Map() : new Map([...byBucket].map(([b, r]) => [b, factor(shrunk(r, 1))]));

    // Calendar days of the month, on the days that answer for themselves alone; then whether a closed
    // day's effect shows on the working day before it or after it, whichever the history fits better.
    const byDom: number[][] = Array.from({ length: 32 }, () => []);
    for (let i = 0; i < y.length; i++) {
      const d = days[i]!;
      if (!plain(i) || d.doms.length > 1 || d.domsAfter.length > 0) continue;
      byDom[d.doms[0]!]!.push(y[i]! / (level[i]! * factors.dow[d.dow]! * (factors.bucket.get(d.bucket) ?? 1)));
    }
    factors.dom = small ? [] : byDom.map((r) => factor(shrunk(r, 1, DOM_DOUBT)));
    const misfit = (before: boolean): number => {
      const f = { ...factors, domBefore: before };
      let e = 0;
      for (let i = 0; i < y.length; i++)
        if (level[i]! > 0 && (days[i]!.doms.length > 1 || days[i]!.domsAfter.length > 0))
          e += Math.abs(Math.log((y[i]! + 1) / (level[i]! * multiplier(f, days[i]!) + 1)));
      return e;
    };
    factors.domBefore = misfit(true) < misfit(false);

    // After a holiday: how much of the closed days' usual work came in beyond the day's own, prior "all of it".
    const carried: number[] = [];
    for (let i = 0; i < y.length; i++) {
      const d = days[i]!;
      if (d.carriedDows.length === 0 || !(level[i]! > 0)) continue;
      const own = factors.dow[d.dow]! * (factors.bucket.get(d.bucket) ?? 1);
      const usual = d.carriedDows.reduce((s, dow) => s + factors.dow[dow]!, 0);
      carried.push((y[i]! / level[i]! - own) / usual);
    }
    const carry = shrunk(carried, 1);
    factors.carry = Number.isFinite(carry) ? Math.min(3, Math.max(0, carry)) : 1;
  }
  return { factors, level };
}

/**
 * The level after each day, looking only backwards: exponential smoothing of the calendar-
 * adjusted values with outliers clipped, and a jump to a new level when several days in a row
 * sit far on one side (a client added, a process moved) so a shift is followed in days, not weeks.
 */
function trailingLevels(z: number[], sd: number): number[] {
  let level = median(z.slice(0, 5));
  let run: number[] = [];
  let runSign = 0;
  return z.map((x) => {
    const rel = level > 0 ? (x - level) / level : x > 0 ? Infinity : 0;
    const sign = Math.sign(rel);
    if (Math.abs(rel) > SHIFT_SD * sd) {
      run = sign === runSign ? [...run, x] : [x];
      runSign = sign;
      if (run.length >= SHIFT_RUN) {
        level = median(run);
        run = [];
        runSign = 0;
        return level;
      }
    } else {
      run = [];
      runSign = 0;
    }
    const limit = CLIP_SD * sd * level;
    level += ALPHA * Math.min(limit, Math.max(-limit, x - level));
    return level;
  });
}

/** Working days from `from` (excluded) to `to` (included); at least 1. */
function workingDaysAfter(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to && n < MAX_HORIZON; d = addDays(d, 1)) if (cal.isOpen(d)) n++;
  return Math.max(1, n);
}

/** A weekday with this share or more of its rows at zero, with work on other weekdays, is closed: its zeros are no days of work. */
const CLOSED_WEEKDAY_ZEROS = 0.95;

/**
 * The calendar as this series shows it: a weekday the calendar opens but whose rows are all zeros
 * (a file that writes its closed Sundays as 0) is closed too. Before, such a weekday got a factor
 * of 0 and every forecast became 0/0.
 */
function seriesCalendar(history: DailyValue[], cal: WorkCalendar): WorkCalendar {
  const rows = [0, 0, 0, 0, 0, 0, 0];
  const zeros = [0, 0, 0, 0, 0, 0, 0];
  for (const v of history) {
    const dow = dayFeatures(v.date, cal).dow;
    rows[dow]!++;
    if (v.value === 0) zeros[dow]!++;
  }
  const closed = new Set([0, 1, 2, 3, 4, 5, 6].filter((d) => rows[d]! >= 4 && zeros[d]! >= CLOSED_WEEKDAY_ZEROS * rows[d]!));
  if (closed.size === 0 || closed.size === 7 || [...cal.openWeekdays].every((d) => closed.has(d))) return cal;
  const openWeekdays = new Set([...cal.openWeekdays].filter((d) => !closed.has(d)));
  return { openWeekdays, isOpen: (date) => cal.isOpen(date) && !closed.has(dayFeatures(date, cal).dow) };
}

/**
 * The items expected on each of `dates` (working days after the history), from the history
 * alone: level × day-of-week factor × month-position factor × calendar-day factor, plus the work
 * of the weekdays closed just before (holidays: their volume arrives on the next working day). The
 * P10–P90 band comes from this series' own out-of-sample errors at each horizon over its last 120
 * origins.
 *
 * `cal` is the company's working calendar (the Japanese office calendar unless told). A row on a
 * closed day with no items is a closed day, not a day of work: it is left out, as an absent row
 * is; a weekday whose rows are all zero is closed; a date asked for that the calendar closes is
 * forecast as 0. A row with items on a closed day (a Saturday worked) is one more day of history.
 *
 * History shorter than MIN_HISTORY working days throws ShortHistoryError. A short one (a few
 * weeks) still forecasts: factors measured on too few days fall back to 1 (or are pulled toward
 * it), which leaves a calendar-aware mean. Missing working days are unknown, never zero.
 */
export function forecastSeries(history: DailyValue[], dates: string[], calendar: WorkCalendar = JAPANESE_OFFICE): DayForecast[] {
  for (let i = 0; i < history.length; i++) {
    const v = history[i]!.value;
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`forecastSeries: not a count on ${history[i]!.date}: ${v}`);
    if (i > 0 && history[i]!.date <= history[i - 1]!.date) throw new RangeError(`forecastSeries: history not ascending at ${history[i]!.date}`);
  }
  const cal = seriesCalendar(history, calendar);
  const worked = history.filter((v) => v.value > 0 || cal.isOpen(v.date));
  if (worked.length < MIN_HISTORY) throw new ShortHistoryError(worked.length, MIN_HISTORY);
  const recent = worked.slice(-MAX_HISTORY);
  const y = recent.map((v) => v.value);
  const days = recent.map((v) => dayFeatures(v.date, cal));
  const { factors, level } = fitFactors(y, days);
  const mult = days.map((d) => multiplier(factors, d));
  const z = y.map((v, i) => v / Math.max(mult[i]!, 1e-9));
  const rel = z.flatMap((v, i) => (level[i]! > 0 ? [v / level[i]! - 1] : []));
  const sd = Math.max(0.02, rel.length ? 1.4826 * median(rel.map((r) => Math.abs(r - median(rel)))) : 0.1);
  const levels = trailingLevels(z, sd);

  // The errors this method made on this series at each horizon, origin by origin, in log(1 + items),
  // each block of origins with calendar factors refitted on the history before it.
  const lastDate = recent.at(-1)!.date;
  const horizons = Math.min(MAX_HORIZON, Math.max(1, ...dates.map((d) => workingDaysAfter(lastDate, d, cal))));
  const errors: number[][] = Array.from({ length: horizons + 1 }, () => []);
  const firstOrigin = Math.max(4, y.length - 1 - INNER_ORIGINS);
  for (let block = firstOrigin; block < y.length - 1; block += REFIT_EVERY) {
    const past = block + 1 >= MIN_HISTORY ? fitFactors(y.slice(0, block + 1), days.slice(0, block + 1)).factors : factors;
    const pastMult = days.map((d) => multiplier(past, d));
    const pastLevels = trailingLevels(
      y.slice(0, block + REFIT_EVERY).map((v, i) => v / Math.max(pastMult[i]!, 1e-9)),
      sd,
    );
    for (let o = block; o < Math.min(block + REFIT_EVERY, y.length - 1); o++)
      for (let h = 1; h <= horizons && o + h < y.length; h++) errors[h]!.push(Math.log((y[o + h]! + 1) / (pastLevels[o]! * pastMult[o + h]! + 1)));
  }
  const pooled = errors.flat();

  const last = levels.at(-1)!;
  return dates.map((date) => {
    if (!cal.isOpen(date)) return { date, p10: 0, p50: 0, p90: 0 };
    const h = Math.min(horizons, workingDaysAfter(lastDate, date, cal));
    const p50 = last * multiplier(factors, dayFeatures(date, cal));
    const e = errors[h]!.length >= MIN_ERRORS ? errors[h]! : pooled;
    // Too few errors to read a band from: a normal band as wide as the day-to-day scatter.
    const [lo, hi] = e.length >= MIN_ERRORS ? [quantile(e, 0.1), quantile(e, 0.9)] : [-1.2816 * Math.max(sd, 0.1), 1.2816 * Math.max(sd, 0.1)];
    return {
      date,
      p10: Math.max(0, (p50 + 1) * Math.exp(Math.min(0, lo)) - 1),
      p50,
      p90: (p50 + 1) * Math.exp(Math.max(0, hi)) - 1,
    };
  });
}
