import type Database from 'better-sqlite3';
import type { FamilyLines, LogAnomaly, LogAnomalyReport, LogCluster, LogFilter, LogTemplateSummary } from '../api/types.js';
import type { LogNarrowing, LogPeriodHours, LogRange } from '../api/logsScreen.js';
import { reachesFoldedHours } from './foldedHours.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The range of the Logs view: the last `hours` up to the app's clock, in whole minutes (as the per-minute counts are kept). */
export function logRange(hours: LogPeriodHours, now: number): LogRange {
  const to = Math.floor(now / MINUTE) * MINUTE;
  return { from: to - hours * HOUR, to, hours };
}

/** WHERE (without the keyword) for the app_logs lines a filter keeps; `1` when it keeps every line. */
export function lineWhere(f: LogFilter): { sql: string; params: (string | number)[] } {
  const parts: [string, string | number | undefined][] = [
    ['service = ?', f.service],
    ['host = ?', f.host],
    ['level = ?', f.level],
    ['ts >= ?', f.from],
    ['ts < ?', f.to],
  ];
  const used = parts.filter((x): x is [string, string | number] => x[1] !== undefined);
  return { sql: used.length === 0 ? '1' : used.map(([c]) => c).join(' AND '), params: used.map(([, v]) => v) };
}

/** Whether a filter narrows anything. */
export const filters = (f: LogFilter): boolean => Object.values(f).some((v) => v !== undefined);

/** A template's lines that match a filter, of them the errors, and their trend. */
export interface MatchedLines {
  lines: number;
  errors: number;
  trend: number[];
}

/** Where a trend is drawn: `buckets` equal parts of [from, to). */
export interface TrendWindow {
  from: number;
  to: number;
  buckets: number;
}

/** The last 24 hours in hours, ending with the hour of `now`: the trend of a list with no range of its own. */
export const lastDayHourly = (now: number): TrendWindow => {
  const from = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  return { from, to: from + 24 * HOUR, buckets: 24 };
};

/**
 * Per template, the lines of app_logs that match `f` (SUM(lines): a row may stand for several),
 * the ERROR lines among them, and their trend over `trend`: one grouped query. This is the
 * count every place of the Logs view shows, and what a test compares with SQL of its own.
 * A row folded to an hour (foldedHours.ts) counts where its first line falls, as every row
 * does; in the trend its lines are spread evenly from its first line to its last (an hour
 * at most), so that a trend finer than an hour shows an older day's hour as the even run it
 * is known to be, never as all its lines in one bucket. The trend then holds fractions of a
 * line; its sum is the lines still.
 */
export function matchingLines(db: Database.Database, f: LogFilter, trend: TrendWindow, templateId?: number): Map<number, MatchedLines> {
  const w = lineWhere(f);
  const rows = db
    .prepare(
      `SELECT template_id AS id, CASE WHEN folded = 0 AND ts >= ? AND ts < ? THEN CAST((ts - ?) * ? / ? AS INTEGER) ELSE -1 END AS b,
         SUM(lines) AS n, SUM(CASE WHEN level = 'ERROR' THEN lines ELSE 0 END) AS e
       FROM app_logs WHERE ${templateId === undefined ? 'template_id IS NOT NULL' : 'template_id = ?'} AND ${w.sql} GROUP BY template_id, b`,
    )
    .all(trend.from, trend.to, trend.from, trend.buckets, trend.to - trend.from, ...(templateId === undefined ? [] : [templateId]), ...w.params) as {
    id: number;
    b: number;
    n: number;
    e: number;
  }[];
  const out = new Map<number, MatchedLines>();
  for (const r of rows) {
    let m = out.get(r.id);
    if (!m) out.set(r.id, (m = { lines: 0, errors: 0, trend: new Array<number>(trend.buckets).fill(0) }));
    m.lines += r.n;
    m.errors += r.e;
    if (r.b >= 0 && r.b < trend.buckets) m.trend[r.b]! += r.n;
  }
  if (reachesFoldedHours(db, trend.from)) {
    const folded = db
      .prepare(
        `SELECT template_id AS id, ts, COALESCE(last_ts, ts) AS last, lines FROM app_logs
         WHERE folded = 1 AND ${templateId === undefined ? 'template_id IS NOT NULL' : 'template_id = ?'} AND ${w.sql} AND ts >= ? AND ts < ?`,
      )
      .all(...(templateId === undefined ? [] : [templateId]), ...w.params, trend.from, trend.to) as { id: number; ts: number; last: number; lines: number }[];
    for (const r of folded) spread(out.get(r.id)!.trend, trend, r.ts, Math.min(r.last, trend.to), r.lines);
  }
  return out;
}

/** Adds `lines` to the buckets of [a, b) in proportion to the part of it each holds; all to a's bucket where b ≤ a. */
function spread(into: number[], trend: TrendWindow, a: number, b: number, lines: number): void {
  const width = (trend.to - trend.from) / trend.buckets;
  // As the query numbers them (integer division), so that a line at a bucket's edge is in the same bucket either way.
  const bucketOf = (t: number): number => Math.min(trend.buckets - 1, Math.floor(((t - trend.from) * trend.buckets) / (trend.to - trend.from)));
  if (b <= a) {
    into[bucketOf(a)]! += lines;
    return;
  }
  for (let k = bucketOf(a); k <= bucketOf(b - 1); k++) {
    const start = trend.from + k * width;
    into[k]! += (lines * (Math.min(b, start + width) - Math.max(a, start))) / (b - a);
  }
}

/**
 * The families as the matching lines make them up: each family's lines and trend are its
 * members' (those with any line), families without a line left out; most lines first. The
 * matching lines of templates in no family are counted apart (`outside`): with them the
 * panel adds up to every matching line, and a narrowing whose lines are all outside the
 * families (ERROR lines are mostly one-off messages) does not leave it empty.
 */
export function familiesOf(db: Database.Database, counts: Map<number, MatchedLines>, buckets: number): { families: LogCluster[]; outside: FamilyLines } {
  const labels = new Map(
    (db.prepare('SELECT cluster_id, label FROM log_clusters').all() as { cluster_id: number; label: string }[]).map((r) => [r.cluster_id, r.label]),
  );
  const families = new Map<number, LogCluster>();
  const inFamily = new Set<number>();
  const add = (to: FamilyLines, id: number, m: MatchedLines): void => {
    to.templates.push(id);
    to.lines += m.lines;
    m.trend.forEach((n, k) => (to.trend[k]! += n));
  };
  for (const r of db.prepare('SELECT template_id, cluster_id FROM log_cluster_members ORDER BY template_id').all() as {
    template_id: number;
    cluster_id: number;
  }[]) {
    const m = counts.get(r.template_id);
    const label = labels.get(r.cluster_id);
    if (label === undefined) continue;
    inFamily.add(r.template_id);
    if (!m || m.lines === 0) continue;
    let f = families.get(r.cluster_id);
    if (!f) families.set(r.cluster_id, (f = { id: r.cluster_id, label, templates: [], lines: 0, trend: new Array<number>(buckets).fill(0) }));
    add(f, r.template_id, m);
  }
  const outside: FamilyLines = { templates: [], lines: 0, trend: new Array<number>(buckets).fill(0) };
  for (const [id, m] of [...counts].sort((a, b) => a[0] - b[0])) if (m.lines > 0 && !inFamily.has(id)) add(outside, id, m);
  return { families: [...families.values()].sort((a, b) => b.lines - a.lines || a.id - b.id), outside };
}

/** The kinds that say a template changed in the range: it spiked, or it is new there. */
const CHANGE = new Set<LogAnomaly['kind']>(['spike', 'new_template', 'outlier']);

/**
 * Templates in the order the Logs view lists them: those that changed in the range first (critical
 * before warning, then by their lines), then the rest by their lines (ties by id).
 */
export function changedFirst(rows: LogTemplateSummary[], report: LogAnomalyReport): { rows: LogTemplateSummary[]; changed: number } {
  const rank = new Map<number, number>();
  for (const a of report.anomalies)
    if (a.templateId !== null && CHANGE.has(a.kind)) rank.set(a.templateId, Math.min(rank.get(a.templateId) ?? 9, a.severity === 'critical' ? 0 : 1));
  const sorted = [...rows].sort((a, b) => (rank.get(a.id) ?? 2) - (rank.get(b.id) ?? 2) || b.count - a.count || a.id - b.id);
  return { rows: sorted, changed: rows.filter((r) => rank.has(r.id)).length };
}

/**
 * The anomalies of the range that concern the narrowed lines: a template's when it has such a
 * line, a service's error burst when its errors are among them (the level, if any, is ERROR;
 * the service, if any, is its own; the host, if any, wrote one of those errors).
 */
export function narrowAnomalies(db: Database.Database, report: LogAnomalyReport, n: LogNarrowing, range: LogRange, matched: Set<number>): LogAnomalyReport {
  const hostErrors = db.prepare("SELECT 1 FROM app_logs WHERE service = ? AND host = ? AND level = 'ERROR' AND ts >= ? AND ts < ? LIMIT 1");
  const keep = (a: LogAnomaly): boolean => {
    if (a.templateId !== null) return matched.has(a.templateId);
    if (n.level !== undefined && n.level !== 'ERROR') return false;
    if (n.service !== undefined && n.service !== a.service) return false;
    return n.host === undefined || hostErrors.get(a.service, n.host, range.from, range.to) !== undefined;
  };
  return { ...report, anomalies: report.anomalies.filter(keep) };
}

/** Lines of one template at one level: what an all-clear about a host or a service must not leave out. */
export interface WarningLines {
  template: string;
  level: string;
  lines: number;
  last: number;
}

/**
 * The WARN and ERROR lines of a host or a service in [from, to), per template and level, the most frequent first: a
 * host with no incident (no burst of errors) may still warn all day (a disk at 95 %), and "is it all right?" must say so.
 */
export function warningLines(
  db: Database.Database,
  f: { host?: string; service?: string; from: number; to: number },
  limit = 3,
): { lines: number; top: WarningLines[] } {
  const w = lineWhere({ ...(f.host ? { host: f.host } : {}), ...(f.service ? { service: f.service } : {}), from: f.from, to: f.to });
  const rows = db
    .prepare(
      `SELECT COALESCE(t.template, '') AS template, g.level, g.n AS lines, g.last FROM (
         SELECT template_id, level, SUM(lines) AS n, MAX(COALESCE(last_ts, ts)) AS last FROM app_logs
         WHERE ${w.sql} AND level IN ('WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL') GROUP BY template_id, level
       ) g LEFT JOIN log_templates t ON t.template_id = g.template_id ORDER BY g.n DESC, g.last DESC`,
    )
    .all(...w.params) as WarningLines[];
  return { lines: rows.reduce((s, r) => s + r.lines, 0), top: rows.slice(0, limit) };
}
