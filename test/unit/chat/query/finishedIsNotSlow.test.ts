import { defaultConfig } from '../../../../main/config/config.js';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fullQuery, type AskQueryInput } from '../../../../main/api/askQuery.js';
import type { Lang } from '../../../../main/api/localized.js';
import { answerQuery } from '../../../../main/chat/query/answerQuery.js';
import { changeAnswer } from '../../../../main/chat/query/changeAnswer.js';
import type { QueryContext } from '../../../../main/chat/query/queryContext.js';
import { computeOverview } from '../../../../main/placement/siteOverview.js';
import { migrate } from '../../../../main/store/migration.js';

// Thursday 2025-10-23, as the demo company; times in Tokyo.
const TZ = 'Asia/Tokyo';
const DAY = 86_400_000;
const MINUTE = 60_000;
const at = (hm: string, daysBack = 0): number => Date.parse(`2025-10-23T${hm}+09:00`) - daysBack * DAY;
const NOW = at('15:40');

type Row = [site: string, process: string, time: number, remaining: number, done: number];

function store(rows: Row[]): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare('INSERT INTO locations VALUES (1, ?), (2, ?), (3, ?)').run('札幌', '品川', '大阪');
  const insert = db.prepare(`INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name,
    expected_completion_time, total_waiting, entry_count, correction_waiting) VALUES (?, ?, '523201', ?, ?, ?, ?, 0)`);
  for (const [site, process, t, remaining, done] of rows) insert.run(t, site, process, t - (t % DAY) + (at('16:00') % DAY), remaining, done);
  return db;
}

/** Snapshots every 10 minutes from 14:00 to `to` of one series on a day, `perMinute` items a minute until nothing is left. */
function series(site: string, process: string, daysBack: number, left: number, perMinute: number, to = '15:40'): Row[] {
  const rows: Row[] = [];
  let done = 1000;
  for (let t = at('14:00', daysBack); t <= at(to, daysBack); t += 10 * MINUTE) {
    rows.push([site, process, t, left, done]);
    const step = Math.min(left, perMinute * 10);
    left -= step;
    done += step;
  }
  return rows;
}

function context(db: Database.Database, lang: Lang = 'ja'): QueryContext {
  return {
    db,
    lang,
    now: NOW,
    dayStart: at('00:00'),
    timeZone: TZ,
    workday: defaultConfig().planning.workday,
    overview: () => ({ ...computeOverview(db, { now: NOW, timeZone: TZ, speedWindowMinutes: 30, atRiskSlackMinutes: 15 }), businessNames: { '523201': 'SS' } }),
    incidents: () => ({ incidents: [] }) as never,
    alerts: () => [],
  };
}

const query = (q: Partial<AskQueryInput> & Pick<AskQueryInput, 'op'>): ReturnType<typeof fullQuery> => fullQuery(q as AskQueryInput);

describe('finished is not slow', () => {
  // 品川 finished at 15:10 (70 items at 1/min from 14:00), 札幌 is still working at 5/min.
  const today = (): Database.Database => store([...series('札幌', 'エントリ1', 0, 1000, 5), ...series('品川', '検証', 0, 70, 1)]);

  it('a ranking of the slowest leaves the finished site out, says so, and the finished site says when it finished', () => {
    const c = context(today());
    const slowest = answerQuery(query({ op: 'rank', measure: 'speed', by: 'site', rank: { order: 'bottom', n: 1 } }), c).text;
    // SQL of the same store: 札幌's items over the last 30 minutes.
    const sapporo = c.db
      .prepare(
        `SELECT (MAX(entry_count) - MIN(entry_count)) / 30.0 AS v FROM progress_snapshots WHERE location_name = '札幌' AND snapshot_time BETWEEN ? AND ?`,
      )
      .get(NOW - 30 * MINUTE, NOW) as { v: number };
    expect(slowest).toContain(`1. 札幌: ${sapporo.v.toFixed(1)} 件/分`);
    expect(slowest).not.toMatch(/品川: 0/);
    expect(slowest).toMatch(/完了した1件（品川）は除外/);
    const finished = (
      c.db
        .prepare(
          `SELECT MIN(snapshot_time) AS t FROM progress_snapshots WHERE location_name = '品川' AND total_waiting = 0
             AND snapshot_time > (SELECT MAX(snapshot_time) FROM progress_snapshots WHERE location_name = '品川' AND total_waiting > 0)`,
        )
        .get() as { t: number }
    ).t;
    expect(finished).toBe(at('15:10'));
    expect(answerQuery(query({ op: 'value', measure: 'speed', site: ['品川'] }), c).text).toContain('15:10に完了');
    expect(answerQuery(query({ op: 'value', measure: 'speed', site: ['品川'] }), context(c.db, 'en')).text).toContain('finished at 15:10');
  });

  it('speed against the usual at 15:40 compares the work still there, not a finished series with the days it was still working', () => {
    // The same weekday of the 4 weeks before: both series still working at 15:40 at the same speeds as today.
    const rows = [...series('札幌', 'エントリ1', 0, 1000, 5), ...series('品川', '検証', 0, 70, 1)];
    for (const w of [1, 2, 3, 4]) rows.push(...series('札幌', 'エントリ1', 7 * w, 1000, 5), ...series('品川', '検証', 7 * w, 500, 1));
    const c = context(store(rows));
    const text = changeAnswer(query({ op: 'change', measure: 'speed', against: 'usual' }), c).text;
    const pct = /（([-+]?\d+)%）/.exec(text);
    expect(text, text).not.toMatch(/-[1-9]\d%/);
    expect(pct === null || Math.abs(Number(pct[1])) < 10, text).toBe(true);
    expect(text).toContain('15:10に完了');
  });

  it('a slack over many series says how many are late out of how many, and which', () => {
    // 札幌: 120 left at 5/min → 16:04, 4 minutes late; 品川 finished; 大阪: 20 left at 5/min → 15:44.
    const c = context(
      store([
        ...series('札幌', 'エントリ1', 0, 1000, 5).map((r): Row => [r[0], r[1], r[2], r[3] - 380, r[4]]),
        ...series('品川', '検証', 0, 70, 1),
        ...series('大阪', '補正', 0, 170, 5),
      ]),
    );
    const ja = answerQuery(query({ op: 'value', measure: 'slack' }), c).text;
    expect(ja, ja).toContain('3系列中1系列が遅れ（札幌 エントリ1 SS: 4分）');
    expect(ja).not.toMatch(/全体: 4分遅れ/);
    const en = answerQuery(query({ op: 'value', measure: 'slack' }), context(c.db, 'en')).text;
    expect(en, en).toContain('1 of 3 series late (札幌 エントリ1 SS: 4 min)');
  });

  it('people on leave today are not among the slowest operators', () => {
    const db = store([]);
    const op = db.prepare('INSERT INTO operators VALUES (?, ?, ?, 1, 0)');
    const cap = db.prepare('INSERT INTO operator_process_capabilities VALUES (?, ?, ?, 3, 12, ?, 0)');
    const att = db.prepare('INSERT INTO attendance_records (operator_id, attendance_date, attendance_status, updated_at) VALUES (?, ?, ?, 0)');
    [
      [1, '石井 直樹', 16, 'paid_leave'],
      [2, '林 純一', 18, 'absent'],
      [3, '佐藤 花子', 20, 'present'],
      [4, '鈴木 一郎', 30, 'present'],
    ].forEach(([id, name, speed, status]) => {
      op.run(id, name, '品川');
      cap.run(id, id, '補正', speed);
      att.run(id, '2025-10-23', status);
    });
    const text = answerQuery(query({ op: 'rank', measure: 'operator_speed', rank: { order: 'bottom', n: 2 }, time: 'today' }), context(db)).text;
    const off = (
      db
        .prepare(`SELECT COUNT(*) AS n FROM attendance_records WHERE attendance_date = '2025-10-23' AND attendance_status IN ('absent', 'paid_leave')`)
        .get() as { n: number }
    ).n;
    expect(text, text).not.toMatch(/石井|林/);
    expect(text).toContain('1. 佐藤 花子');
    expect(off).toBe(2);
  });
});
