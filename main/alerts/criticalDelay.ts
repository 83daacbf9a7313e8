import type { FloorDecision } from '../api/floorDecision.js';
import type { ProcessProgress } from '../api/types.js';

/** The move decided for this work that still stands (a move found short no longer covers it); null when none. */
export const decidedMove = (p: ProcessProgress): FloorDecision | null => (p.decision && p.decision.verdict !== 'short' ? p.decision : null);

/**
 * Whether work's delay is critical: late by `criticalLateMinutes` or more (or with no finish in
 * sight) and no move decided for it yet. One rule for every alert that speaks of a delay, the
 * delay itself and the surges that cause one, so that a cause is never more urgent than the
 * delay it brings (a 20-minute delay read as a warning beside a critical arrivals surge).
 */
export function isCriticalDelay(p: ProcessProgress, criticalLateMinutes: number): boolean {
  if (decidedMove(p) !== null || p.remaining <= 0 || (p.status !== 'late' && p.status !== 'stalled')) return false;
  return p.minutesLate === null || p.minutesLate >= criticalLateMinutes;
}
