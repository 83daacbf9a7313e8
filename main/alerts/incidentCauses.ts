import type Database from 'better-sqlite3';
import type { IncidentKpiLink, LogIncident, ProcessProgress } from '../api/types.js';

const MINUTE = 60_000;
/** Speed before an incident: over this much time before it began. */
const BEFORE_MINUTES = 60;

export interface Interval {
  from: number;
  to: number;
  perMinute: number;
}

/** Items per minute between consecutive snapshots of one process series (entry_count is cumulative). */
export function speeds(db: Database.Database, p: Pick<ProcessProgress, 'site' | 'process' | 'businessId'>, from: number, to: number): Interval[] {
  const rows = db
    .prepare(
      `SELECT snapshot_time AS t, entry_count AS done FROM progress_snapshots
       WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time >= ? AND snapshot_time <= ? ORDER BY snapshot_time`,
    )
    .all(p.site, p.process, p.businessId, from, to) as { t: number; done: number }[];
  const out: Interval[] = [];
  for (let k = 1; k < rows.length; k++) {
    const a = rows[k - 1]!;
    const b = rows[k]!;
    if (b.t > a.t) out.push({ from: a.t, to: b.t, perMinute: Math.max(0, b.done - a.done) / ((b.t - a.t) / MINUTE) });
  }
  return out;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Log × KPI: an incident is a likely cause of a drop in a site's speed when, on the same
 * time axis, the speed held before the incident began and fell after it (below `share` of
 * the speed before). A drop that was there before the incident is not laid at its door.
 * Processes of the incident's sites only: a host's site is what ties the two together.
 */
export function linkIncidentsToKpis(
  db: Database.Database,
  incidents: LogIncident[],
  processes: ProcessProgress[],
  o: { now: number; share: number },
): IncidentKpiLink[] {
  const links: IncidentKpiLink[] = [];
  for (const incident of incidents) {
    for (const p of processes) {
      if (!incident.sites.includes(p.site) || p.status === 'done') continue;
      const series = speeds(db, p, incident.start - BEFORE_MINUTES * MINUTE, o.now);
      const before = series.filter((s) => s.to <= incident.start);
      const after = series.filter((s) => s.from >= incident.start - 5 * MINUTE && s.to > incident.start);
      if (before.length === 0 || after.length === 0) continue;
      const speedBefore = mean(before.map((s) => s.perMinute));
      if (speedBefore <= 0) continue;
      const drop = after.find((s) => s.perMinute < o.share * speedBefore);
      if (!drop) continue;
      const since = after.filter((s) => s.from >= drop.from);
      const speedAfter = mean(since.map((s) => s.perMinute));
      if (speedAfter >= o.share * speedBefore) continue;
      links.push({
        incidentId: incident.id,
        site: p.site,
        process: p.process,
        businessId: p.businessId,
        speedBefore: round1(speedBefore),
        speedAfter: round1(speedAfter),
        dropAt: drop.from,
      });
    }
  }
  return links;
}
