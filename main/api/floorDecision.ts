/**
 * A move a manager approved (or approved in part) for one site, business and process: when and
 * by whom, who moved, the speed and finish the proposal promised for the people kept, and what
 * the snapshots taken since the moved people started say. The overview, the alert, the chat's
 * card and the approvals list all show this one record.
 */
export interface FloorDecision {
  suggestionId: string;
  action: 'approved' | 'modified';
  user: string;
  decidedAt: number;
  site: string;
  process: string;
  businessId: string;
  deadline: number;
  /** People moved in (after a modification: those kept). */
  moved: number;
  /** When the moved people start: the decision's snapshot plus the switch-over minutes. */
  startsAt: number;
  /** Items per minute and finish the proposal promised with the people moved. */
  promised: { perMinute: number; finish: number | null };
  /** From the snapshots since the move started; null until they span enough minutes to measure. */
  actual: { perMinute: number; finish: number | null; finished: boolean; from: number; to: number } | null;
  /** measuring: too early to tell; working: finishing as promised or by the deadline; short: later than both. */
  verdict: 'measuring' | 'working' | 'short';
}

/**
 * A line or alert whose decision holds: decided, and not yet measured to fall short. It reads as decided (what, when,
 * promised against measured), not as work to act on: no red lateness, no second consultation, not counted in a badge.
 */
export function decisionHolds(d: FloorDecision | null | undefined): boolean {
  return d != null && d.verdict !== 'short';
}
