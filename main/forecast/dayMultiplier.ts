import type { DayFeatures } from './dayFeatures.js';

/**
 * A day's expected work as a multiple of the level, from the calendar factors that fitFactors
 * (calendarFactors.ts) measures: alone, or in a run of days where a closure's backlog is keyed at
 * the site's capacity (fitCapacity.ts).
 */

/** Multiplicative factors of the calendar; the level is in items per ordinary mid-month day of an average weekday. */
export interface Factors {
  dow: number[];
  bucket: Map<string, number>;
  /** Per calendar day of the month (1–31): a cut-off on the 10th, a peak on the 1st to 5th; 1 where none was seen. */
  dom: number[];
  /** Whether a closed day's calendar-day effect lands on the working day before it (a cut-off brought forward) rather than after. */
  domBefore: boolean;
  /** Share of a closed weekday's usual work that arrives on the next working day (1: all of it). */
  carry: number;
  /**
   * The most the site keys in a day, as a multiple of the level (Infinity: never seen to bind).
   * Work carried over a closure beyond it waits for the next days: a backlog keyed at this pace.
   */
  cap: number;
}

/** The strongest calendar-day effect among the days a working day answers for: a peak moved onto it lands whole. */
export function domFactor(f: Factors, d: DayFeatures): number {
  let best = 1;
  for (const k of f.domBefore ? [d.doms[0]!, ...d.domsAfter] : d.doms) {
    const g = f.dom[k] ?? 1;
    if (Math.abs(Math.log(g)) > Math.abs(Math.log(best))) best = g;
  }
  return best;
}

/** A day's own work, as a multiple of the level: its weekday, place in the month and calendar day. */
export function own(f: Factors, d: DayFeatures): number {
  return f.dow[d.dow]! * (f.bucket.get(d.bucket) ?? 1) * domFactor(f, d);
}

/** The work a day receives from the weekdays closed just before it, as a multiple of the level. */
function carriedIn(f: Factors, d: DayFeatures): number {
  let carried = 0;
  for (const dow of d.carriedDows) carried += f.dow[dow]!;
  return f.carry * carried;
}

/**
 * A day's expected work as a multiple of the level, on its own (no backlog from the days before):
 * own(f, d) + carriedIn(f, d), written out. A plan forecasts every series in a fresh process, where
 * the fits call this some hundred thousand times before V8 optimizes it, and the two calls made the
 * demo's cold forecast measurably slower (docs/bench/2026-11-27-forecast-capacity.md).
 */
export function multiplier(f: Factors, d: DayFeatures): number {
  let carried = 0;
  for (const dow of d.carriedDows) carried += f.dow[dow]!;
  return f.dow[d.dow]! * (f.bucket.get(d.bucket) ?? 1) * domFactor(f, d) + f.carry * carried;
}

/**
 * The multipliers of consecutive open days: what a closure carries in is keyed at most up to the
 * site's capacity (f.cap) a day, and the rest waits for the next days. Without a capacity, each
 * day's multiplier alone.
 */
export function sequenceMultipliers(f: Factors, days: readonly DayFeatures[]): number[] {
  if (!Number.isFinite(f.cap)) return days.map((d) => multiplier(f, d));
  return keyedAt(
    f.cap,
    days.map((d) => own(f, d)),
    days.map((d) => carriedIn(f, d)),
  );
}

/** Each day's own work plus what it keys of the backlog, at most `cap` a day. */
function keyedAt(cap: number, mine: readonly number[], carried: readonly number[]): number[] {
  let backlog = 0;
  return mine.map((m, i) => {
    backlog += carried[i]!;
    const keyed = Math.max(m, Math.min(cap, m + backlog));
    backlog -= keyed - m;
    return keyed;
  });
}
