import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { asksSyncFreshness, syncFreshnessAnswer } from '../../../main/chat/syncFreshnessAnswer.js';
import { foldForCues } from '../../../main/chat/foldForCues.js';
import { migrate } from '../../../main/store/migration.js';
import { SyncState } from '../../../main/store/syncState.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const DAY0 = Date.parse('2025-10-23T00:00+09:00');
const MIN = 60_000;

/** Issue 60: «is sync healthy? is the data fresh?» is answered from Genba's own sync record, not with a log incident. */
describe('how fresh the copy is', () => {
  const store = (): Database.Database => {
    const db = new Database(':memory:');
    migrate(db);
    return db;
  };
  const answer = (db: Database.Database, lang: 'ja' | 'en' = 'en') =>
    syncFreshnessAnswer(db, { now: NOW, timeZone: 'Asia/Tokyo', dayStart: DAY0, staleMinutes: 30, lang });

  it('says the last success, the oldest table against the stale limit, and each failure with its error and last success', () => {
    const db = store();
    const s = new SyncState(db);
    for (const t of ['locations', 'operators', 'progress_snapshots', 'app_logs']) s.recordSuccess(t, 'mysql:x', NOW - 2 * MIN);
    s.recordSuccess('attendance_records', 'mysql:x', NOW - 50 * MIN);
    s.recordFailure('attendance_records', 'mysql:x', 'ER_ACCESS_DENIED_ERROR', NOW - 2 * MIN);
    s.recordAbsent('workload_forecasts', 'mysql:x', NOW - 2 * MIN);
    const en = answer(db);
    // Figures from the table itself: 6 rows, 5 without an error.
    const rows = db.prepare('SELECT COUNT(*) AS n, SUM(last_error IS NULL) AS ok FROM sync_state').get() as { n: number; ok: number };
    expect(en).toContain(`last success 15:38 (2 min ago); ${rows.ok} of ${rows.n} tables synced fine.`);
    expect(en).toContain('The least recently synced table was synced at 14:50 (50 min ago), past the 30-min limit for stale data.');
    expect(en).toContain('- attendance: sync failed (ER_ACCESS_DENIED_ERROR); last success 14:50');
    expect(en).toContain('Not kept by the company (no failure): workload forecasts');
    expect(answer(db, 'ja')).toContain('- 勤怠: 同期に失敗（ER_ACCESS_DENIED_ERROR）。最後の成功 14:50');
  });

  it('a copy synced within the limit says so; none synced yet says that, not an all-clear', () => {
    const db = store();
    expect(answer(db)).toBe('No sync is on record yet (the first sync has not run).');
    new SyncState(db).recordSuccess('operators', 'demo', NOW - 5 * MIN);
    expect(answer(db)).toContain('within the 30-min limit for stale data');
  });

  it('is asked by sync and freshness words, not by a sync service’s logs', () => {
    for (const q of ['is sync healthy? is the data fresh?', 'データって最新？同期止まってない？', 'is our data up to date?', 'いつのデータ？'])
      expect(asksSyncFreshness(foldForCues(q), false), q).toBe(true);
    for (const q of [
      'any sync errors today?',
      'sync-sapporo-01 のログ',
      '札幌の残件は？',
      'any DB issues that mean I should pause sync?',
      'any sync upload failures today?',
    ])
      expect(asksSyncFreshness(foldForCues(q), false), q).toBe(false);
    expect(asksSyncFreshness(foldForCues('is sync ok on that host?'), true)).toBe(false);
  });
});
