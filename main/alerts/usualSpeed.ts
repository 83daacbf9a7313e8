import type Database from 'better-sqlite3';
import type { ProcessProgress } from '../api/types.js';
import { windowComparison } from './windowSpeed.js';

const MINUTE = 60_000;

/**
 * The usual speed of a series at this time of day: the speed over the half hour before its snapshot on up to 5 of the
 * previous 14 days that were working then, and a week ago (`windowComparison`). Each speed counts only the stretches with
 * work still remaining (the store reader's one gap rule): a day whose work was already done had nothing left, and
 * counting it would make a slowed process look as fast as usual. Null where fewer than 3 such days, or a week ago had no
 * data or no work left.
 */
export function usualSpeed(
  db: Database.Database,
  p: Pick<ProcessProgress, 'site' | 'process' | 'businessId' | 'snapshotTime'>,
  timeZone: string,
): { usual: number | null; days: number; weekAgo: number | null } {
  const { usual, days, weekAgo } = windowComparison(db, p, p.snapshotTime - 30 * MINUTE, p.snapshotTime, timeZone);
  return { usual, days, weekAgo };
}
