import type Database from 'better-sqlite3';
import { median } from '../median.js';
import { latestSnapshots } from '../store/progressSnapshots.js';
import { HOURS_24_MS } from '../api/durations.js';

/** SQLite's order of text (by code point), so the list reads as it did in SQL. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The newest snapshot at or before `now` of each site, process and business, narrowed by what the request named. */
export function correctionWaiting(
  db: Database.Database,
  now: number,
  f: { site: string | null; process: string | null; businessId: string | null },
): { site: string; process: string; businessId: string; waiting: number; at: number }[] {
  const named = (x: string | null): string[] => (x === null ? [] : [x]);
  // A lookback, not a calendar day: a series with no snapshot in the last 24 hours of elapsed time is stale, not waiting.
  return latestSnapshots(db, now - HOURS_24_MS + 1, now, { site: named(f.site), process: named(f.process), business: named(f.businessId) })
    .map((s) => ({ site: s.site, process: s.process, businessId: s.businessId, waiting: s.correction, at: s.at }))
    .sort((a, b) => b.waiting - a.waiting || byCode(a.site, b.site) || byCode(a.process, b.process));
}

/** Items a minute one person adds to a process: the mean of its valid operators at the site (else anywhere), from their capability rows. */
export function perPersonPerMinute(db: Database.Database, site: string, process: string): number {
  const avg = db
    .prepare(
      `SELECT AVG(CASE WHEN o.location_name = ? THEN c.average_speed END) AS here, AVG(c.average_speed) AS anywhere
       FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id
       WHERE o.is_valid = 1 AND c.process_name = ?`,
    )
    .get(site, process) as { here: number | null; anywhere: number | null };
  return (avg.here ?? avg.anywhere ?? 0) / 60;
}

/**
 * The spread of speed between the people of a site who can do a process: their registered
 * speeds (items per hour, from their capability rows). The store keeps progress per site,
 * process and business only, so this is what "per operator" can mean here.
 */
export function operatorSpread(
  db: Database.Database,
  site: string,
  process: string,
): { people: number; minPerHour: number; medianPerHour: number; maxPerHour: number } | null {
  const speeds = (
    db
      .prepare(
        `SELECT MAX(c.average_speed) AS v FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id
         WHERE o.is_valid = 1 AND o.location_name = ? AND c.process_name = ? GROUP BY o.operator_id ORDER BY v`,
      )
      .all(site, process) as { v: number }[]
  ).map((r) => r.v);
  if (speeds.length === 0) return null;
  return { people: speeds.length, minPerHour: speeds[0]!, medianPerHour: median(speeds), maxPerHour: speeds.at(-1)! };
}

/** Proposals decided since `from`, newest first: what was moved where, and the decision. */
export function decisionsSince(
  db: Database.Database,
  from: number,
): { id: string; decidedAt: number; status: 'approved' | 'rejected' | 'modified'; site: string; process: string; moves: number }[] {
  return db
    .prepare(
      `SELECT suggestion_id AS id, decided_at AS decidedAt, status, json_extract(proposal, '$.site') AS site, json_extract(proposal, '$.process') AS process,
         COALESCE((SELECT SUM(json_extract(c.value, '$.count')) FROM json_each(proposal, '$.changes') c), 0) AS moves
       FROM proposals WHERE status <> 'open' AND decided_at >= ? ORDER BY decided_at DESC`,
    )
    .all(from) as { id: string; decidedAt: number; status: 'approved' | 'rejected' | 'modified'; site: string; process: string; moves: number }[];
}
