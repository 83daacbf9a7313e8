import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { fullQuery } from '../../../main/api/askQuery.js';
import type { LogIncident } from '../../../main/api/types.js';
import { siteTimeline } from '../../../main/alerts/siteTimeline.js';
import { storeMeasureAnswer } from '../../../main/chat/query/storeMeasureAnswer.js';
import { DEFAULT_INCIDENT, groupIncidents } from '../../../main/logs/logIncidents.js';
import { logVolume } from '../../../main/logs/logVolume.js';
import { matchingLines, warningLines } from '../../../main/logs/matchingLines.js';
import { warningSpan } from '../../../main/logs/warningSpan.js';
import { windowAnomalies } from '../../../main/logs/windowAnomalies.js';
import { compactStore } from '../../../main/store/compactStore.js';
import { migrate } from '../../../main/store/migration.js';
import { shapeText } from '../../../main/sync/logShapeSql.js';
import { drillTemplate } from '../../../main/sync/templateDrill.js';
import { writeGroups, type MinuteGroup } from '../../helpers/groupedLogRows.js';
import { storeQueryContext } from '../../helpers/storeQueryContext.js';

const ZONE = 'Asia/Tokyo';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-23T10:00+09:00');
/** Thursday 11/20: older than the minute window (today and yesterday) on Monday 11/23, so kept per hour after compaction. */
const DAY = Date.parse('2026-11-20T00:00+09:00');
const FIRST = Date.parse('2026-11-13T00:00+09:00');
const AFTERNOON = { from: DAY + 12 * HOUR, to: DAY + 18 * HOUR };
/**
 * The incident: the database refusing connections from 14:10 to 14:34 on 11/20, 30 lines a minute, and from 14:30 its
 * pool exhausted too, 10 a minute (another shape of the same template). The database also logs a slow query as an
 * error every minute of every day: an error rate that is usual, which an hour in one 5-minute bucket would make a burst.
 */
const BURST = { from: DAY + 14 * HOUR + 10 * MINUTE, minutes: 25, lines: 25 * 30 + 5 * 10 };

/**
 * Ten days of a grouped source's minute rows: claims saved on two application hosts every minute, a disk warning on the
 * export host every 10 minutes, and on 11/20 the incident; as a log-group sync leaves them.
 */
function groups(): MinuteGroup[] {
  const out: MinuteGroup[] = [];
  for (let t = FIRST; t < NOW; t += MINUTE) {
    const m = Math.floor(t / MINUTE);
    for (const host of ['app-01', 'app-02'])
      out.push({
        ts: t + 2000,
        last: t + 55_000,
        service: 'claims',
        host,
        level: 'INFO',
        message: `Saved claim ${m} in ${m % 97} ms`,
        template: 1,
        lines: 1 + (m % 3),
      });
    out.push({
      ts: t + 3000,
      last: t + 3000,
      service: 'db',
      host: 'db-01',
      level: 'ERROR',
      message: `Slow query took ${1000 + (m % 50)} ms`,
      template: 4,
      lines: 1,
    });
    if (m % 10 === 0)
      out.push({
        ts: t + 7000,
        last: t + 7000,
        service: 'export',
        host: 'export-01',
        level: 'WARN',
        message: `Disk usage ${90 + (m % 9)}% on /data`,
        template: 3,
        lines: 1,
      });
  }
  for (let k = 0; k < BURST.minutes; k++) {
    const t = BURST.from + k * MINUTE;
    out.push({
      ts: t + 1000,
      last: t + 50_000,
      service: 'db',
      host: 'db-01',
      level: 'ERROR',
      message: `Connection refused to replica ${k % 3}`,
      template: 2,
      lines: 30,
    });
    if (k >= 20)
      out.push({
        ts: t + 4000,
        last: t + 40_000,
        service: 'db',
        host: 'db-01',
        level: 'ERROR',
        message: `Connection pool exhausted for replica ${k % 3}`,
        template: 2,
        lines: 10,
      });
  }
  return out;
}

/** What each reader says about 11/20 and its afternoon. */
function read(db: Database.Database) {
  const report = windowAnomalies(db, NOW, ZONE, { from: DAY, to: DAY + 24 * HOUR, label: { ja: '11/20', en: '11/20' } });
  const incidents = groupIncidents(db, report, {
    ...DEFAULT_INCIDENT,
    siteOfHost: (h) => (h === 'db-01' ? 'sapporo' : null),
    timeZone: ZONE,
    window: { from: DAY, to: DAY + 24 * HOUR },
  });
  return {
    report,
    incidents,
    volume: logVolume(db, AFTERNOON, NOW),
    timeline: siteTimeline(db, {
      site: 'sapporo',
      ...AFTERNOON,
      causes: { incidents: [], links: [] },
      siteOfHost: (h) => (h === 'db-01' ? 'sapporo' : null),
      templateId: 2,
    }),
    lines: matchingLines(db, AFTERNOON, { ...AFTERNOON, buckets: 24 }),
    warnings: warningSpan(db, { hosts: ['export-01'], services: [] }, { from: DAY, to: DAY + 24 * HOUR }),
    warningLines: warningLines(db, { host: 'export-01', from: DAY, to: DAY + 24 * HOUR }),
  };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
/** Values per hour of points per smaller bucket. */
function perHour(points: { at: number; n: number }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of points) out.set(Math.floor(p.at / HOUR) * HOUR, (out.get(Math.floor(p.at / HOUR) * HOUR) ?? 0) + p.n);
  return out;
}
const incidentFacts = (i: LogIncident) => ({ start: i.start, end: i.end, lines: i.lines, errorLines: i.errorLines, hosts: i.hosts, services: i.services });
/** The incident's lines (its template's, and the database's errors) in [from, to), as SQL counts them. */
const INCIDENT_LINES = "SELECT SUM(lines) AS n FROM app_logs WHERE (template_id = 2 OR (level = 'ERROR' AND service = 'db')) AND ts >= ? AND ts < ?";

describe('readers of app_logs on a day folded to hours', () => {
  const db = new Database(':memory:');
  let before: ReturnType<typeof read>;
  let after: ReturnType<typeof read>;
  const sql = (q: string, ...p: unknown[]): number => (db.prepare(q).get(...p) as { n: number }).n;

  beforeAll(async () => {
    migrate(db);
    writeGroups(db, groups());
    before = read(db);
    const r = await compactStore(
      db,
      NOW,
      { keepRawDays: 10, keepAggregateDays: 90, keepSnapshotDays: 90, timeZone: ZONE, keepMinuteDays: 1, foldShape: (m) => shapeText(m) },
      () => Promise.resolve(),
    );
    expect(r.foldedLogs).toBeGreaterThan(0);
    expect(sql('SELECT COUNT(*) AS n FROM app_logs WHERE folded = 0 AND ts >= ? AND ts < ?', DAY, DAY + 24 * HOUR)).toBe(0);
    after = read(db);
  }, 60_000);

  it('totals: every count over whole hours, and the first and last line, as before folding and as SQL counts them', () => {
    expect([...after.lines].map(([id, m]) => [id, m.lines, m.errors])).toEqual([...before.lines].map(([id, m]) => [id, m.lines, m.errors]));
    for (const [id, m] of after.lines)
      expect(m.lines).toBe(sql('SELECT SUM(lines) AS n FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ?', id, AFTERNOON.from, AFTERNOON.to));
    expect(after.warnings).toEqual(before.warnings);
    expect(after.warningLines).toEqual(before.warningLines);
    expect(after.warnings!.last).toBe(sql("SELECT MAX(last_ts) AS n FROM app_logs WHERE host = 'export-01' AND ts < ?", DAY + 24 * HOUR));
  });

  it('an incident on an older day is still found: its start is a first line inside its hour, and its count exact', () => {
    // Per minute: from the burst's first line, its lines and the usual slow queries among them.
    expect(before.incidents.map(incidentFacts)).toEqual([
      {
        start: BURST.from + 1000,
        end: BURST.from + 24 * MINUTE + 50_000,
        lines: BURST.lines + 25,
        errorLines: BURST.lines + 25,
        hosts: ['db-01'],
        services: ['db'],
      },
    ]);
    // Per hour: from the hour's first line of them (a slow query at 14:00:03) to its last (14:59:03); every line of that span.
    expect(after.incidents.map(incidentFacts)).toEqual([
      {
        start: DAY + 14 * HOUR + 3000,
        end: DAY + 14 * HOUR + 59 * MINUTE + 3000,
        lines: BURST.lines + 60,
        errorLines: BURST.lines + 60,
        hosts: ['db-01'],
        services: ['db'],
      },
    ]);
    const [incident] = after.incidents;
    expect(incident!.lines).toBe(sql(INCIDENT_LINES, incident!.start, incident!.end + 1));
    // The anomalies behind it read the per-minute counts (exact per template) and count the window's errors as SQL does.
    expect(after.report.anomalies.map((a) => [a.kind, a.templateId, a.count, a.firstSeen])).toEqual(
      before.report.anomalies.map((a) => [a.kind, a.templateId, a.count, a.firstSeen]),
    );
  });

  it('charts: per hour where the window reaches the folded day, and said so; each hour’s lines those of its minutes', () => {
    expect(before.volume.bucketMinutes).toBe(5);
    expect(after.volume.bucketMinutes).toBe(60);
    for (const level of ['INFO', 'WARN', 'ERROR'] as const) {
      const hourly = perHour(before.volume.buckets.map((b) => ({ at: b.at, n: b[level] })));
      expect(new Map(after.volume.buckets.map((b) => [b.at, b[level]]))).toEqual(hourly);
    }
    expect(before.timeline.bucketMinutes).toBe(5);
    expect(after.timeline.bucketMinutes).toBe(60);
    const errorsPerHour = perHour(before.timeline.logs.map((l) => ({ at: l.at, n: l.errors })));
    expect(after.timeline.logs.map((l) => [l.at, l.errors])).toEqual([...errorsPerHour].filter(([, n]) => n > 0));
    expect(after.timeline.template!.points).toEqual([{ at: DAY + 14 * HOUR, lines: BURST.lines }]);
  });

  it('a template’s trend finer than an hour spreads a folded hour from its first line to its last, never into one bucket', () => {
    for (const [id, m] of after.lines) {
      const was = before.lines.get(id)!;
      expect(sum(m.trend)).toBeCloseTo(m.lines, 6);
      // 15-minute buckets: each hour's four add up to its lines.
      for (let h = 0; h < 6; h++) expect(sum(m.trend.slice(4 * h, 4 * h + 4))).toBeCloseTo(sum(was.trend.slice(4 * h, 4 * h + 4)), 6);
    }
    // The incident's hour: 14:10:01 to 14:34:50 over the buckets of 14:00, 14:15 and 14:30, none with all of it.
    const burst = after.lines.get(2)!.trend.slice(8, 12);
    expect(burst.filter((n) => n > 0)).toHaveLength(3);
    expect(Math.max(...burst)).toBeLessThan(BURST.lines * 0.6);
  });

  it('a chat trend of error lines that reaches the folded day steps by the hour and says so', () => {
    const ctx = storeQueryContext(db, DAY + 15 * HOUR, DAY);
    const q = fullQuery({ op: 'trend', measure: 'error_lines', time: 'last_3h' });
    const ja = storeMeasureAnswer(q, ctx('ja'))!;
    expect(ja.text).toContain('1時間ごと');
    expect(storeMeasureAnswer(q, ctx('en'))!.text).toContain('hour by hour');
    expect(ja.table.rows.map((r) => Number(r[1]))).toEqual([
      sql(INCIDENT_LINES.replace('template_id = 2 OR ', ''), DAY + 12 * HOUR, DAY + 13 * HOUR),
      sql(INCIDENT_LINES.replace('template_id = 2 OR ', ''), DAY + 13 * HOUR, DAY + 14 * HOUR),
      sql(INCIDENT_LINES.replace('template_id = 2 OR ', ''), DAY + 14 * HOUR, DAY + 15 * HOUR),
    ]);
  });

  it('the drill-down sends the shapes of rows that began before its window and hold lines inside it', async () => {
    const sent: string[][] = [];
    const drill = await drillTemplate(
      db,
      {
        drill: (messages) => {
          sent.push(messages);
          return Promise.resolve({ shapes: [], moreShapes: 0, lines: [], total: 0, shapesFrom: 0 } as never);
        },
      },
      2,
      { from: DAY + 14 * HOUR + 30 * MINUTE, to: DAY + 15 * HOUR },
    );
    expect(drill).not.toBeNull();
    // The refusals' hour row starts at 14:10, before the window, the pool's at 14:30: both shapes are the template's there.
    expect(sent[0]!.map((m) => shapeText(m)).sort()).toEqual(['Connection pool exhausted for replica 0', 'Connection refused to replica 0']);
  });
});
