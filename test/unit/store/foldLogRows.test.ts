import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startOfZonedDay } from '../../../main/config/zonedTime.js';
import { compactStore, type Retention } from '../../../main/store/compactStore.js';
import { foldedUntil, foldLogRows } from '../../../main/store/foldLogRows.js';
import { migrate } from '../../../main/store/migration.js';
import { shapeText } from '../../../main/sync/logShapeSql.js';
import { writeGroups, type MinuteGroup } from '../../helpers/groupedLogRows.js';

const ZONE = 'Asia/Tokyo';
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Three days after the day the rows are written on: that day is older than the minute window (today and yesterday). */
const DAY = Date.parse('2026-11-20T00:00+09:00');
const NOW = Date.parse('2026-11-23T10:00+09:00');
const RETENTION: Retention = { keepRawDays: 7, keepAggregateDays: 90, keepSnapshotDays: 90, timeZone: ZONE, keepMinuteDays: 1, foldShape: (m) => shapeText(m) };
const noPause = (): Promise<void> => Promise.resolve();

/**
 * Two busy hours of a day (08:00 and 09:00): per minute, 2 hosts × 2 levels × 25 shapes of one template, each shape's
 * digits varying by the minute (one shape, many messages), and a second template at 09:00 only: 12,000 minute rows,
 * more than a compaction batch holds in an hour, so batches meet folded rows of their hour.
 */
function busyDay(): MinuteGroup[] {
  const out: MinuteGroup[] = [];
  for (let m = 0; m < 120; m++) {
    const ts = DAY + 8 * HOUR + m * MINUTE;
    for (const host of ['app-01', 'app-02'])
      for (const level of ['INFO', 'ERROR'])
        for (let s = 0; s < 25; s++)
          out.push({
            ts: ts + s * 1000,
            last: ts + s * 1000 + 30_000,
            service: 'claims',
            host,
            level,
            message: `step${'x'.repeat(s)} took ${m * 7 + s} ms`,
            template: 1,
            lines: 1 + ((m + s) % 4),
          });
    if (m >= 60) out.push({ ts: ts + 5000, service: 'claims', host: 'app-01', level: 'WARN', message: `queue depth ${m}`, template: 2, lines: 3 });
  }
  return out;
}

const all = <T>(db: Database.Database, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];
/** Lines per hour, host, service, level and template: what folding must keep. */
const perHour = (db: Database.Database) =>
  all<{ k: string; n: number }>(
    db,
    `SELECT ((ts / ${HOUR}) * ${HOUR}) || ' ' || host || ' ' || service || ' ' || level || ' ' || template_id AS k, SUM(lines) AS n FROM app_logs GROUP BY k ORDER BY k`,
  );
const minutes = (db: Database.Database) => all<unknown>(db, 'SELECT * FROM log_template_minutes ORDER BY template_id, minute');

function store(groups: MinuteGroup[]): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  writeGroups(db, groups);
  return db;
}

describe('compaction folds a grouped source’s older rows to one per hour', () => {
  it('keeps every line, the first and last times and the per-minute counts, one row per hour, host, level, shape and template', async () => {
    const groups = busyDay();
    const db = store(groups);
    const hours = perHour(db);
    const counts = minutes(db);
    const r = await compactStore(db, NOW, RETENTION, noPause);
    expect(r.foldedLogs).toBe(groups.length);
    // 2 hours × 2 hosts × 2 levels × 25 shapes, and the warning's one hour.
    expect(all(db, 'SELECT * FROM app_logs WHERE folded = 0')).toEqual([]);
    expect(all(db, 'SELECT * FROM app_logs')).toHaveLength(2 * 2 * 2 * 25 + 1);
    expect(perHour(db)).toEqual(hours);
    expect(minutes(db)).toEqual(counts);
    // Each folded row's first and last line are its inputs' first and last; its message the newest input's.
    for (const f of all<{ ts: number; last_ts: number; host: string; level: string; message: string; template_id: number }>(db, 'SELECT * FROM app_logs')) {
      const inputs = groups.filter(
        (g) =>
          Math.floor(g.ts / HOUR) === Math.floor(f.ts / HOUR) &&
          g.host === f.host &&
          g.level === f.level &&
          g.template === f.template_id &&
          shapeText(g.message) === shapeText(f.message),
      );
      expect(f.ts).toBe(Math.min(...inputs.map((g) => g.ts)));
      expect(f.last_ts).toBe(Math.max(...inputs.map((g) => g.last ?? g.ts)));
      expect(f.message).toBe(inputs.reduce((a, b) => ((b.last ?? b.ts) > (a.last ?? a.ts) ? b : a)).message);
    }
    expect(foldedUntil(db)).toBe(DAY + 10 * HOUR);
    // Nothing more to fold: a second run changes nothing.
    expect((await compactStore(db, NOW, RETENTION, noPause)).foldedLogs).toBe(0);
    expect(perHour(db)).toEqual(hours);
  });

  it('leaves rows inside the minute window, rows a decision protects, and row-level logs as they are', async () => {
    const groups = busyDay();
    const db = store(groups);
    const before = all(db, 'SELECT * FROM app_logs ORDER BY log_id');
    // Yesterday (of the clock one day on) is per minute still; without a shape (row-level logs) nothing folds.
    expect((await compactStore(db, DAY + 30 * HOUR, RETENTION, noPause)).foldedLogs).toBe(0);
    expect((await compactStore(db, NOW, { ...RETENTION, foldShape: null }, noPause)).foldedLogs).toBe(0);
    expect((await compactStore(db, NOW, { ...RETENTION, keepMinuteDays: undefined }, noPause)).foldedLogs).toBe(0);
    // A proposal made on the data of that day keeps its rows as they were seen.
    db.prepare("INSERT INTO proposals (suggestion_id, created_at, data_as_of, question, proposal) VALUES ('p1', ?, ?, 'q', '{}')").run(NOW, DAY + 9 * HOUR);
    expect((await compactStore(db, NOW, RETENTION, noPause)).foldedLogs).toBe(0);
    expect(all(db, 'SELECT * FROM app_logs ORDER BY log_id')).toEqual(before);
  });

  it('adds rows to the folded row of their hour and key: a first sync’s folded rows after minute rows held before them', async () => {
    const groups = busyDay();
    // A sync that resumes days later: the minutes it held are rows still, the span it pulls now is written folded.
    const held = groups.filter((g) => g.ts < DAY + 8 * HOUR + 30 * MINUTE);
    const pulled = groups.filter((g) => g.ts >= DAY + 8 * HOUR + 30 * MINUTE);
    const whole = store(groups);
    await compactStore(whole, NOW, RETENTION, noPause);
    const db = store(held);
    const rule = { shape: RETENTION.foldShape!, timeZone: ZONE };
    db.transaction(() =>
      foldLogRows(
        db,
        pulled.map((g) => ({
          ts: g.ts,
          last_ts: g.last ?? g.ts,
          service: g.service,
          host: g.host,
          level: g.level,
          message: g.message,
          trace_id: null,
          template_id: g.template,
          lines: g.lines,
        })),
        rule,
      ),
    )();
    await compactStore(db, NOW, RETENTION, noPause);
    const rows = (d: Database.Database) =>
      all(d, 'SELECT ts, last_ts, host, service, level, message, template_id, lines, folded FROM app_logs ORDER BY ts, host, level, message');
    expect(rows(db)).toEqual(rows(whole));
  });

  it('cuts hours where the zone’s clock reads a whole hour (India, +5:30)', async () => {
    const zone = 'Asia/Kolkata';
    const day = Date.parse('2026-11-20T00:00+05:30');
    const db = store(
      [10, 40, 70, 100].map((m, i) => ({
        ts: day + 8 * HOUR + m * MINUTE,
        service: 's',
        host: 'h',
        level: 'INFO',
        message: `done in ${i} ms`,
        template: 1,
        lines: 2,
      })),
    );
    await compactStore(db, Date.parse('2026-11-23T10:00+05:30'), { ...RETENTION, timeZone: zone }, noPause);
    // 08:10 and 08:40 local are one hour; 09:10 and 09:40 the next.
    expect(all(db, 'SELECT ts, lines FROM app_logs ORDER BY ts')).toEqual([
      { ts: day + 8 * HOUR + 10 * MINUTE, lines: 4 },
      { ts: day + 9 * HOUR + 10 * MINUTE, lines: 4 },
    ]);
    expect(startOfZonedDay(day, zone)).toBe(day);
  });
});
