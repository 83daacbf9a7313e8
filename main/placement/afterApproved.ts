import type { ProcessProgress } from '../api/types.js';
import type { ApprovedMove } from './approvedMoves.js';

const MINUTE = 60_000;

/**
 * The target as it stands with today's approved movers who are not in its measured speed
 * yet: their speed added, and the items they miss while still switching over added back to
 * the work left, so that `finishWith` and `shortfall` on it give the finish and the shortage
 * with them on the line from their own start. (With speed v, movers adding a from s minutes
 * and new people adding x from sw ≥ s minutes, the items done by minute m are
 * (v + a)·m − a·s + x·(m − sw): the same as a line at v + a with a·s more items to do.)
 * `movers` counts every person approved today for the work, measured or not.
 */
export function afterApproved(
  t: ProcessProgress,
  approved: readonly ApprovedMove[],
  switchMinutes: number,
): { target: ProcessProgress; joiningPerMinute: number; movers: number } {
  const pending = approved.filter((m) => m.pending && t.remaining > 0);
  const movers = approved.reduce((n, m) => n + m.movers.length, 0);
  if (pending.length === 0) return { target: t, joiningPerMinute: 0, movers };
  const joining = pending.reduce((a, m) => a + m.addedPerMinute, 0);
  const missed = pending.reduce((a, m) => a + m.addedPerMinute * Math.min(switchMinutes, Math.max(0, (m.startsAt - t.snapshotTime) / MINUTE)), 0);
  const speed = Math.max(0, t.speedPerMinute ?? 0) + joining;
  return { target: { ...t, speedPerMinute: speed, remaining: t.remaining + missed }, joiningPerMinute: joining, movers };
}
