import type Database from 'better-sqlite3';
import { localDate } from '../config/zonedTime.js';

/** The line a person works now: their site, and the process and business today's assignment puts them on. */
export interface PersonLine {
  site: string;
  process: string;
  businessId: string | null;
}

/**
 * Where each person named works now, by today's assignments (the latest started at or before now): what a what-if
 * about them leaving («小川さんが今帰ったら», "what if Ogawa goes home?") takes them from. Null for a name with no
 * assignment now (off today, or finished), so the answer can say so instead of guessing a line.
 */
export function personLines(db: Database.Database, names: readonly string[], now: number, timeZone: string): Map<string, PersonLine | null> {
  const row = db.prepare(
    `SELECT a.location_name AS site, a.process_name AS process, a.business_id AS businessId
       FROM daily_assignments a JOIN operators o ON o.operator_id = a.operator_id
      WHERE o.operator_name = ? AND o.is_valid = 1 AND a.assignment_date = ? AND a.start_time <= ? AND a.end_time > ?
      ORDER BY a.start_time DESC, a.assignment_id DESC LIMIT 1`,
  );
  const day = localDate(now, timeZone);
  return new Map(names.map((name) => [name, (row.get(name, day, now, now) as PersonLine | undefined) ?? null]));
}
