/**
 * The rules of progress that need no SQL: the gap rule (which stretches between two snapshots count as work), the speed
 * over stretches of work, and the measures derived from progress (needed speed, projected finish, slack). The reads of
 * progress_snapshots (store/progressSnapshots.ts, the table's one home) apply them to the rows they read, and a caller
 * that already holds a series' snapshots (placement/floorDecisions.ts) applies them directly: one rule, whoever reads.
 */

const MINUTE = 60_000;

/**
 * Consecutive snapshots further apart than this are not one stretch of work: entry_count restarts each day, and the night
 * between two days is not time spent working slowly.
 */
export const MAX_GAP_MS = 3 * 3_600_000;

/** One snapshot of a series as the speed reads it: when it was taken, the day's items done, the items left. */
export interface SeriesPoint {
  t: number;
  done: number;
  remaining: number;
}

/** One stretch between two consecutive snapshots of a series that counts as work (see `countsAsWork`). */
export interface Stretch {
  from: number;
  to: number;
  items: number;
  perMinute: number;
}

/**
 * THE gap rule, the one place it is written. A stretch between two consecutive snapshots a → b counts towards a speed
 * only when:
 * - b is at most MAX_GAP_MS after a (a night or a closed day is not slow work),
 * - done did not go down (the day's counter restarted: a new day),
 * - work was still remaining at b. A series with nothing left is finished, not slow: once the day's work is done it
 *   stands still because nothing is left, and counting that time would report finished work as slowness (the stretch
 *   that ends on the last item is left out too: its minutes after the last item are idle, not work).
 */
function countsAsWork(a: { t: number; done: number }, b: { t: number; done: number; remaining: number }): boolean {
  return oneStretch(a, b) && b.remaining > 0;
}

/** The rule's first two terms: a → b is one stretch of one day (no night or closed day between, no restart of the counter). */
function oneStretch(a: { t: number; done: number }, b: { t: number; done: number }): boolean {
  return b.t > a.t && b.t - a.t <= MAX_GAP_MS && b.done >= a.done;
}

// ——— Speed ———

/** The stretches of snapshots (one series, in time order) that count as work by the gap rule. */
export const stretchesOf = (rows: readonly SeriesPoint[]): Stretch[] => {
  const out: Stretch[] = [];
  for (let k = 1; k < rows.length; k++) {
    const a = rows[k - 1]!;
    const b = rows[k]!;
    if (!countsAsWork(a, b)) continue;
    out.push({ from: a.t, to: b.t, items: b.done - a.done, perMinute: (b.done - a.done) / ((b.t - a.t) / MINUTE) });
  }
  return out;
};

/** Items per minute over stretches of work: their items over their minutes; null with none. */
export const speedOfStretches = (s: readonly Stretch[]): number | null => {
  const minutes = s.reduce((m, x) => m + (x.to - x.from) / MINUTE, 0);
  return minutes > 0 ? s.reduce((n, x) => n + x.items, 0) / minutes : null;
};

/** `speedOver` of snapshots already read (one series, in time order): the gap rule over their stretches; null with no stretch of work. */
export function speedAcross(points: readonly SeriesPoint[]): number | null {
  return speedOfStretches(stretchesOf(points));
}

/**
 * The speed of work that finished at the last of `points` (its first snapshot with nothing left): the gap rule's speed
 * over its stretches of work, which leaves out the stretch that ends on the last item. Work that finished within its
 * first stretch has no other: then that stretch's items over its minutes are what is known (it was at least that fast;
 * its minutes after the last item are idle), provided the stretch is one of work by the rule's other terms (no night or
 * closed day between, no restart of the day's counter). Null when nothing can be measured.
 */
export function speedToFinish(points: readonly SeriesPoint[]): number | null {
  const speed = speedAcross(points);
  const a = points.at(-2);
  const b = points.at(-1);
  if (speed !== null || !a || !b) return speed;
  return oneStretch(a, b) ? (b.done - a.done) / ((b.t - a.t) / MINUTE) : null;
}

// ——— The measures derived from progress, declared once: every screen and answer computes them here ———

/** Items per minute needed from `at` to finish `remaining` by `deadline`; null without a deadline, once it has passed, or with nothing left. */
export function neededSpeed(remaining: number, deadline: number | null, at: number): number | null {
  if (remaining <= 0 || deadline === null) return null;
  const minutesLeft = (deadline - at) / MINUTE;
  return minutesLeft > 0 ? remaining / minutesLeft : null;
}

/** When `remaining` items are done from `at` at `perMinute` (unrounded epoch ms); null with no speed (stalled, or not known). */
export function projectedFinish(remaining: number, perMinute: number | null, at: number): number | null {
  if (remaining <= 0) return at;
  return perMinute && perMinute > 0 ? at + (remaining / perMinute) * MINUTE : null;
}

/** Minutes from the projected finish to the deadline: positive is slack, negative is late. Null when either is unknown. */
export function slackMinutes(finish: number | null, deadline: number | null): number | null {
  return finish === null || deadline === null ? null : Math.round((deadline - finish) / MINUTE);
}
