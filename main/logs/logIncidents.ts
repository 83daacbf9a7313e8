import type Database from 'better-sqlite3';
import type { LogAnomaly, LogAnomalyReport, LogIncident } from '../api/types.js';
import { median } from '../median.js';
import { groupNearShared } from './groupNearShared.js';
import { DEFAULT_ANOMALY } from './logAnomalies.js';
import { addZonedDays, zoneOffsetMs } from '../config/zonedTime.js';
import { sameKindDays } from './sameKindDays.js';
import { proratedLinesSql, proratedParams } from './foldedHours.js';

export interface IncidentOptions {
  /** Anomalies that share a service or a host and lie this close in time are one incident. */
  gapMinutes: number;
  /** How far back the start of a burst is looked for. */
  lookbackMinutes: number;
  /** The site a host serves, where the data or the configuration says so; null: unknown. */
  siteOfHost: (host: string) => string | null;
  /** The company's zone: "the same time of day" on previous days is the same wall-clock time there. */
  timeZone: string;
  /**
   * A window the manager asked about (「昨夜」, 「今日の午後」): only incidents whose burst
   * overlaps it, their lines counted inside it. Without one, the anomaly window is "now" and
   * an incident's lines are counted from its start to now.
   */
  window?: { from: number; to: number };
}

export const DEFAULT_INCIDENT: Omit<IncidentOptions, 'siteOfHost' | 'timeZone'> = { gapMinutes: 15, lookbackMinutes: 360 };

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Buckets for finding where a burst began. */
const BUCKET = 5 * MINUTE;
/**
 * A burst smaller than this is noise beside the incident's others (two stray lines that
 * happened to fall in one bucket), the anomalies' own minimum count.
 */
const MIN_BURST_LINES = DEFAULT_ANOMALY.minCount;

/** Where an anomaly's lines come from: the services and hosts that wrote them in the window. */
interface Footprint {
  anomaly: LogAnomaly;
  services: Set<string>;
  hosts: Map<string, number>;
  /** Whether it signals trouble: anything but a spike of a message written only at INFO or DEBUG. */
  trouble: boolean;
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
  const byTemplate = db.prepare(
    "SELECT service, host, SUM(lines) AS n, MAX(level NOT IN ('INFO', 'DEBUG')) AS loud FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ? GROUP BY service, host",
  );
  const byService = db.prepare("SELECT host, SUM(lines) AS n FROM app_logs WHERE service = ? AND level = 'ERROR' AND ts >= ? AND ts < ? GROUP BY host");
  const prints: Footprint[] = report.anomalies.map((anomaly) => {
    const services = new Set<string>();
    const hosts = new Map<string, number>();
    const rows =
      anomaly.templateId !== null
        ? (byTemplate.all(anomaly.templateId, from, report.now) as { service: string; host: string; n: number; loud: number }[])
        : (byService.all(anomaly.service, from, report.now) as { host: string; n: number }[]).map((r) => ({ ...r, service: anomaly.service!, loud: 1 }));
    for (const r of rows) {
      services.add(r.service);
      hosts.set(r.host, (hosts.get(r.host) ?? 0) + r.n);
    }
    if (anomaly.service) services.add(anomaly.service);
    return { anomaly, services, hosts, trouble: anomaly.kind !== 'spike' || rows.some((r) => r.loud === 1) };
  });

  // Shared service or host, and near in time.
  const groups = groupNearShared(
    prints,
    (p) => [...[...p.services].map((x) => `s\u0001${x}`), ...[...p.hosts.keys()].map((h) => `h\u0001${h}`)],
    (p) => [p.anomaly.firstSeen, p.anomaly.lastSeen],
    o.gapMinutes * MINUTE,
  );

  // More of an ordinary message (logins, saves, images taken in on a busy week) is volume, not trouble: a group is an
  // incident only where one of its signals is trouble (errors, warnings, a new or unlike message, a message that stopped).
  const found = groups.filter((members) => members.some((m) => m.trouble)).flatMap((members) => toIncidents(db, members, report, o));
  // One burst is one incident, whichever of its days' groups found it.
  const byId = new Map<string, LogIncident>();
  for (const i of found) {
    const seen = byId.get(i.id);
    if (!seen) byId.set(i.id, i);
    else seen.anomalies = [...new Set([...seen.anomalies, ...i.anomalies])];
  }
  const incidents = [...byId.values()];
  const rank = { critical: 0, warning: 1 };
  return incidents.sort((a, b) => rank[a.severity] - rank[b.severity] || b.lines - a.lines);
}

/** A run of busy buckets of an incident's lines: [start, end] are its first and last line. */
interface Burst {
  start: number;
  end: number;
  lines: number;
}

/** A bucket of an incident's lines: 5 minutes, or an hour on a folded day (`hourly`). */
interface Bucket {
  b: number;
  hourly: number;
  n: number;
  f: number;
  l: number;
}

/**
 * The bursts of an incident's lines, oldest first. A bucket is busy when it holds at least
 * two lines and more than twice the usual rate at that time of day (`usualOver`: the
 * median of the same hour on the previous days, over the bucket's length): a single stray line is not a
 * burst, nor is a busy service's ordinary peak hour. A quiet gap of `gapMinutes` with no
 * busy bucket ends a burst, so the same host failing at 03:00 and again at 13:00 gives two
 * bursts, and an afternoon incident does not start at a stray error of the night.
 */
function burstsOf(rows: Bucket[], usualOver: (bucket: number, size: number) => number, gapMs: number): Burst[] {
  const bursts: Burst[] = [];
  let lastEnd = -Infinity;
  for (const k of rows) {
    const size = k.hourly ? HOUR : BUCKET;
    if (k.n < 2 || k.n <= 2 * usualOver(k.b, size)) continue;
    const current = bursts.at(-1);
    if (current && k.b - lastEnd < gapMs) {
      current.end = Math.max(current.end, k.l);
      current.lines += k.n;
    } else bursts.push({ start: k.f, end: k.l, lines: k.n });
    lastEnd = k.b + size;
  }
  return bursts;
}

function toIncidents(db: Database.Database, members: Footprint[], report: LogAnomalyReport, o: IncidentOptions): LogIncident[] {
  const templates = [...new Set(members.map((m) => m.anomaly.templateId).filter((t): t is number => t !== null))];
  const errorServices = [...new Set(members.filter((m) => m.anomaly.kind === 'error_burst').map((m) => m.anomaly.service!))];
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
  const anomalyFrom = report.now - windowMs;
  /** The same wall-clock time `d` local days earlier (later for a negative `d`): a DST change between moves no hour. */
  const back = (t: number, d: number): number => addZonedDays(t, -d, o.timeZone);
  const within = o.window ? { from: o.window.from, to: Math.min(o.window.to, report.now) } : { from: anomalyFrom, to: report.now };
  // The usual is the same hours of the 7 nearest earlier days of the same kind as the window's (working days for a
  // working day).
  const lags = sameKindDays((within.from + within.to) / 2, o.timeZone, 7);
  // On a folded day (an hour a row: foldedHours.ts) the part of each hour inside [a, b) is an estimate, which a median of
  // earlier days is anyway; where the rows are per minute it is their exact count.
  const prorated = db.prepare(proratedLinesSql(where));
  /** The median of [a, b) shifted back by each of those days: the usual count at that time of day. */
  const usualOver = (a: number, b: number): number =>
    median(lags.map((d) => (prorated.get(...proratedParams(back(a, d), back(b, d), o.timeZone), ...params) as { n: number }).n));

  const rangeFrom = within.from - o.lookbackMinutes * MINUTE;
  // A row folded to an hour (foldedHours.ts) is a bucket of its hour: where a burst on an older day began is known to
  // its first line, its lines to the hour, never all in one 5 minutes.
  const phase = ((zoneOffsetMs(rangeFrom, o.timeZone) % HOUR) + HOUR) % HOUR;
  const buckets = db
    .prepare(
      `SELECT CASE WHEN folded = 1 THEN ts - ((ts + ${phase}) % ${HOUR}) ELSE (ts / ${BUCKET}) * ${BUCKET} END AS b, folded AS hourly,
         SUM(lines) AS n, MIN(ts) AS f, MAX(COALESCE(last_ts, ts)) AS l FROM app_logs
       WHERE ts >= ? AND ts < ? AND (${where}) GROUP BY b, hourly ORDER BY b, hourly`,
    )
    .all(rangeFrom, within.to, ...params) as Bucket[];
  const hourly = db.prepare(`SELECT (ts / ${HOUR}) * ${HOUR} AS h, SUM(lines) AS n FROM app_logs WHERE ts >= ? AND ts < ? AND (${where}) GROUP BY h`);
  // Each earlier day's hours, keyed by the hour they fall on today (the same wall-clock hour, moved forward d local days).
  const earlier = lags.map(
    (d) =>
      new Map(
        (hourly.all(back(rangeFrom, d), back(within.to, d), ...params) as { h: number; n: number }[]).map((r) => [
          Math.floor(back(r.h, -d) / HOUR) * HOUR,
          r.n,
        ]),
      ),
  );
  const usualPerBucket = (bucket: number, size: number): number => {
    const h = Math.floor(bucket / HOUR) * HOUR;
    return (median(earlier.map((m) => m.get(h) ?? 0)) * size) / HOUR;
  };
  const overlapping = burstsOf(buckets, usualPerBucket, o.gapMinutes * MINUTE).filter((b) => b.start < within.to && b.end >= within.from);
  const sized = overlapping.filter((b) => b.lines >= MIN_BURST_LINES);
  // In a window asked about, a burst is this group's where one of its signals lies in it: the same message failing on
  // another day of a week asked about is that day's group (the window is looked at a day at a time, windowAnomalies.ts).
  const big = o.window ? sized.filter((b) => members.some((m) => m.anomaly.firstSeen <= b.end && m.anomaly.lastSeen >= b.start)) : sized;
  // Signals too thin to make a burst (a new message seen 3 times, a disk warning an hour)
  // are still an incident: their lines in the window are its span.
  const inWindow = count.get(within.from, within.to, ...params) as { n: number; f: number | null; l: number | null };
  // An anomaly whose lines the store no longer holds (compacted, or a report made elsewhere) is still an incident: its span
  // is the anomaly's own, its lines the anomaly's count.
  const signalled = members.map((m) => m.anomaly);
  const reported = (): Burst[] =>
    signalled.length === 0
      ? []
      : [
          {
            start: Math.min(...signalled.map((a) => a.firstSeen)),
            end: Math.max(...signalled.map((a) => a.lastSeen)),
            lines: signalled.reduce((n, a) => n + a.count, 0),
          },
        ];
  // In a window asked about, signals whose lines make no burst of their own: the signals' own span, not the window's.
  const ownSpan = (): Burst[] => {
    const r = count.get(Math.min(...signalled.map((a) => a.firstSeen)), Math.max(...signalled.map((a) => a.lastSeen)) + 1, ...params) as typeof inWindow;
    return r.f !== null ? [{ start: r.f, end: r.l ?? r.f, lines: r.n }] : reported();
  };
  // A message that got rarer has no burst: busier buckets of it are not the trouble. Its span is its signals'.
  const dips = members.every((m) => m.anomaly.kind === 'dip');
  const bursts: Burst[] = dips
    ? ownSpan()
    : big.length > 0
      ? big
      : o.window
        ? ownSpan()
        : inWindow.f !== null
          ? [{ start: inWindow.f, end: inWindow.l ?? inWindow.f, lines: inWindow.n }]
          : reported();

  const breakdown = db.prepare(
    `SELECT service, host, level = 'ERROR' AS error, COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE ts >= ? AND ts < ? AND (${where}) GROUP BY service, host, error`,
  );
  return bursts.map((burst) => {
    // The count said with the start ("13:50から556行") is the burst's lines from its start
    // (inside the window asked about, where one was), not only the anomaly window's: an
    // incident older than the window would otherwise read as smaller than it is. Its usual
    // is the same span on the previous days, so the two compare.
    const from = Math.max(burst.start, o.window ? within.from : burst.start);
    const to = Math.min(burst.end + 1, within.to);
    const rows = breakdown.all(from, to, ...params) as { service: string; host: string; error: number; n: number }[];
    const hosts = new Map<string, number>();
    const services = new Map<string, number>();
    for (const r of rows) {
      hosts.set(r.host, (hosts.get(r.host) ?? 0) + r.n);
      services.set(r.service, (services.get(r.service) ?? 0) + r.n);
    }
    const anomalies = members.map((m) => m.anomaly).filter((a) => a.firstSeen <= burst.end && a.lastSeen >= burst.start);
    const signals = anomalies.length > 0 ? anomalies : members.map((m) => m.anomaly);
    const hostList = [...hosts].sort((a, b) => b[1] - a[1]).map(([h]) => h);
    const sites = [...new Set(hostList.map(o.siteOfHost).filter((s): s is string => s !== null))];
    const serviceList =
      rows.length > 0 ? [...services].sort((a, b) => b[1] - a[1]).map(([s]) => s) : [...new Set(signals.map((a) => a.service).filter((x): x is string => !!x))];
    const critical = signals.some((a) => a.severity === 'critical') || sites.length > 1 || serviceList.length > 1;
    return {
      id: `${serviceList[0] ?? 'logs'}@${Math.floor(burst.start / MINUTE)}`,
      start: burst.start,
      end: Math.min(burst.end, report.now),
      services: serviceList,
      hosts: hostList,
      sites,
      lines: rows.length > 0 ? rows.reduce((s, r) => s + r.n, 0) : burst.lines,
      errorLines: rows.filter((r) => r.error === 1).reduce((s, r) => s + r.n, 0),
      usualLines: Math.round(usualOver(from, to) * 10) / 10,
      severity: critical ? 'critical' : 'warning',
      anomalies: signals,
      samples: [...new Set(signals.flatMap((a) => a.samples))].slice(0, 3),
    } satisfies LogIncident;
  });
}
