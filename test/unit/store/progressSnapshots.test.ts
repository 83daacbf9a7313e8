import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migration.js';
import { neededSpeed, projectedFinish, slackMinutes } from '../../../main/store/progressRules.js';
import { finishedAt, speedOver } from '../../../main/store/progressSnapshots.js';

const at = (hm: string, day = 23): number => Date.parse(`2025-10-${day}T${hm}+09:00`);
const S = { site: '札幌', process: 'エントリ1', businessId: '523201' };

function store(rows: [time: number, remaining: number, done: number][]): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  const insert =
    db.prepare(`INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
    VALUES (?, '札幌', '523201', 'エントリ1', NULL, ?, ?)`);
  for (const r of rows) insert.run(...r);
  return db;
}

describe('progress snapshots: one gap rule, finished is not slow', () => {
  it('counts only stretches with work left at their end: the idle minutes after the last item are not slow work', () => {
    // 5/min until 15:10, nothing left from then on.
    const db = store([
      [at('14:50'), 100, 0],
      [at('15:00'), 50, 50],
      [at('15:10'), 0, 100],
      [at('15:20'), 0, 100],
      [at('15:30'), 0, 100],
    ]);
    expect(speedOver(db, S, at('14:50'), at('15:30'))).toBe(5);
    expect(speedOver(db, S, at('15:10'), at('15:30'))).toBeNull();
    expect(finishedAt(db, S, at('00:00'), at('15:30'))).toBe(at('15:10'));
  });

  it('a night between two days is not a stretch of work, and work that came back is not finished', () => {
    const db = store([
      [at('17:50', 22), 10, 490],
      [at('18:00', 22), 5, 500],
      [at('09:00'), 200, 0],
      [at('09:10'), 0, 20],
      [at('09:20'), 40, 20],
    ]);
    // 17:50→18:00: 10 items in 10 minutes; the night and the stretch that ends on the last item left out; 09:10→09:20: new work, none done.
    expect(speedOver(db, S, at('17:50', 22), at('09:20'))).toBe(0.5);
    expect(finishedAt(db, S, at('00:00'), at('09:20'))).toBeNull();
    expect(finishedAt(db, S, at('00:00'), at('09:10'))).toBe(at('09:10'));
  });

  it('declares needed speed, projected finish and slack once', () => {
    expect(neededSpeed(120, at('16:00'), at('15:40'))).toBe(6);
    expect(neededSpeed(0, at('16:00'), at('15:40'))).toBeNull();
    expect(projectedFinish(120, 5, at('15:40'))).toBe(at('16:04'));
    expect(projectedFinish(120, 0, at('15:40'))).toBeNull();
    expect(slackMinutes(at('16:04'), at('16:00'))).toBe(-4);
  });
});
