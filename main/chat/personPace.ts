import type Database from 'better-sqlite3';
import type { ProcessProgress } from '../api/types.js';
import { localDate } from '../config/zonedTime.js';
import type { MoveSide } from '../placement/moveImpact.js';
import { perPersonPerMinute } from './storeFacts.js';

/** What one person adds to or takes from a line, and what it was worked out from. */
export interface PersonPace {
  perMinute: number;
  /** The line's speed now and the people on it now, when the pace is theirs; null: the registered mean of its people. */
  measured: { lineSpeed: number; people: number } | null;
}

/**
 * Items a minute one person adds to (or takes from) a side of a move: the line's speed now divided by the people today's
 * assignments put on it now, where both are known; else the mean registered speed of the process's people there. A line
 * slowed today (an OCR failure, a hard batch) loses and gains at today's pace per person: 11 people at 3.7 items a
 * minute are 0.34 each, not their registered 0.5, so two leaving cost 0.67 a minute, not 1.0.
 */
export function personPace(db: Database.Database, series: readonly ProcessProgress[], at: MoveSide, now: number, timeZone: string): PersonPace {
  const open = series.filter(
    (p) => p.site === at.site && p.process === at.process && p.status !== 'done' && (!at.businessId || p.businessId === at.businessId),
  );
  const lineSpeed = open.reduce((s, p) => s + Math.max(0, p.speedPerMinute ?? 0), 0);
  const businesses = open.map((p) => p.businessId);
  const people =
    businesses.length === 0
      ? 0
      : (
          db
            .prepare(
              `SELECT COUNT(DISTINCT operator_id) AS n FROM daily_assignments
                WHERE assignment_date = ? AND location_name = ? AND process_name = ? AND start_time <= ? AND end_time > ?
                  AND (business_id IS NULL OR business_id IN (${businesses.map(() => '?').join(',')}))`,
            )
            .get(localDate(now, timeZone), at.site, at.process, now, now, ...businesses) as { n: number }
        ).n;
  if (lineSpeed > 0 && people > 0) return { perMinute: lineSpeed / people, measured: { lineSpeed, people } };
  return { perMinute: perPersonPerMinute(db, at.site, at.process), measured: null };
}
