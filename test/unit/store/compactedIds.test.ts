import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compactedIdTest, idRuns, LOOKBACK_ID_SPAN, recordCompactedIds } from '../../../main/store/compactedIds.js';
import { migrate } from '../../../main/store/migration.js';

describe('compacted ids', () => {
  it('keeps runs of consecutive ids only: an id that never arrived stays a gap', () => {
    expect(idRuns([7, 3, 4, 5, 9, 10])).toEqual([
      [3, 5],
      [7, 7],
      [9, 10],
    ]);
    expect(idRuns([])).toEqual([]);
  });

  it('merges runs that touch or overlap across compactions, and answers for a batch without a query when nothing is that new', () => {
    const db = new Database(':memory:');
    migrate(db);
    recordCompactedIds(db, 'app_logs', [10, 11, 12, 20]);
    recordCompactedIds(db, 'app_logs', [13, 14, 19, 30]);
    recordCompactedIds(db, 'progress_snapshots', [15]);
    expect(db.prepare("SELECT first_id, last_id FROM compacted_ids WHERE table_name = 'app_logs' ORDER BY first_id").raw().all()).toEqual([
      [10, 14],
      [19, 20],
      [30, 30],
    ]);
    const compacted = compactedIdTest(db, 'app_logs', 0);
    expect([9, 10, 14, 15, 18, 19, 20, 21, 30, 31].map(compacted)).toEqual([false, true, true, false, false, true, true, false, true, false]);
    expect(compactedIdTest(db, 'app_logs', 31)(30)).toBe(false);
    expect(compactedIdTest(db, 'progress_snapshots', 0)(15)).toBe(true);
  });

  it('forgets runs further below the newest than the look-back can ever reach', () => {
    const db = new Database(':memory:');
    migrate(db);
    recordCompactedIds(db, 'app_logs', [5, 7, 9]);
    recordCompactedIds(db, 'app_logs', [LOOKBACK_ID_SPAN + 8]);
    expect(db.prepare("SELECT first_id FROM compacted_ids WHERE table_name = 'app_logs' ORDER BY first_id").raw().all()).toEqual([[9], [LOOKBACK_ID_SPAN + 8]]);
  });
});
