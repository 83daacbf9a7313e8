import type Database from 'better-sqlite3';
import type { IncidentKpiLink, LogIncident, ProcessProgress } from '../api/types.js';
import { workStretches } from '../store/progressSnapshots.js';

const MINUTE = 60_000;
/** Speed before an incident: over this much time before it began. */
const BEFORE_MINUTES = 60;

export interface Interval {
  from: number;
  to: number;
  perMinute: number;
}

/**
 * Items per minute of one process series, stretch by stretch between consecutive snapshots, by the store reader's one
 * gap rule: a series that ran out of work is finished, not slowed, so its end never reads as a drop an incident caused.
 */
export function speeds(db: Database.Database, p: Pick<ProcessProgress, 'site' | 'process' | 'businessId'>, from: number, to: number): Interval[] {
  return workStretches(db, p, from, to).map((s) => ({ from: s.from, to: s.to, perMinute: s.perMinute }));
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
