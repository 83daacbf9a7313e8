const MINUTE = 60_000;

/**
 * One rounding rule for every projected finish: to the minute, rounded up (the work is not
 * done before the last item is), so that the clock time shown and the minutes late or
 * spare shown beside it, computed from the same minute, always agree (15:57:47 is 15:58,
 * 2 minutes before 16:00, not "15:57, 2 minutes before").
 */
export function finishMinute(epochMs: number): number {
  return Math.ceil(epochMs / MINUTE) * MINUTE;
}
