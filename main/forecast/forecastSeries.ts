import { median } from '../median.js';
import { CHANGE_RUN, CHANGE_SD, fitFactors } from './calendarFactors.js';
import { multiplier, sequenceMultipliers } from './dayMultiplier.js';
import type { DailyValue } from './dailySeries.js';
import { dayFeatures } from './dayFeatures.js';
import { seriesCalendar } from './learnedCalendar.js';
import { bandScale, scaledBand, type OriginError } from './bandScale.js';
import { ShortHistoryError } from './shortHistoryError.js';
import { addDays, JAPANESE_OFFICE, type WorkCalendar } from './workCalendar.js';

import type { DayForecast } from '../api/planTypes.js';
export type { DayForecast } from '../api/planTypes.js';

/** Below this many days of history there is no week to learn from: forecastSeries throws ShortHistoryError. */
export const MIN_HISTORY = 10;
/** About fourteen months of working days: every month position seen a dozen times, every holiday once; older days only slow the fit. */
const MAX_HISTORY = 300;
/** How fast the trailing level follows new days (exponential smoothing weight). */
const ALPHA = 0.15;
/** Residuals beyond this many robust standard deviations are clipped before they move the level: one unusual day barely moves it. */
const CLIP_SD = 2.5;
/**
 * A day that keyed less than this share of the level may be a day the site stopped (a system
 * outage, a closure its calendar does not know): the work still arrived and waits. A site rarely
 * loses four fifths of its work overnight; when it does (its process moved to another site), the
 * low days go on past any outage, and after more than a week of them the level follows.
 */
const STOPPED = 0.2;
/**
 * This many days in a row far out on one side (CHANGE_SD), short of a jump: the level may already
 * have moved there, and the band reaches the level they point to as well. One such day is as
 * often an unusual day (a band that reached every one was wider on quiet series, for nothing).
 */
const PENDING_RUN = 2;
/** How many past origins the interval's errors are measured on. */
const INNER_ORIGINS = 120;
/** Fewer errors than this for a horizon: the horizons' errors are pooled. */
const MIN_ERRORS = 12;
/** The longest horizon the intervals are measured for; further days use its errors. */
const MAX_HORIZON = 10;
/**
 * The inner errors are a forecast's real ones: the calendar factors they use are refitted on the
 * history before each block of this many inner origins (factors fitted on all the history would
 * know the days they are scored on, and the band came out too narrow: docs/bench/
 * 2026-11-26-forecast-band-calibration.md).
 */
const REFIT_EVERY = 20;

/**
 * The level after each day, looking only backwards: exponential smoothing of the calendar-
 * adjusted values with outliers clipped, and a jump to a new level when several days in a row
 * sit far on one side (a client added, a process moved) so a shift is followed in days, not weeks;
 * a run with days the site stopped (STOPPED) jumps only once it lasts longer than `week`, the
 * calendar's open days in a week.
 */
function trailingLevels(z: number[], sd: number, week: number): { levels: number[]; pending: number[] } {
  let level = median(z.slice(0, 5));
  let run: number[] = [];
  let runSign = 0;
  // The level a run in progress points to after each day (NaN: no run of PENDING_RUN days).
  const pending: number[] = [];
  const levels = z.map((x) => {
    pending.push(NaN);
    const rel = level > 0 ? (x - level) / level : x > 0 ? Infinity : 0;
    const sign = Math.sign(rel);
    // CHANGE_RUN days in a row this far out on one side are a new level, not unusual days: the level jumps to them.
    // A run with days the site stopped is an outage until it outlasts a week: three days of an
    // outage made the level jump to almost nothing and the forecast promise an empty week just when
    // the backlog came (set C's outage series). Never jumping (locked set E's one run) kept a site
    // whose process had moved away at its old level for weeks; an outage that outlasts a week is work
    // gone (bench `forecast-blind-c`, `forecast-blind-e`: docs/bench/2026-11-27-forecast-stopped-days.md).
    if (Math.abs(rel) > CHANGE_SD * sd) {
      run = sign === runSign ? [...run, x] : [x];
      runSign = sign;
      if (run.length >= (run.some((v) => v < STOPPED * level) ? week + 1 : CHANGE_RUN)) {
        level = median(run);
        run = [];
        runSign = 0;
        return level;
      }
      if (run.length >= PENDING_RUN) pending[pending.length - 1] = median(run);
    } else {
      run = [];
      runSign = 0;
    }
    const limit = CLIP_SD * sd * level;
    level += ALPHA * Math.min(limit, Math.max(-limit, x - level));
    return level;
  });
  return { levels, pending };
}

/** How far the band reaches past itself, in log(1 + items), to hold the level a run in progress points to: [down ≤ 0, up ≥ 0]. */
function reach(pending: number, level: number, mult: number): [number, number] {
  if (!Number.isFinite(pending)) return [0, 0];
  const d = Math.log((pending * mult + 1) / (level * mult + 1));
  return [Math.min(0, d), Math.max(0, d)];
}

/** Working days from `from` (excluded) to `to` (included); at least 1. */
function workingDaysAfter(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to && n < MAX_HORIZON; d = addDays(d, 1)) if (cal.isOpen(d)) n++;
  return Math.max(1, n);
}

/**
 * The items expected on each of `dates` (working days after the history), from the history
 * alone: level × day-of-week factor × month-position factor × calendar-day factor, plus the work
 * of the weekdays closed just before (holidays: their volume arrives on the next working day, or
 * over the days after at the site's capacity where its history shows one: fitCapacity). The
 * P10–P90 band comes from this series' own out-of-sample errors at each horizon over its last 120
 * origins, widened (or narrowed) by bandScale until it would have held 80 % of them had it been
 * read that way all along (as read, it held too little on other companies' series: docs/bench/
 * 2026-11-26-forecast-band-calibration.md). It also reaches the
 * level that a run in progress points to (PENDING_RUN).
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
  const mult = sequenceMultipliers(factors, days);
  const z = y.map((v, i) => v / Math.max(mult[i]!, 1e-9));
  const rel = z.flatMap((v, i) => (level[i]! > 0 ? [v / level[i]! - 1] : []));
  const mid = rel.length ? median(rel) : 0;
  const sd = Math.max(0.02, rel.length ? 1.4826 * median(rel.map((r) => Math.abs(r - mid))) : 0.1);
  const week = Math.max(1, cal.openWeekdays.size);
  const { levels, pending } = trailingLevels(z, sd, week);

  // The errors this method made on this series at each horizon, origin by origin, in log(1 + items),
  // each block of origins with calendar factors refitted on the history before it.
  const lastDate = recent.at(-1)!.date;
  // Every horizon, whatever is asked: a day must get the same band asked alone or with others (the pooled errors read them all).
  const horizons = MAX_HORIZON;
  const errors: OriginError[][] = Array.from({ length: horizons + 1 }, () => []);
  const firstOrigin = Math.max(4, y.length - 1 - INNER_ORIGINS);
  for (let block = firstOrigin; block < y.length - 1; block += REFIT_EVERY) {
    const past = block + 1 >= MIN_HISTORY ? fitFactors(y.slice(0, block + 1), days.slice(0, block + 1)).factors : factors;
    const pastMult = sequenceMultipliers(past, days);
    const { levels: pastLevels, pending: pastPending } = trailingLevels(
      y.slice(0, block + REFIT_EVERY).map((v, i) => v / Math.max(pastMult[i]!, 1e-9)),
      sd,
      week,
    );
    for (let o = block; o < Math.min(block + REFIT_EVERY, y.length - 1); o++)
      for (let h = 1; h <= horizons && o + h < y.length; h++) {
        const [down, up] = reach(pastPending[o]!, pastLevels[o]!, pastMult[o + h]!);
        errors[h]!.push({ o, e: Math.log((y[o + h]! + 1) / (pastLevels[o]! * pastMult[o + h]! + 1)), down, up });
      }
  }
  const pooled = errors.flat();
  // Each horizon's band is scaled on its own record (a day further ahead misses in its own way).
  const scales = new Map<number, number>();
  const scaleAt = (h: number): number => scales.get(h) ?? scales.set(h, bandScale(errors[h]!, h, 0.1, 0.9, 0.8)).get(h)!;

  const last = levels.at(-1)!;
  // The open days from the history's end to the last date asked, after the history's own: a backlog left by a closure runs on into them.
  const asked = dates.filter((d) => d > lastDate).sort();
  const ahead: string[] = [];
  for (let d = addDays(lastDate, 1); asked.length > 0 && d <= asked.at(-1)!; d = addDays(d, 1)) if (cal.isOpen(d)) ahead.push(d);
  const aheadMult = sequenceMultipliers(factors, [...days, ...ahead.map((d) => dayFeatures(d, cal))]).slice(days.length);
  const multOf = new Map(ahead.map((d, i) => [d, aheadMult[i]!]));
  return dates.map((date) => {
    if (!cal.isOpen(date)) return { date, p10: 0, p50: 0, p90: 0 };
    const h = Math.min(horizons, workingDaysAfter(lastDate, date, cal));
    const mult = multOf.get(date) ?? multiplier(factors, dayFeatures(date, cal));
    const p50 = last * mult;
    const e = errors[h]!.length >= MIN_ERRORS ? errors[h]! : pooled;
    // Too few errors to read a band from: a normal band as wide as the day-to-day scatter.
    const [lo, hi] =
      e.length >= MIN_ERRORS
        ? scaledBand(
            e.map((x) => x.e),
            e === pooled ? 1 : scaleAt(h),
            0.1,
            0.9,
          )
        : [-1.2816 * Math.max(sd, 0.1), 1.2816 * Math.max(sd, 0.1)];
    const [down, up] = reach(pending.at(-1)!, last, mult);
    return { date, p10: Math.max(0, (p50 + 1) * Math.exp(lo + down) - 1), p50, p90: (p50 + 1) * Math.exp(hi + up) - 1 };
  });
}
