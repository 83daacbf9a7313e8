import type Database from 'better-sqlite3';
import type { LogAnomaly, LogAnomalyReport, LogIncident } from '../api/types.js';
import { median } from '../median.js';
import { groupNearShared } from './groupNearShared.js';

export interface IncidentOptions {
  /** Anomalies that share a service or a host and lie this close in time are one incident. */
  gapMinutes: number;
  /** How far back the start of a burst is looked for. */
  lookbackMinutes: number;
  /** The site a host serves, where the data or the configuration says so; null: unknown. */
  siteOfHost: (host: string) => string | null;
}

export const DEFAULT_INCIDENT: Omit<IncidentOptions, 'siteOfHost'> = { gapMinutes: 15, lookbackMinutes: 360 };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Buckets for finding where a burst began. */
const BUCKET = 5 * MINUTE;

/** Where an anomaly's lines come from: the services and hosts that wrote them in the window. */
interface Footprint {
  anomaly: LogAnomaly;
  services: Set<string>;
  hosts: Map<string, number>;
}

/**
 * Anomalies that belong together become one incident: the same service or host, windows
 * that overlap (or lie within gapMinutes). An incident has a start (where its burst began,
 * looked for before the anomaly window), an end, the messages involved, their count since
 * the start against the usual count over the same span of the day, and the hosts, services
 * and sites.
 */
export function groupIncidents(db: Database.Database, report: LogAnomalyReport, o: IncidentOptions): LogIncident[] {
  const from = report.now - report.windowMinutes * MINUTE;
  const byTemplate = db.prepare('SELECT service, host, SUM(lines) AS n FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ? GROUP BY service, host');
  const byService = db.prepare("SELECT host, SUM(lines) AS n FROM app_logs WHERE service = ? AND level = 'ERROR' AND ts >= ? AND ts < ? GROUP BY host");
  const prints: Footprint[] = report.anomalies.map((anomaly) => {
    const services = new Set<string>();
    const hosts = new Map<string, number>();
    const rows =
      anomaly.templateId !== null
        ? (byTemplate.all(anomaly.templateId, from, report.now) as { service: string; host: string; n: number }[])
        : (byService.all(anomaly.service, from, report.now) as { host: string; n: number }[]).map((r) => ({ ...r, service: anomaly.service! }));
    for (const r of rows) {
      services.add(r.service);
      hosts.set(r.host, (hosts.get(r.host) ?? 0) + r.n);
    }
    if (anomaly.service) services.add(anomaly.service);
    return { anomaly, services, hosts };
  });

  // Shared service or host, and near in time.
  const groups = groupNearShared(
    prints,
    (p) => [...[...p.services].map((x) => `s\u0001${x}`), ...[...p.hosts.keys()].map((h) => `h\u0001${h}`)],
    (p) => [p.anomaly.firstSeen, p.anomaly.lastSeen],
    o.gapMinutes * MINUTE,
  );

  const incidents = groups.map((members) => toIncident(db, members, report, o));
  const rank = { critical: 0, warning: 1 };
  return incidents.sort((a, b) => rank[a.severity] - rank[b.severity] || b.lines - a.lines);
}

function toIncident(db: Database.Database, members: Footprint[], report: LogAnomalyReport, o: IncidentOptions): LogIncident {
  const templates = [...new Set(members.map((m) => m.anomaly.templateId).filter((t): t is number => t !== null))];
  const errorServices = [...new Set(members.filter((m) => m.anomaly.kind === 'error_burst').map((m) => m.anomaly.service!))];
  const hosts = new Map<string, number>();
  const services = new Map<string, number>();
  for (const m of members) {
    for (const [h, n] of m.hosts) hosts.set(h, (hosts.get(h) ?? 0) + n);
    for (const s of m.services) services.set(s, (services.get(s) ?? 0) + (m.anomaly.count ?? 0));
  }
  // The lines of the incident: its templates' lines and its services' errors (each line once).
  const where = [
    templates.length > 0 ? `template_id IN (${templates.map(() => '?').join(',')})` : null,
    errorServices.length > 0 ? `(level = 'ERROR' AND service IN (${errorServices.map(() => '?').join(',')}))` : null,
  ]
    .filter(Boolean)
    .join(' OR ');
  const params = [...templates, ...errorServices];
  const count = db.prepare(
    `SELECT COALESCE(SUM(lines), 0) AS n, MIN(ts) AS f, MAX(COALESCE(last_ts, ts)) AS l FROM app_logs WHERE ts >= ? AND ts < ? AND (${where})`,
  );
  const windowMs = report.windowMinutes * MINUTE;
  const from = report.now - windowMs;
  const now = count.get(from, report.now, ...params) as { n: number; f: number | null; l: number | null };
  /** The median of [a, b) shifted back by each of the previous 7 days: the usual count at that time of day. */
  const usualOver = (a: number, b: number): number =>
    median([1, 2, 3, 4, 5, 6, 7].map((d) => (count.get(a - d * DAY, b - d * DAY, ...params) as { n: number }).n));
  const usual = usualOver(from, report.now);

  // Where the burst began: back from the window, bucket by bucket, while the rate stays above
  // twice the usual one (and above one line a bucket).
  const perBucket = Math.max(1, (2 * usual * BUCKET) / windowMs);
  const buckets = db
    .prepare(
      `SELECT (ts / ${BUCKET}) * ${BUCKET} AS b, SUM(lines) AS n, MIN(ts) AS f FROM app_logs
       WHERE ts >= ? AND ts < ? AND (${where}) GROUP BY b ORDER BY b DESC`,
    )
    .all(report.now - o.lookbackMinutes * MINUTE, report.now, ...params) as { b: number; n: number; f: number }[];
  let start = now.f ?? from;
  let expected = Math.floor((now.f ?? report.now) / BUCKET) * BUCKET;
  for (const k of buckets) {
    if (k.b > expected) continue;
    if (k.b < expected - BUCKET || k.n < perBucket) break;
    start = Math.min(start, k.f);
    expected = k.b;
  }

  // The count said with the start ("13:50から556行") is the lines since that start, not only
  // the anomaly window's: an incident older than the window would otherwise read as smaller
  // than it is. Its usual is the same span on the previous days, so the two compare.
  const since = (count.get(start, report.now, ...params) as { n: number }).n;
  // Of those, the errors: what the error bars of the timeline add up to over the same span.
  const errorLines = (
    db
      .prepare(`SELECT COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE ts >= ? AND ts < ? AND level = 'ERROR' AND (${where})`)
      .get(start, report.now, ...params) as {
      n: number;
    }
  ).n;

  const anomalies = members.map((m) => m.anomaly);
  const hostList = [...hosts].sort((a, b) => b[1] - a[1]).map(([h]) => h);
  const sites = [...new Set(hostList.map(o.siteOfHost).filter((s): s is string => s !== null))];
  const serviceList = [...services].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const critical = anomalies.some((a) => a.severity === 'critical') || sites.length > 1 || serviceList.length > 1;
  return {
    id: `${serviceList[0] ?? 'logs'}@${Math.floor(start / MINUTE)}`,
    start,
    end: Math.max(...anomalies.map((a) => a.lastSeen)),
    services: serviceList,
    hosts: hostList,
    sites,
    lines: since,
    errorLines,
    usualLines: Math.round(usualOver(start, report.now) * 10) / 10,
    severity: critical ? 'critical' : 'warning',
    anomalies,
    samples: [...new Set(anomalies.flatMap((a) => a.samples))].slice(0, 3),
  };
}
