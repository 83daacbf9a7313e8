import type Database from 'better-sqlite3';
import type { SiteTimeline } from '../api/types.js';
import type { LogNarrowing } from '../api/logsScreen.js';
import type { Causes } from './alertRules.js';
import { speeds } from './incidentCauses.js';
import { displayTemplate } from '../logs/templateText.js';
import { lineWhere } from '../logs/matchingLines.js';
import { seriesAtSite } from '../store/progressSnapshots.js';
import { reachesFoldedHours } from '../logs/foldedHours.js';

const MINUTE = 60_000;

/**
 * One site on one time axis: the speed of each of its processes, the log incidents that
 * touch it (with the drops they likely caused), and the lines and errors of the hosts that
 * serve it. What a manager reads to see whether the logs explain the floor. A narrowing (the
 * Logs view's level, service and host) narrows the log lines counted, as it narrows the view.
 */
export function siteTimeline(
  db: Database.Database,
  o: {
    site: string;
    from: number;
    to: number;
    causes: Causes;
    siteOfHost: (host: string) => string | null;
    templateId?: number | undefined;
    narrowing?: LogNarrowing | undefined;
  },
): SiteTimeline {
  const narrowed = lineWhere({ ...o.narrowing, from: o.from, to: o.to });
  // Per 5 minutes; per hour for a window that reaches rows kept per hour (logs/foldedHours.ts), and the timeline says
  // so: an hour's lines in one 5-minute bar would be a spike that never was. Whole epoch hours: a folded hour (of a zone
  // whose offset is whole hours) is one bar. The template's line is per hour with them: a narrowing (level, host) is
  // more than its per-minute counts know.
  const bucketMinutes = reachesFoldedHours(db, o.from) ? 60 : 5;
  const bucket = bucketMinutes * MINUTE;
  const series = seriesAtSite(db, o.site, o.from, o.to);
  const processes = series.map((x) => ({
    ...x,
    points: speeds(db, { site: o.site, ...x }, o.from, o.to).map((s) => ({ at: s.to, perMinute: Math.round(s.perMinute * 10) / 10 })),
  }));
  const hosts = (db.prepare('SELECT DISTINCT host FROM app_logs WHERE ts >= ? AND ts < ?').all(o.from, o.to) as { host: string }[])
    .map((r) => r.host)
    .filter((h) => o.siteOfHost(h) === o.site)
    .sort();
  const logs =
    hosts.length === 0
      ? []
      : (
          db
            .prepare(
              `SELECT (ts / ${bucket}) * ${bucket} AS at, SUM(lines) AS lines, SUM((level = 'ERROR') * lines) AS errors FROM app_logs
               WHERE ${narrowed.sql} AND host IN (${hosts.map(() => '?').join(',')}) GROUP BY at ORDER BY at`,
            )
            .all(...narrowed.params, ...hosts) as { at: number; lines: number; errors: number }[]
        ).map((r) => ({ ...r, errors: r.errors ?? 0 }));
  const incidents = o.causes.incidents
    .filter((x) => x.sites.includes(o.site))
    .map((x) => ({ ...x, affects: o.causes.links.filter((l) => l.incidentId === x.id) }));
  return {
    site: o.site,
    from: o.from,
    to: o.to,
    processes,
    incidents,
    logs,
    bucketMinutes,
    hosts,
    template: o.templateId ? templateLines(db, o.templateId, narrowed, bucket) : null,
  };
}

/**
 * One template's lines per bucket over the window, from every host (of those the narrowing
 * keeps), counted as the Logs view's list counts them; null when it does not exist.
 */
function templateLines(
  db: Database.Database,
  id: number,
  narrowed: ReturnType<typeof lineWhere>,
  bucket: number,
): NonNullable<SiteTimeline['template']> | null {
  const t = db.prepare('SELECT tokens, template FROM log_templates WHERE template_id = ?').get(id) as { tokens: string; template: string | null } | undefined;
  if (!t) return null;
  const points = db
    .prepare(
      `SELECT (ts / ${bucket}) * ${bucket} AS at, SUM(lines) AS lines FROM app_logs
       WHERE template_id = ? AND ${narrowed.sql} GROUP BY at ORDER BY at`,
    )
    .all(id, ...narrowed.params) as { at: number; lines: number }[];
  return { id, text: displayTemplate(t.template, t.tokens), points };
}
