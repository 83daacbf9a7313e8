import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { retentionCuts } from '../../../main/store/compactStore.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const DAY = 86_400_000;

describe('retention and compaction on the demo company (30 days of logs)', () => {
  const dir = tempDir();
  let app: GenbaApp;
  const dbPath = (): string => join(dir.path, 'genba.sqlite');
  const count = (sql: string, ...args: unknown[]): number => {
    const db = new Database(dbPath(), { readonly: true });
    try {
      return (db.prepare(sql).get(...args) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    // Retention that keeps the whole demo, so that the compaction after the first sync removes
    // nothing; the test then compacts with 7 days itself.
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ logs: { kind: 'companyDatabase', keepRawDays: 60 } }));
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: NOW });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it('removes old raw rows in batches, keeps the aggregates and what a decision or an open alert refers to, and shrinks the file', async () => {
    // The demo's lines are mined in the background after the first start: wait for all of them
    // (a line not yet mined is never removed, and the counts below would move meanwhile).
    await expect.poll(() => count('SELECT COUNT(*) AS n FROM app_logs WHERE template_id IS NULL'), { timeout: 60_000, interval: 500 }).toBe(0);
    await app.logs.refresh();
    const cut = retentionCuts(NOW, { keepRawDays: 7, keepAggregateDays: 90, keepSnapshotDays: 90, timeZone: 'Asia/Tokyo' });
    // A decision taken on data of 20 days ago, and an alert still open from 12 days ago: their days are evidence.
    const decided = cut.raw - 13 * DAY + 15 * 3_600_000;
    const alerted = cut.raw - 5 * DAY + 10 * 3_600_000;
    const rw = new Database(dbPath());
    rw.prepare(
      `INSERT INTO proposals (suggestion_id, created_at, data_as_of, question, proposal, status, decided_at) VALUES ('SGT20251003-0000ABCD', ?, ?, 'q', '{}', 'approved', ?)`,
    ).run(decided, decided, decided);
    rw.prepare(
      `INSERT INTO alerts (dedupe_key, kind, severity, site, process, title_ja, title_en, detail, first_seen, last_seen, status)
       VALUES ('old', 'log_anomaly', 'warning', '札幌', NULL, 't', 't', '{}', ?, ?, 'open')`,
    ).run(alerted, alerted);
    rw.close();
    const dayOf = (t: number): [number, number] => {
      const start = cut.raw - Math.ceil((cut.raw - t) / DAY) * DAY;
      return [start, start + DAY];
    };
    const [d0, d1] = dayOf(decided);
    const [a0] = dayOf(alerted);
    const before = {
      old: count('SELECT COUNT(*) AS n FROM app_logs WHERE ts < ?', cut.raw),
      decidedDay: count('SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ? AND ts < ?', d0, d1),
      sinceAlert: count('SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ?', a0),
      minutes: count('SELECT COUNT(*) AS n FROM log_template_minutes'),
      templates: count('SELECT SUM(count) AS n FROM log_templates'),
      snapshots: count('SELECT COUNT(*) AS n FROM progress_snapshots'),
      size: statSync(dbPath()).size,
    };
    expect(before.old).toBeGreaterThan(100_000);
    expect(before.decidedDay).toBeGreaterThan(0);

    // genba status says what compaction will free before it runs.
    const preview = app.storage({ keepRawDays: 7 }).retention;
    expect(preview.rawLogs).toBe(before.old - before.decidedDay - count('SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ? AND ts < ?', a0, cut.raw));
    expect(app.storage().tables[0]!.name).toBe('app_logs');

    const report = await app.compact({ keepRawDays: 7 });
    expect(report.rawLogs).toBe(preview.rawLogs);
    expect(report.freedPages).toBeGreaterThan(0);
    // Old raw rows are gone, except on the decision's day and since the open alert's day.
    expect(count('SELECT COUNT(*) AS n FROM app_logs WHERE ts < ? AND NOT (ts >= ? AND ts < ?) AND ts < ?', cut.raw, d0, d1, a0)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ? AND ts < ?', d0, d1)).toBe(before.decidedDay);
    expect(count('SELECT COUNT(*) AS n FROM app_logs WHERE ts >= ?', a0)).toBe(before.sinceAlert);
    // The aggregates stay: per-minute counts (90 days) and the templates' totals; snapshots (90 days) too.
    expect(count('SELECT COUNT(*) AS n FROM log_template_minutes')).toBe(before.minutes);
    expect(count('SELECT SUM(count) AS n FROM log_templates')).toBe(before.templates);
    expect(count('SELECT COUNT(*) AS n FROM progress_snapshots')).toBe(before.snapshots);
    // The file gives the pages back (incremental auto-vacuum): it shrinks by the pages compaction freed, well over a third
    // of the file (the daily planning history, which retention keeps, is the rest of what stays).
    const pageSize = (() => {
      const db = new Database(dbPath(), { readonly: true });
      try {
        return db.pragma('page_size', { simple: true }) as number;
      } finally {
        db.close();
      }
    })();
    // Within 1 %: a few pages of the log refresh's own writes come and go around it.
    expect(Math.abs(before.size - statSync(dbPath()).size - report.freedPages * pageSize)).toBeLessThan(report.freedPages * pageSize * 0.01);
    expect(statSync(dbPath()).size).toBeLessThan(before.size * 0.7);
    // The app still answers from what is left: the overview and yesterday's logs.
    expect(app.overview().urgent[0]).toMatchObject({ site: '札幌', process: 'エントリ1' });
    expect(app.logs.anomalies().anomalies.length).toBeGreaterThan(0);
    // Nothing more to do the second time.
    expect((await app.compact({ keepRawDays: 7 })).rawLogs).toBe(0);
  });
});
