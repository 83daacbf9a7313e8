import type Database from 'better-sqlite3';
import type { ProcessProgress } from '../api/types.js';
import { median } from '../median.js';
import { speedOver } from '../store/progressSnapshots.js';

const DAY = 86_400_000;

type Series = Pick<ProcessProgress, 'site' | 'process' | 'businessId'>;

/**
 * A window's speed against comparable windows: the same hours on up to 5 of the previous
 * 14 days that were working then (a day without snapshots is not a working day, nor one
 * whose work was already done in those hours), and a week ago. Every figure counts only
 * the stretches with work still remaining, the window's own included, so a day that ran
 * out of work early neither drags the usual down nor makes this window look slow (the store reader's one gap rule,
 * `store/progressSnapshots.ts` `speedOver`).
 * Only for windows of up to a day: a longer one has no "same hours" on other days.
 */
export function windowComparison(
  db: Database.Database,
  p: Series,
  from: number,
  to: number,
): { perMinute: number | null; usual: number | null; days: number; weekAgo: number | null } {
  const perMinute = speedOver(db, p, from, to);
  if (to - from > DAY) return { perMinute, usual: null, days: 0, weekAgo: null };
  const previous: number[] = [];
  for (let d = 1; d <= 14 && previous.length < 5; d++) {
    const s = speedOver(db, p, from - d * DAY, to - d * DAY);
    if (s !== null) previous.push(s);
  }
  return {
    perMinute,
    usual: previous.length >= 3 ? median(previous) : null,
    days: previous.length,
    weekAgo: speedOver(db, p, from - 7 * DAY, to - 7 * DAY),
  };
}

/**
 * The speed of a series step by step over [from, to] (a trend): by hour for a window of up
 * to a day, by day for a longer one. Steps without two snapshots are left out.
 */
export function speedSteps(db: Database.Database, p: Series, from: number, to: number): { from: number; perMinute: number }[] {
  const step = to - from > DAY ? DAY : 3_600_000;
  const out: { from: number; perMinute: number }[] = [];
  for (let t = from; t < to; t += step) {
    const s = speedOver(db, p, t, Math.min(to, t + step));
    if (s !== null) out.push({ from: t, perMinute: s });
  }
  return out;
}
