import type Database from 'better-sqlite3';
import type { ProcessProgress } from '../api/types.js';
import { median } from '../median.js';
import { speedOver } from '../store/progressSnapshots.js';
import { HOUR_MS } from '../api/durations.js';
import { addZonedDays } from '../config/zonedTime.js';

type Series = Pick<ProcessProgress, 'site' | 'process' | 'businessId'>;

/**
 * A window's speed against comparable windows: the same hours on up to 5 of the previous
 * 14 days that were working then (a day without snapshots is not a working day, nor one
 * whose work was already done in those hours), and a week ago. Every figure counts only
 * the stretches with work still remaining, the window's own included, so a day that ran
 * out of work early neither drags the usual down nor makes this window look slow (the store reader's one gap rule,
 * `store/progressSnapshots.ts` `speedOver`).
 * Only for windows of up to a day: a longer one has no "same hours" on other days. The days
 * are local days of the company's zone: the same hours are the same wall-clock hours, a week
 * ago is 15:10–15:40 a week ago also across a DST change.
 */
export function windowComparison(
  db: Database.Database,
  p: Series,
  from: number,
  to: number,
  timeZone: string,
): { perMinute: number | null; usual: number | null; days: number; weekAgo: number | null } {
  const perMinute = speedOver(db, p, from, to);
  if (to > addZonedDays(from, 1, timeZone)) return { perMinute, usual: null, days: 0, weekAgo: null };
  const back = (t: number, d: number): number => addZonedDays(t, -d, timeZone);
  const previous: number[] = [];
  for (let d = 1; d <= 14 && previous.length < 5; d++) {
    const s = speedOver(db, p, back(from, d), back(to, d));
    if (s !== null) previous.push(s);
  }
  return {
    perMinute,
    usual: previous.length >= 3 ? median(previous) : null,
    days: previous.length,
    weekAgo: speedOver(db, p, back(from, 7), back(to, 7)),
  };
}

/**
 * The speed of a series step by step over [from, to] (a trend): by hour (elapsed) for a window
 * of up to a local day, by local day for a longer one. Steps without two snapshots are left out.
 */
export function speedSteps(db: Database.Database, p: Series, from: number, to: number, timeZone: string): { from: number; perMinute: number }[] {
  const daily = to > addZonedDays(from, 1, timeZone);
  const next = (t: number): number => (daily ? addZonedDays(t, 1, timeZone) : t + HOUR_MS);
  const out: { from: number; perMinute: number }[] = [];
  for (let t = from; t < to; t = next(t)) {
    const s = speedOver(db, p, t, Math.min(to, next(t)));
    if (s !== null) out.push({ from: t, perMinute: s });
  }
  return out;
}
