import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { retentionCuts, retentionPreview } from '../../../main/store/compactStore.js';
import { migrate } from '../../../main/store/migration.js';

const NEW_YORK = 'America/New_York';
/** Two days after the clocks went forward in New York (2026-03-08): the week kept has a 23-hour day in it. */
const NOW = Date.parse('2026-03-10T10:00-04:00');
const keep = (days: number) => ({ keepRawDays: days, keepAggregateDays: days, keepSnapshotDays: days, timeZone: NEW_YORK });

describe('retention counts calendar days in the company zone', () => {
  it('cuts at the start of the local day N days back, across a DST change', () => {
    const cut = retentionCuts(NOW, keep(7));
    // Midnight of March 3 (EST), not 7 × 24 h before today's midnight (EDT), which is 23:00 on March 2.
    expect(cut.raw).toBe(Date.parse('2026-03-03T00:00-05:00'));
    expect(cut.snapshots).toBe(Date.parse('2026-03-03T00:00-05:00'));
    expect(retentionCuts(Date.parse('2026-11-03T10:00-05:00'), keep(7)).aggregate).toBe(Date.parse('2026-10-27T00:00-04:00'));
  });

  it('removes the hour before the kept days and keeps their first hour', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, total_waiting, entry_count) VALUES (?, 'NY', 'b1', 'entry', 10, 0)`,
    );
    // 23:30 on March 2 is past retention; 00:30 on March 3 is the first kept day.
    insert.run(Date.parse('2026-03-02T23:30-05:00'));
    insert.run(Date.parse('2026-03-03T00:30-05:00'));
    expect(retentionPreview(db, NOW, keep(7)).snapshots).toBe(1);
    db.close();
  });
});
