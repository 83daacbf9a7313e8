import Database from 'better-sqlite3';
import { join } from 'node:path';

const MINUTE = 60_000;

/** One piece of work: a site, a business and a process. */
export interface Work {
  site: string;
  businessId: string;
  process: string;
}

/**
 * The snapshots people produce after a move: from the work's latest snapshot, one every 5
 * minutes at `perMinute` items a minute until `until` (never past its last item), in the
 * store of `dataDir`. Returns the time of that latest snapshot, where they start from.
 */
export function addSnapshotsAtPace(dataDir: string, w: Work, perMinute: number, until: number): number {
  const db = new Database(join(dataDir, 'genba.sqlite'));
  try {
    const last = db
      .prepare(
        `SELECT snapshot_time AS t, total_waiting AS left, entry_count AS done, expected_completion_time AS deadline FROM progress_snapshots
          WHERE location_name = ? AND process_name = ? AND business_id = ? ORDER BY snapshot_time DESC LIMIT 1`,
      )
      .get(w.site, w.process, w.businessId) as { t: number; left: number; done: number; deadline: number };
    const insert = db.prepare(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let t = last.t + 5 * MINUTE; t <= until; t += 5 * MINUTE) {
      const done = Math.min(last.left, Math.round(((t - last.t) / MINUTE) * perMinute));
      insert.run(t, w.site, w.businessId, w.process, last.deadline, last.left - done, last.done + done);
    }
    return last.t;
  } finally {
    db.close();
  }
}

/** Items a minute between the first and the last snapshot of the work in [from, to], straight from SQL. */
export function speedBetween(dataDir: string, w: Work, from: number, to: number): number {
  const db = new Database(join(dataDir, 'genba.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT snapshot_time AS t, entry_count AS done FROM progress_snapshots
          WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time BETWEEN ? AND ? ORDER BY snapshot_time`,
      )
      .all(w.site, w.process, w.businessId, from, to) as { t: number; done: number }[];
    const a = rows[0]!;
    const b = rows[rows.length - 1]!;
    return (b.done - a.done) / ((b.t - a.t) / MINUTE);
  } finally {
    db.close();
  }
}
