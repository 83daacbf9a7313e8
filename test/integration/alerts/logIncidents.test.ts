import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateRules, incidentCauses, type AlertCandidate } from '../../../main/alerts/alertRules.js';
import type { LogAnomaly, LogAnomalyReport } from '../../../main/api/types.js';
import { incidentsAnswer } from '../../../main/chat/analysisTexts.js';
import { defaultConfig } from '../../../main/config/config.js';
import { groupIncidents } from '../../../main/logs/logIncidents.js';
import { hostSiteResolver } from '../../../main/logs/siteHosts.js';
import { computeOverview } from '../../../main/placement/siteOverview.js';
import { migrate } from '../../../main/store/migration.js';

const at = (hm: string): number => Date.parse(`2025-10-23T${hm}+09:00`);
const NOW = at('15:40');
const MINUTE = 60_000;
const siteOfHost = hostSiteResolver({ mapping: { sapporo: '札幌', morioka: '盛岡' }, sites: [] });
let db: Database.Database;

/** Snapshots every 5 minutes from 13:00: `perMinute(t)` items a minute, deadline 17:00. */
function series(site: string, perMinute: (t: number) => number): void {
  let done = 0;
  for (let t = at('13:00'); t <= NOW; t += 5 * MINUTE) {
    db.prepare(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
       VALUES (?, ?, '523201', 'エントリ1', ?, ?, ?)`,
    ).run(t, site, at('17:00'), 2000 - done, done);
    done += perMinute(t) * 5;
  }
}
/** Error lines of a service on a host, `perMinute` a minute from `from` to now. */
function errors(service: string, host: string, from: string, perMinute = 3): void {
  const insert = db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, ?, ?, 'ERROR', ?)");
  for (let t = at(from); t < NOW; t += MINUTE)
    for (let k = 0; k < perMinute; k++) insert.run(t + k * 1000, service, host, `${service} request timed out after 30000 ms`);
}
const burst = (service: string, from: string): LogAnomaly => ({
  kind: 'error_burst',
  severity: 'critical',
  templateId: null,
  service,
  template: null,
  firstSeen: Math.max(at(from), NOW - 60 * MINUTE),
  lastSeen: NOW - MINUTE,
  count: 180,
  score: 40,
  samples: [`${service} request timed out after 30000 ms`],
  explanation: { ja: 'エラー急増', en: 'error burst' },
});
const report = (...anomalies: LogAnomaly[]): LogAnomalyReport => ({ now: NOW, windowMinutes: 60, warmup: false, anomalies });
const inputs = (anomalies: LogAnomalyReport) => ({
  db,
  now: NOW,
  timeZone: 'Asia/Tokyo',
  config: defaultConfig().alerts,
  workday: defaultConfig().planning,
  lastSync: NOW,
  anomalies,
  siteOfHost,
  overview: computeOverview(db, { now: NOW, timeZone: 'Asia/Tokyo', speedWindowMinutes: 30, atRiskSlackMinutes: 15 }),
});
const rules = (anomalies: LogAnomalyReport): AlertCandidate[] => evaluateRules(inputs(anomalies));

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  db.prepare("INSERT INTO locations VALUES (1, '札幌'), (2, '盛岡')").run();
});

describe('log incidents', () => {
  it('groups an error burst and a new message of the same host into one incident that began before the window', () => {
    errors('ocr-worker', 'ocr-sapporo-01', '13:50');
    const insert = db.prepare(
      "INSERT INTO app_logs (ts, service, host, level, message, template_id) VALUES (?, 'ocr-gateway', 'ocr-sapporo-01', 'WARN', ?, 7)",
    );
    for (let t = at('15:00'); t < NOW; t += 2 * MINUTE) insert.run(t, 'OCR queue is full');
    const fresh: LogAnomaly = {
      ...burst('ocr-gateway', '15:00'),
      kind: 'new_template',
      severity: 'warning',
      templateId: 7,
      service: null,
      template: 'OCR queue is full',
      count: 20,
    };
    const other = burst('mailer', '15:10');
    errors('mailer', 'mail-01', '15:10');
    const incidents = groupIncidents(db, report(burst('ocr-worker', '13:50'), fresh, other), {
      gapMinutes: 15,
      lookbackMinutes: 360,
      siteOfHost,
      timeZone: 'Asia/Tokyo',
    });
    expect(incidents).toHaveLength(2);
    const ocr = incidents.find((x) => x.hosts.includes('ocr-sapporo-01'))!;
    expect(ocr).toMatchObject({ services: ['ocr-worker', 'ocr-gateway'], hosts: ['ocr-sapporo-01'], sites: ['札幌'], start: at('13:50'), usualLines: 0 });
    expect(ocr.anomalies.map((a) => a.kind).sort()).toEqual(['error_burst', 'new_template']);
    // Since its start at 13:50 (110 minutes at 3 a minute), not only the window's 180, plus the 20 new messages.
    expect(ocr.lines).toBe(110 * 3 + 20);
    expect(incidents.find((x) => x !== ocr)).toMatchObject({ services: ['mailer'], sites: [] });
  });

  it('an incident that began 2 hours ago counts its lines since its start, in the alert and in the answer', () => {
    // A stray error long before (not part of the burst) and lines of other levels must not count.
    db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, 'ocr-worker', 'ocr-sapporo-01', 'ERROR', 'stray')").run(at('11:00'));
    db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, 'ocr-worker', 'ocr-sapporo-01', 'INFO', 'ok')").run(at('14:00'));
    // The previous 7 days: one error every 10 minutes over the same hours (12 from 13:40 to 15:40).
    for (let d = 1; d <= 7; d++)
      for (let t = at('11:40') - d * 86_400_000; t < NOW - d * 86_400_000; t += 10 * MINUTE)
        db.prepare("INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, 'ocr-worker', 'ocr-sapporo-01', 'ERROR', 'usual')").run(t);
    errors('ocr-worker', 'ocr-sapporo-01', '13:40');
    const anomalies = report(burst('ocr-worker', '13:40'));
    const since = (
      db.prepare("SELECT COUNT(*) AS n FROM app_logs WHERE service = 'ocr-worker' AND level = 'ERROR' AND ts >= ? AND ts < ?").get(at('13:40'), NOW) as {
        n: number;
      }
    ).n;
    expect(since).toBe(120 * 3);
    // Its usual is the same span of the day before (every previous day has the same count).
    const usual = (
      db
        .prepare("SELECT COUNT(*) AS n FROM app_logs WHERE service = 'ocr-worker' AND level = 'ERROR' AND ts >= ? AND ts < ?")
        .get(at('13:40') - 86_400_000, NOW - 86_400_000) as { n: number }
    ).n;
    expect(usual).toBe(12);

    const causes = incidentCauses(inputs(anomalies));
    expect(causes.incidents).toHaveLength(1);
    expect(causes.incidents[0]).toMatchObject({ start: at('13:40'), lines: since, usualLines: usual });

    const alert = rules(anomalies).find((c) => c.kind === 'log_anomaly')!;
    expect(alert.detail).toMatchObject({ start: at('13:40'), lines: since });
    expect(alert.title.ja).toContain(`13:40から${since}行（通常${usual}行）`);
    expect(alert.title.en).toContain(`${since} lines since 13:40 (usually ${usual})`);

    const incidents = { now: NOW, warmup: false, incidents: causes.incidents.map((x) => ({ ...x, affects: [] })) };
    expect(incidentsAnswer(incidents, { lang: 'ja', timeZone: 'Asia/Tokyo', businessNames: {} }, null)).toContain(`13:40から${since}行`);
    expect(incidentsAnswer(incidents, { lang: 'en', timeZone: 'Asia/Tokyo', businessNames: {} }, null)).toContain(`${since} lines since 13:40`);
  });

  it('an incident that precedes a drop in the site’s speed is its likely cause, with the numbers', () => {
    series('札幌', (t) => (t < at('13:50') ? 8 : 4));
    errors('ocr-worker', 'ocr-sapporo-01', '13:50');
    const all = rules(report(burst('ocr-worker', '13:50')));
    const log = all.filter((c) => c.kind === 'log_anomaly');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ site: '札幌', process: 'エントリ1', severity: 'critical' });
    expect(log[0]!.title.ja).toBe(
      'ログの障害（札幌）: ocr-sapporo-01 13:50から330行（通常0行）。札幌 エントリ1（業務523201）の速度 毎分8.0 → 4.0件（13:50から）',
    );
    expect(log[0]!.detail.affects).toEqual([
      { incidentId: expect.any(String), site: '札幌', process: 'エントリ1', businessId: '523201', speedBefore: 8, speedAfter: 4, dropAt: at('13:50') },
    ]);
    const delay = all.find((c) => c.kind === 'delay_risk')!;
    expect(delay.detail.likelyCause).toEqual({
      ja: 'ocr-sapporo-01 のログ障害（13:50から）: 速度 毎分8.0 → 4.0件（13:50から）',
      en: 'Log incident on ocr-sapporo-01 (from 13:50): speed 8.0 → 4.0 items/min (from 13:50)',
    });
  });

  it('a drop that was there before the incident is not laid at its door', () => {
    series('札幌', (t) => (t < at('13:20') ? 8 : 4));
    errors('ocr-worker', 'ocr-sapporo-01', '14:45');
    const all = rules(report(burst('ocr-worker', '14:45')));
    const log = all.find((c) => c.kind === 'log_anomaly')!;
    expect(log.detail.affects).toEqual([]);
    expect(log.process).toBeNull();
    expect(all.find((c) => c.kind === 'delay_risk')?.detail.likelyCause ?? null).toBeNull();
  });

  it('two incidents at once on different sites: one alert each, each linked to its own site', () => {
    series('札幌', (t) => (t < at('13:50') ? 8 : 4));
    series('盛岡', (t) => (t < at('14:20') ? 6 : 2));
    errors('ocr-worker', 'ocr-sapporo-01', '13:50');
    errors('db-pool', 'db-morioka-01', '14:20');
    const log = rules(report(burst('ocr-worker', '13:50'), burst('db-pool', '14:20'))).filter((c) => c.kind === 'log_anomaly');
    expect(
      log
        .map((c) => [
          c.site,
          (c.detail.affects as { site: string; speedBefore: number; speedAfter: number }[]).map((l) => [l.site, l.speedBefore, l.speedAfter]),
        ])
        .sort(),
    ).toEqual([
      ['札幌', [['札幌', 8, 4]]],
      ['盛岡', [['盛岡', 6, 2]]],
    ]);
  });

  it('maps hosts to sites by the configured part of the name, then by the sites’ own names or labels', () => {
    const resolve = hostSiteResolver({ mapping: { 'ocr-a': '札幌' }, sites: [{ name: '盛岡', label: 'morioka' }, { name: 'Tokyo' }] });
    expect(['ocr-a', 'app-morioka-02', 'db.tokyo.local', 'other-01'].map(resolve)).toEqual(['札幌', '盛岡', 'Tokyo', null]);
  });
});
