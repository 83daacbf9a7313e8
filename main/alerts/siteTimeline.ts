import type Database from 'better-sqlite3';
import type { SiteTimeline } from '../api/types.js';
import type { Causes } from './alertRules.js';
import { speeds } from './incidentCauses.js';
import { displayTemplate } from '../logs/templateText.js';

const BUCKET = 5 * 60_000;

/**
 * One site on one time axis: the speed of each of its processes, the log incidents that
 * touch it (with the drops they likely caused), and the lines and errors of the hosts that
 * serve it. What a manager reads to see whether the logs explain the floor.
 */
export function siteTimeline(
  db: Database.Database,
  o: { site: string; from: number; to: number; causes: Causes; siteOfHost: (host: string) => string | null; templateId?: number | undefined },
): SiteTimeline {
  const series = db
    .prepare(
      `SELECT DISTINCT process_name AS process, business_id AS businessId FROM progress_snapshots
       WHERE location_name = ? AND snapshot_time >= ? AND snapshot_time <= ? ORDER BY process_name, business_id`,
    )
    .all(o.site, o.from, o.to) as { process: string; businessId: string }[];
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
              `SELECT (ts / ${BUCKET}) * ${BUCKET} AS at, SUM(lines) AS lines, SUM((level = 'ERROR') * lines) AS errors FROM app_logs
               WHERE ts >= ? AND ts < ? AND host IN (${hosts.map(() => '?').join(',')}) GROUP BY at ORDER BY at`,
            )
            .all(o.from, o.to, ...hosts) as { at: number; lines: number; errors: number }[]
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
    hosts,
    template: o.templateId ? templateLines(db, o.templateId, o.from, o.to) : null,
  };
}

/** One template's lines per 5 minutes over the window (its per-minute counts, from every host); null when it does not exist. */
function templateLines(db: Database.Database, id: number, from: number, to: number): NonNullable<SiteTimeline['template']> | null {
  const t = db.prepare('SELECT tokens, template FROM log_templates WHERE template_id = ?').get(id) as { tokens: string; template: string | null } | undefined;
  if (!t) return null;
  const points = db
    .prepare(
      `SELECT CAST(minute / ${BUCKET} AS INTEGER) * ${BUCKET} AS at, SUM(count) AS lines FROM log_template_minutes
       WHERE template_id = ? AND minute >= ? AND minute < ? GROUP BY at ORDER BY at`,
    )
    .all(id, from, to) as { at: number; lines: number }[];
  return { id, text: displayTemplate(t.template, t.tokens), points };
}
