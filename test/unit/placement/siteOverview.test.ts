import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assessProgress, computeOverview } from '../../../main/placement/siteOverview.js';
import { migrate } from '../../../main/store/migration.js';

const at = (hm: string): number => Date.parse(`2025-10-23T${hm}+09:00`);
const options = { timeZone: 'Asia/Tokyo', speedWindowMinutes: 30, atRiskSlackMinutes: 15 };

function storeWith(rows: [site: string, process: string, time: string, remaining: number, done: number][]): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare('INSERT INTO locations VALUES (1, ?), (2, ?)').run('札幌', '盛岡');
  const insert = db.prepare(`INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name,
    expected_completion_time, total_waiting, entry_count, correction_waiting) VALUES (?, ?, '523201', ?, ?, ?, ?, 0)`);
  for (const [site, process, time, remaining, done] of rows) insert.run(at(time), site, process, at('16:00'), remaining, done);
  return db;
}

describe('assessProgress', () => {
  const base = { deadline: at('16:00'), snapshotTime: at('15:40') };
  it('projects the finish from the current speed and says how late it is', () => {
    expect(assessProgress({ ...base, remaining: 120, speedPerMinute: 5 }, 15)).toEqual({
      projectedFinish: at('16:04'),
      minutesLate: 4,
      requiredPerMinute: 6,
      status: 'late',
    });
  });
  it('marks a small margin as at risk and a large one as on track', () => {
    expect(assessProgress({ ...base, remaining: 90, speedPerMinute: 5 }, 15).status).toBe('at_risk');
    expect(assessProgress({ ...base, remaining: 20, speedPerMinute: 5 }, 15)).toMatchObject({ status: 'on_track', minutesLate: -16 });
  });
  it('handles finished, stalled and unknown-speed work', () => {
    expect(assessProgress({ ...base, remaining: 0, speedPerMinute: 0 }, 15).status).toBe('done');
    expect(assessProgress({ ...base, remaining: 50, speedPerMinute: 0 }, 15).status).toBe('stalled');
    expect(assessProgress({ ...base, remaining: 50, speedPerMinute: null }, 15).status).toBe('stalled');
  });
});

describe('computeOverview', () => {
  it('uses the latest snapshot up to now, the speed over the window, and ignores the future', () => {
    const db = storeWith([
      ['札幌', 'エントリ1', '15:00', 400, 2000],
      ['札幌', 'エントリ1', '15:10', 270, 2130],
      ['札幌', 'エントリ1', '15:20', 220, 2180],
      ['札幌', 'エントリ1', '15:30', 170, 2230],
      ['札幌', 'エントリ1', '15:40', 120, 2280],
      ['札幌', 'エントリ1', '15:50', 70, 2330],
      ['盛岡', 'エントリ1', '15:30', 0, 900],
      ['盛岡', 'エントリ1', '15:40', 0, 900],
    ]);
    const o = computeOverview(db, { ...options, now: at('15:45') });
    expect(o.dataAsOf).toBe(at('15:40'));
    expect(o.sites.map((s) => [s.site, s.status])).toEqual([
      ['札幌', 'late'],
      ['盛岡', 'done'],
    ]);
    const p = o.sites[0]!.processes[0]!;
    expect(p).toMatchObject({ remaining: 120, speedPerMinute: 5, minutesLate: 4, snapshotTime: at('15:40') });
    expect(o.sites[0]!.trend.times).toEqual(['15:00', '15:10', '15:20', '15:30', '15:40'].map(at));
    expect(o.sites[0]!.trend.series[0]!.remaining).toEqual([400, 270, 220, 170, 120]);
  });

  it('measures speed within the day only, so yesterday never inflates it', () => {
    const db = storeWith([
      ['札幌', '検証', '09:00', 500, 0],
      ['札幌', '検証', '09:10', 450, 50],
    ]);
    db.prepare(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time,
      total_waiting, entry_count) VALUES (?, '札幌', '523201', '検証', ?, 0, 3000)`,
    ).run(at('09:00') - 15 * 3600_000, at('16:00') - 86_400_000);
    const p = computeOverview(db, { ...options, now: at('09:10') }).sites[0]!.processes[0]!;
    expect(p.speedPerMinute).toBe(5);
  });

  it('returns an empty overview before any snapshot exists', () => {
    const db = storeWith([]);
    expect(computeOverview(db, { ...options, now: at('10:00') })).toMatchObject({ dataAsOf: null, sites: [] });
  });
});
