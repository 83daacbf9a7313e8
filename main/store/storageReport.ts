import type Database from 'better-sqlite3';
import type { StorageReport } from '../api/types.js';
import { retentionPreview, type Retention } from './compactStore.js';

/**
 * Where the store's bytes are (each table with its indexes, from SQLite's dbstat) and what
 * retention would remove now: what `genba status` shows before compaction runs.
 */
export function storageReport(db: Database.Database, now: number, r: Retention): StorageReport {
  const rows = db
    .prepare(
      `SELECT COALESCE(m.tbl_name, s.name) AS name, SUM(s.pgsize) AS bytes FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name
       GROUP BY 1 ORDER BY bytes DESC`,
    )
    .all() as { name: string; bytes: number }[];
  return {
    tables: rows.filter((x) => !x.name.startsWith('sqlite_')),
    retention: { ...retentionPreview(db, now, r), keepRawDays: r.keepRawDays, keepAggregateDays: r.keepAggregateDays, keepSnapshotDays: r.keepSnapshotDays },
  };
}
