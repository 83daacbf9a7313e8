import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { incidentCauses } from '../../../main/alerts/alertRules.js';
import type { AskTime } from '../../../main/api/askQuery.js';
import { queryWindow } from '../../../main/chat/query/queryWindow.js';
import { defaultConfig } from '../../../main/config/config.js';
import { startOfZonedDay } from '../../../main/config/zonedTime.js';
import { hostSiteResolver } from '../../../main/logs/siteHosts.js';
import { windowAnomalies } from '../../../main/logs/windowAnomalies.js';
import { computeOverview } from '../../../main/placement/siteOverview.js';
import { migrate } from '../../../main/store/migration.js';

/** The working day's hours as a default config has them. */
const WORKDAY = defaultConfig().planning.workday;

const TZ = 'Asia/Tokyo';
const at = (when: string): number => Date.parse(`2025-${when}+09:00`);
const NOW = at('10-23T15:40');
const DAY_START = startOfZonedDay(NOW, TZ);
const MINUTE = 60_000;
const siteOfHost = hostSiteResolver({ mapping: { sapporo: '札幌', morioka: '盛岡' }, sites: [] });
let db: Database.Database;

/** `perMinute` error lines a minute of a service on a host over [from, to). */
function burst(service: string, host: string, from: string, to: string, perMinute: number): void {
  const insert = db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, ?, ?, 'ERROR', ?)");
  for (let t = at(from); t < at(to); t += MINUTE) for (let k = 0; k < perMinute; k++) insert.run(t + k * 1000, service, host, `${service} timed out`);
}
/** One stray error line: the background noise of a service that is not an incident. */
const stray = (service: string, host: string, when: string): void =>
  void db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, ?, ?, 'ERROR', 'stray')").run(at(when), service, host);

/** The incidents of a named window exactly as the app wires them: anomalies of the window, then incidents of that window. */
function incidentsOf(time: AskTime | null, site?: string) {
  const window = time === null ? undefined : queryWindow(time, { now: NOW, dayStart: DAY_START, timeZone: TZ, workday: WORKDAY });
  const cfg = defaultConfig();
  const causes = incidentCauses({
    db,
    now: window ? Math.min(window.to, NOW) : NOW,
    timeZone: TZ,
    config: cfg.alerts,
    workday: cfg.planning,
    overview: computeOverview(db, { now: NOW, timeZone: TZ, speedWindowMinutes: 30, atRiskSlackMinutes: 15 }),
    lastSync: NOW,
    anomalies: windowAnomalies(db, NOW, TZ, window),
    siteOfHost,
    ...(window ? { window } : {}),
  });
  return causes.incidents.filter((i) => site === undefined || i.sites.includes(site)).sort((a, b) => a.start - b.start);
}
/** The error lines of a host in [from, to), counted by SQL apart from the code under test. */
const linesOf = (host: string, from: number, to: number): number =>
  (db.prepare("SELECT COUNT(*) AS n FROM app_logs WHERE host = ? AND level = 'ERROR' AND ts >= ? AND ts < ?").get(host, from, to) as { n: number }).n;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  // Ten days of quiet background (an INFO line every 10 minutes): a baseline exists, with no error in it.
  const insert = db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, 'sync-agent', 'sync-01', 'INFO', 'synced')");
  for (let t = NOW - 10 * 86_400_000; t < NOW; t += 10 * MINUTE) insert.run(t);
  // Last night on the Sapporo OCR host, and this afternoon again; stray errors in between (as in the demo).
  burst('ocr-worker', 'ocr-sapporo-01', '10-22T22:10', '10-22T22:50', 4);
  for (const s of ['10-23T03:18', '10-23T05:01', '10-23T09:09', '10-23T13:21']) stray('ocr-worker', 'ocr-sapporo-01', s);
  burst('ocr-worker', 'ocr-sapporo-01', '10-23T13:50', '10-23T15:40', 3);
  // A Morioka host that failed across the start of work: 08:30 to 09:40.
  burst('entry-api', 'entry-morioka-01', '10-23T08:30', '10-23T09:40', 2);
});

describe('log incidents of a window asked about', () => {
  it('"last night" names only last night’s burst, with its own start, counted inside the window', () => {
    const w = queryWindow('last_night', { now: NOW, dayStart: DAY_START, timeZone: TZ, workday: WORKDAY });
    expect([w.from, w.to]).toEqual([at('10-22T18:00'), at('10-23T09:00')]);
    const list = incidentsOf('last_night');
    expect(list.map((i) => [i.hosts[0], i.start])).toEqual([
      ['ocr-sapporo-01', at('10-22T22:10')],
      ['entry-morioka-01', at('10-23T08:30')],
    ]);
    expect(list[0]!.lines).toBe(linesOf('ocr-sapporo-01', at('10-22T22:10'), at('10-22T22:50')));
    expect(list[0]!.lines).toBe(160);
    // The Morioka burst goes on past 09:00: only its lines inside the window count.
    expect(list[1]!.lines).toBe(linesOf('entry-morioka-01', at('10-23T08:30'), at('10-23T09:00')));
    expect(list[1]!.lines).toBe(60);
    expect(list.every((i) => i.usualLines === 0)).toBe(true);
  });

  it('"this afternoon" names only this afternoon’s burst, starting at 13:50 (not the stray error at 13:21)', () => {
    const list = incidentsOf('this_afternoon');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ hosts: ['ocr-sapporo-01'], sites: ['札幌'], start: at('10-23T13:50') });
    expect(list[0]!.lines).toBe(linesOf('ocr-sapporo-01', at('10-23T13:50'), NOW));
    expect(list[0]!.lines).toBe(330);
  });

  it('"today" and "now": an incident starts where its own burst starts, not at the first stray line of the day (03:18)', () => {
    const today = incidentsOf('today', '札幌');
    expect(today).toHaveLength(1);
    expect(today[0]!.start).toBe(at('10-23T13:50'));
    expect(today[0]!.lines).toBe(330);
    const now = incidentsOf(null, '札幌');
    expect(now.map((i) => [i.start, i.lines])).toEqual([[at('10-23T13:50'), 330]]);
  });

  it('"this morning" and "yesterday" keep to their own hours', () => {
    // The morning is the working morning (9:00–12:00): the Morioka burst that began at 08:30 keeps its start, and only
    // its lines from 9:00 count; the stray night errors (03:18, 05:01) are last night's.
    expect(queryWindow('this_morning', { now: NOW, dayStart: DAY_START, timeZone: TZ, workday: WORKDAY })).toMatchObject({
      from: at('10-23T09:00'),
      to: at('10-23T12:00'),
      label: { ja: '今日の午前（09:00〜12:00）', en: 'this morning (09:00–12:00)' },
    });
    const morning = incidentsOf('this_morning');
    expect(morning.map((i) => [i.hosts[0], i.start, i.lines])).toEqual([
      ['entry-morioka-01', at('10-23T08:30'), linesOf('entry-morioka-01', at('10-23T09:00'), at('10-23T09:40'))],
    ]);
    expect(morning[0]!.lines).toBe(80);
    const yesterday = incidentsOf('yesterday');
    expect(yesterday.map((i) => [i.hosts[0], i.start, i.lines])).toEqual([['ocr-sapporo-01', at('10-22T22:10'), 160]]);
    const last3h = incidentsOf('last_3h');
    expect(last3h.map((i) => [i.hosts[0], i.start])).toEqual([['ocr-sapporo-01', at('10-23T13:50')]]);
  });

  it('two bursts of one host 10 hours apart are two incidents, each with its own start and lines', () => {
    burst('db-proxy', 'dbp-morioka-01', '10-22T03:00', '10-22T03:30', 5);
    burst('db-proxy', 'dbp-morioka-01', '10-22T13:00', '10-22T13:40', 5);
    const list = incidentsOf('yesterday', '盛岡');
    expect(list.map((i) => [i.start, i.lines])).toEqual([
      [at('10-22T03:00'), linesOf('dbp-morioka-01', at('10-22T03:00'), at('10-22T03:30'))],
      [at('10-22T13:00'), linesOf('dbp-morioka-01', at('10-22T13:00'), at('10-22T13:40'))],
    ]);
    expect(list.map((i) => i.lines)).toEqual([150, 200]);
    expect(new Set(list.map((i) => i.id)).size).toBe(2);
  });
});
