import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateRules } from '../../../main/alerts/alertRules.js';
import { usualSpeed } from '../../../main/alerts/usualSpeed.js';
import { windowComparison } from '../../../main/alerts/windowSpeed.js';
import { defaultConfig } from '../../../main/config/config.js';
import { computeOverview } from '../../../main/placement/siteOverview.js';
import { migrate } from '../../../main/store/migration.js';

const at = (hm: string, day = 23): number => Date.parse(`2025-10-${String(day).padStart(2, '0')}T${hm}+09:00`);
const NOW = at('15:40');
const TZ = 'Asia/Tokyo';
const series = { site: '札幌', process: 'エントリ1', businessId: '523201' };
let db: Database.Database;

function snapshot(hm: string, remaining: number, done: number, day = 23): void {
  db.prepare(
    `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
     VALUES (?, '札幌', '523201', 'エントリ1', ?, ?, ?)`,
  ).run(at(hm, day), at('18:00', day), remaining, done);
}

/** Written here rather than imported, so the expectation does not share the code under test. */
function middle(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * The previous days' items per minute over [from, to] of the day, straight from the store:
 * only days with work still left at `to` (total_waiting > 0), the 5 most recent of 14.
 */
function expectedUsual(from: string, to: string): number {
  const rows = db
    .prepare(
      `SELECT a.entry_count AS a, b.entry_count AS b, (b.snapshot_time - a.snapshot_time) / 60000.0 AS minutes
         FROM progress_snapshots a JOIN progress_snapshots b
           ON b.location_name = a.location_name AND b.process_name = a.process_name AND b.business_id = a.business_id
          AND b.snapshot_time = a.snapshot_time + ?
        WHERE a.location_name = ? AND a.process_name = ? AND a.business_id = ? AND b.total_waiting > 0
          AND b.snapshot_time < ? AND b.snapshot_time >= ? AND (b.snapshot_time - ?) % 86400000 = 0
        ORDER BY b.snapshot_time DESC LIMIT 5`,
    )
    .all(at(to) - at(from), series.site, series.process, series.businessId, at(to), at(to) - 14 * 86_400_000, at(to)) as {
    a: number;
    b: number;
    minutes: number;
  }[];
  return middle(rows.map((r) => (r.b - r.a) / r.minutes));
}

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  db.prepare("INSERT INTO locations VALUES (1, '札幌')").run();
  // The half hour 15:10–15:40 on the previous days. On the 22nd the day's work was done
  // before 15:10; on the 21st it ran out at 15:25 (40 items, then nothing left).
  snapshot('15:10', 0, 2400, 22);
  snapshot('15:40', 0, 2400, 22);
  snapshot('15:10', 40, 2000, 21);
  snapshot('15:40', 0, 2040, 21);
  // Days still working at 15:40: 10, 12, 9 and 11 items a minute.
  for (const [day, perMinute] of [
    [20, 10],
    [17, 12],
    [16, 9],
    [15, 11],
  ] as const) {
    snapshot('15:10', 900, 2000, day);
    snapshot('15:40', 900 - perMinute * 30, 2000 + perMinute * 30, day);
  }
  // Today: 7 a minute, with 380 left.
  snapshot('15:10', 590, 1000);
  snapshot('15:40', 380, 1210);
});

describe('usual speed', () => {
  it('leaves out the days whose work was already done at that time of day', () => {
    const expected = expectedUsual('15:10', '15:40');
    expect(expected).toBe(10.5);
    const u = usualSpeed(db, { ...series, snapshotTime: NOW }, TZ);
    expect(u).toMatchObject({ usual: expected, days: 4, weekAgo: 9 });

    // The productivity-drop alert measures today's 7 a minute against that usual speed.
    const alerts = evaluateRules({
      db,
      now: NOW,
      timeZone: 'Asia/Tokyo',
      config: defaultConfig().alerts,
      workday: defaultConfig().planning,
      lastSync: NOW,
      anomalies: null,
      overview: computeOverview(db, { now: NOW, timeZone: 'Asia/Tokyo', speedWindowMinutes: 30, atRiskSlackMinutes: 15 }),
    });
    expect(alerts.find((c) => c.kind === 'productivity_drop')?.detail).toMatchObject({ baselinePerMinute: expected, share: Math.round((7 / expected) * 100) });
  });

  it('a week ago with the work already done is no speed to compare with', () => {
    db.prepare('DELETE FROM progress_snapshots WHERE snapshot_time IN (?, ?)').run(at('15:10', 16), at('15:40', 16));
    snapshot('15:10', 0, 2400, 16);
    snapshot('15:40', 0, 2400, 16);
    expect(usualSpeed(db, { ...series, snapshotTime: NOW }, TZ).weekAgo).toBeNull();
  });

  it('a window’s usual speed leaves out the days whose work was already done in those hours', () => {
    const expected = expectedUsual('15:10', '15:40');
    expect(windowComparison(db, series, at('15:10'), at('15:40'), TZ)).toMatchObject({ perMinute: 7, usual: expected, days: 4, weekAgo: 9 });
    // A window is measured as its usual is: on the 21st, 8 a minute from 14:40 until the
    // work ran out between 15:10 and 15:40; the idle end of the window is not slow work.
    snapshot('14:40', 280, 1760, 21);
    expect(windowComparison(db, series, at('14:40', 21), at('15:40', 21), TZ).perMinute).toBe(8);
  });

  it('a week ago is the same wall-clock half hour across a DST change (America/New_York, clocks forward on 2026-03-08)', () => {
    const ny = { site: 'NY', process: 'entry', businessId: 'b1' };
    const put = (iso: string, remaining: number, done: number): void =>
      void db
        .prepare(
          `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
           VALUES (?, 'NY', 'b1', 'entry', ?, ?, ?)`,
        )
        .run(Date.parse(iso), Date.parse(`${iso.slice(0, 10)}T18:00${iso.slice(-6)}`), remaining, done);
    // Tuesday a week ago (EST): 20 a minute from 14:10 to 14:40, 6 a minute from 15:10 to 15:40.
    put('2026-03-03T14:10-05:00', 1500, 400);
    put('2026-03-03T14:40-05:00', 900, 1000);
    put('2026-03-03T15:10-05:00', 900, 1000);
    put('2026-03-03T15:40-05:00', 720, 1180);
    // Today (EDT): 5 a minute from 15:10 to 15:40.
    put('2026-03-10T15:10-04:00', 600, 300);
    put('2026-03-10T15:40-04:00', 450, 450);
    const now = Date.parse('2026-03-10T15:40-04:00');
    // 7 × 86,400,000 ms back is 14:10–14:40 on the 3rd (20 a minute): the wrong half hour.
    expect(windowComparison(db, ny, now - 30 * 60_000, now, 'America/New_York')).toMatchObject({ perMinute: 5, weekAgo: 6 });
    expect(usualSpeed(db, { ...ny, snapshotTime: now }, 'America/New_York').weekAgo).toBe(6);
  });
});
