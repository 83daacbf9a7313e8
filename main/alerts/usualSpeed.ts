import type Database from 'better-sqlite3';
import type { ProcessProgress } from '../api/types.js';
import { median } from '../median.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The usual speed of a series at this time of day: the median items per minute over the
 * same half hour on up to 5 of the previous 14 days that were still working then, and the
 * same half hour a week ago. A day without snapshots is not a working day; nor is one whose
 * work was already done by that time (nothing remaining at the end of the half hour): its
 * speed there is zero or a tail because nothing was left, and counting it would make a
 * slowed process look as fast as usual. Null where fewer than 3 such days, or a week ago
 * had no data or no work left.
 */
export function usualSpeed(
  db: Database.Database,
  p: Pick<ProcessProgress, 'site' | 'process' | 'businessId' | 'snapshotTime'>,
): { usual: number | null; days: number; weekAgo: number | null } {
  const at = db.prepare(
    `SELECT entry_count, total_waiting FROM progress_snapshots WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time = ?`,
  );
  const speedAt = (t: number): number | null => {
    const a = at.get(p.site, p.process, p.businessId, t - 30 * MINUTE) as { entry_count: number } | undefined;
    const b = at.get(p.site, p.process, p.businessId, t) as { entry_count: number; total_waiting: number } | undefined;
    return a && b && b.total_waiting > 0 ? (b.entry_count - a.entry_count) / 30 : null;
  };
  const speeds: number[] = [];
  for (let d = 1; d <= 14 && speeds.length < 5; d++) {
    const s = speedAt(p.snapshotTime - d * DAY);
    if (s !== null) speeds.push(s);
  }
  return { usual: speeds.length >= 3 ? median(speeds) : null, days: speeds.length, weekAgo: speedAt(p.snapshotTime - 7 * DAY) };
}
