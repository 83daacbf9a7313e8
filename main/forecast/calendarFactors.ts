import { median } from '../median.js';
import type { DayFeatures } from './dayFeatures.js';
import { domFactor, multiplier, type Factors } from './dayMultiplier.js';
import { fitCapacity } from './fitCapacity.js';
import { shrunk } from './shrunk.js';

/**
 * The calendar factors of the forecast (forecastSeries.ts): day of the week, place in the month,
 * calendar day of the month and the work carried over a closure, fitted against a centred running
 * level by backfitting. Kept apart from the level and the interval, which use them.
 */

/** Half-width, in days, of the centred running median the factors are measured against: a month, so a month-start peak sits inside it. */
const LEVEL_HALF_WIDTH = 10;

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

/**
 * A calendar day of the month has an effect in few companies and 31 chances to look like one by
 * luck: its evidence is asked to be twice as strong (t² against 4, not 1) before it keeps half.
 */
const DOM_DOUBT = 4;

/**
 * Backfitting: a centred running median of the calendar-adjusted values is the local level;
 * each factor is then measured as the ratio of the days it concerns to that level, the others
 * held fixed. Three rounds settle it; then whether the days after closures were keyed at a
 * capacity (fitCapacity).
 */
export function fitFactors(y: number[], days: DayFeatures[]): { factors: Factors; level: number[] } {
  const factors: Factors = { dow: [1, 1, 1, 1, 1, 1, 1], bucket: new Map(), dom: [], domBefore: false, carry: 1, cap: Infinity };
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
    // The level is an average weekday's: the weekdays' factors average 1 (a worked Saturday is
    // measured against them). A weekday that then follows a change (followWeekdayChanges) keeps its new share against this level.
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
  fitCapacity(y, days, level, factors);
  // A series of a few items a day moves in whole items: three low days in a row of it are common, so the test
  // fires with no change (docs/bench/2026-11-26-forecast-weekday-changes.md), as for the places in the month.
  if (median(level) >= SMALL_COUNTS) followWeekdayChanges(y, days, factors, level);
  return { factors, level };
}

/**
 * A change, not chance: this many in a row, each more than this many robust standard deviations
 * out on the same side (for normal, independent residuals about once in two million per test; a
 * fit tests each open weekday). forecastSeries.ts moves its level on it; followWeekdayChanges a
 * weekday's factor.
 */
export const CHANGE_RUN = 3;
export const CHANGE_SD = 2.5;

/**
 * A weekday's share comes from its senders' and carriers' schedules, and those change: a courier
 * that delivers on other days, a client that moves its weekly batch. Fitted over fourteen months,
 * the old share would hold for half a year; the change test marks a weekday's last three plain
 * days (holidays and the days after closures skipped) as its new share. The new share is used on
 * the whole history, so that weekday's older days read as unusual ones and widen the scatter the
 * level's own tests use (docs/bench/2026-11-26-forecast-weekday-changes.md): left so, for now.
 * Replaces a weekday's factor by the median of its last CHANGE_RUN plain days when all of them sit
 * far on one side of it.
 */
function followWeekdayChanges(y: number[], days: DayFeatures[], factors: Factors, level: number[]): void {
  const plain = (i: number): boolean => level[i]! > 0 && days[i]!.carriedDows.length === 0;
  // The day-to-day scatter around the fitted calendar, as the level's test reads it.
  const rel: number[] = [];
  for (let i = 0; i < y.length; i++) if (plain(i)) rel.push(y[i]! / (level[i]! * multiplier(factors, days[i]!)) - 1);
  if (rel.length < 10) return;
  const mid = median(rel);
  const sd = Math.max(0.02, 1.4826 * median(rel.map((r) => Math.abs(r - mid))));
  for (let dow = 0; dow < 7; dow++) {
    const recent: number[] = [];
    for (let i = y.length - 1; i >= 0 && recent.length < CHANGE_RUN; i--) {
      if (days[i]!.dow !== dow || !plain(i)) continue;
      recent.push(y[i]! / (level[i]! * (factors.bucket.get(days[i]!.bucket) ?? 1) * domFactor(factors, days[i]!)));
    }
    if (recent.length < CHANGE_RUN) continue;
    const f = factors.dow[dow]!;
    const off = recent.map((q) => q / f - 1);
    if (off.every((o) => o > CHANGE_SD * sd) || off.every((o) => o < -CHANGE_SD * sd)) factors.dow[dow] = factor(median(recent));
  }
}
