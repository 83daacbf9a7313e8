import { finishMinute } from './finishMinute.js';
import type Database from 'better-sqlite3';
import { startOfZonedDay } from '../config/zonedTime.js';
import type { CompanySummary, Overview, ProcessBurnDown, ProcessProgress, ProgressStatus, SiteOverview } from '../api/types.js';
import { sitesByUrgency, urgentList } from './urgency.js';
import { floorDecisions, workKey } from './floorDecisions.js';

export interface OverviewOptions {
  now: number;
  timeZone: string;
  speedWindowMinutes: number;
  atRiskSlackMinutes: number;
}

const MINUTE = 60_000;
const SEVERITY: Record<ProgressStatus, number> = { late: 4, stalled: 3, at_risk: 2, on_track: 1, done: 0 };

interface LatestRow {
  location_name: string;
  process_name: string;
  business_id: string;
  snapshot_time: number;
  expected_completion_time: number | null;
  total_waiting: number;
  entry_count: number;
}

/** Classifies one process from its numbers; every figure the manager sees comes from here. */
export function assessProgress(
  row: { remaining: number; deadline: number | null; snapshotTime: number; speedPerMinute: number | null },
  atRiskSlackMinutes: number,
): Pick<ProcessProgress, 'projectedFinish' | 'minutesLate' | 'requiredPerMinute' | 'status'> {
  const { remaining, deadline, snapshotTime, speedPerMinute } = row;
  const minutesLeft = deadline === null ? null : (deadline - snapshotTime) / MINUTE;
  const requiredPerMinute = minutesLeft !== null && minutesLeft > 0 ? remaining / minutesLeft : null;
  if (remaining <= 0) return { projectedFinish: null, minutesLate: null, requiredPerMinute: null, status: 'done' };
  if (!speedPerMinute || speedPerMinute <= 0) return { projectedFinish: null, minutesLate: null, requiredPerMinute, status: 'stalled' };
  const projectedFinish = finishMinute(snapshotTime + (remaining / speedPerMinute) * MINUTE);
  const minutesLate = deadline === null ? null : Math.round((projectedFinish - deadline) / MINUTE);
  let status: ProgressStatus = 'on_track';
  if (minutesLate !== null && minutesLate > 0) status = 'late';
  else if (minutesLate !== null && minutesLate > -atRiskSlackMinutes) status = 'at_risk';
  return { projectedFinish, minutesLate, requiredPerMinute, status };
}

/**
 * Per site and process: the latest snapshot of the most recent working day up to `now`,
 * current speed from the snapshots of the last window, projected finish and status, plus
 * that day's remaining-items trend per process.
 */
export function computeOverview(db: Database.Database, o: OverviewOptions): Overview {
  const latest = db.prepare('SELECT MAX(snapshot_time) AS t FROM progress_snapshots WHERE snapshot_time <= ?').get(o.now) as { t: number | null };
  if (latest.t === null) return { now: o.now, timeZone: o.timeZone, dataAsOf: null, sites: [], urgent: [], summary: companySummary([], []), businessNames: {} };
  const dayStart = startOfZonedDay(latest.t, o.timeZone);

  const rows = db
    .prepare(
      `SELECT p.location_name, p.process_name, p.business_id, p.snapshot_time, p.expected_completion_time, p.total_waiting, p.entry_count
       FROM progress_snapshots p
       JOIN (SELECT location_name, process_name, business_id, MAX(snapshot_time) AS t
               FROM progress_snapshots WHERE snapshot_time BETWEEN ? AND ?
              GROUP BY location_name, process_name, business_id) m
         ON p.location_name = m.location_name AND p.process_name = m.process_name
        AND p.business_id = m.business_id AND p.snapshot_time = m.t
      ORDER BY p.location_name, p.business_id, p.process_name`,
    )
    .all(dayStart, o.now) as LatestRow[];

  // The earliest snapshot inside the window gives the completed-items delta.
  const windowStart = db.prepare(
    `SELECT snapshot_time, entry_count FROM progress_snapshots
      WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time >= ? AND snapshot_time < ?
      ORDER BY snapshot_time ASC LIMIT 1`,
  );
  // Today's decisions, the newest per piece of work: the row shows what was decided and how it is going.
  const decided = new Map(floorDecisions(db, dayStart, o.now).map((d) => [workKey(d), d]));
  const bySite = new Map<string, ProcessProgress[]>();
  for (const r of rows) {
    const from = Math.max(dayStart, r.snapshot_time - o.speedWindowMinutes * MINUTE);
    const w = windowStart.get(r.location_name, r.process_name, r.business_id, from, r.snapshot_time) as
      { snapshot_time: number; entry_count: number } | undefined;
    const speedPerMinute = w ? (r.entry_count - w.entry_count) / ((r.snapshot_time - w.snapshot_time) / MINUTE) : null;
    const progress: ProcessProgress = {
      site: r.location_name,
      process: r.process_name,
      businessId: r.business_id,
      snapshotTime: r.snapshot_time,
      deadline: r.expected_completion_time,
      remaining: r.total_waiting,
      completedToday: r.entry_count,
      speedPerMinute,
      ...assessProgress(
        { remaining: r.total_waiting, deadline: r.expected_completion_time, snapshotTime: r.snapshot_time, speedPerMinute },
        o.atRiskSlackMinutes,
      ),
    };
    const decision = decided.get(workKey({ site: r.location_name, businessId: r.business_id, process: r.process_name }));
    if (decision) progress.decision = decision;
    const list = bySite.get(r.location_name) ?? [];
    list.push(progress);
    bySite.set(r.location_name, list);
  }

  const trendRows = db
    .prepare(
      `SELECT location_name, business_id, process_name, snapshot_time, SUM(total_waiting) AS remaining
       FROM progress_snapshots WHERE snapshot_time BETWEEN ? AND ?
      GROUP BY location_name, business_id, process_name, snapshot_time ORDER BY snapshot_time`,
    )
    .all(dayStart, o.now) as { location_name: string; business_id: string; process_name: string; snapshot_time: number; remaining: number }[];

  const siteOrder = (db.prepare('SELECT location_name FROM locations ORDER BY location_id').all() as { location_name: string }[]).map((l) => l.location_name);
  const sites: SiteOverview[] = [];
  for (const site of [...siteOrder, ...[...bySite.keys()].filter((s) => !siteOrder.includes(s))]) {
    const processes = bySite.get(site);
    if (!processes) continue;
    const mine = trendRows.filter((t) => t.location_name === site);
    const times = [...new Set(mine.map((t) => t.snapshot_time))];
    const index = new Map(times.map((t, i) => [t, i]));
    // One line per process (a business's sum hides the late process among its finished ones), in the rows' order.
    const series = processes.map((p): ProcessBurnDown => {
      const values: (number | null)[] = times.map(() => null);
      for (const t of mine) if (t.business_id === p.businessId && t.process_name === p.process) values[index.get(t.snapshot_time)!] = t.remaining;
      return { businessId: p.businessId, process: p.process, status: p.status, deadline: p.deadline, projectedFinish: p.projectedFinish, remaining: values };
    });
    const worst = processes.reduce((a, p) => (SEVERITY[p.status] > SEVERITY[a] ? p.status : a), 'done' as ProgressStatus);
    sites.push({ site, status: worst, processes, trend: { times, series } });
  }
  const ordered = sitesByUrgency(sites);
  const urgent = urgentList(ordered);
  return { now: o.now, timeZone: o.timeZone, dataAsOf: latest.t, sites: ordered, urgent, summary: companySummary(ordered, urgent), businessNames: {} };
}

/** The company row: the items left everywhere, the processes needing action, and the soonest deadline still ahead with work left. */
function companySummary(sites: SiteOverview[], urgent: ProcessProgress[]): CompanySummary {
  const open = sites.flatMap((s) => s.processes).filter((p) => p.remaining > 0);
  const ahead = open.filter((p) => p.deadline !== null && p.deadline >= p.snapshotTime).sort((a, b) => a.deadline! - b.deadline! || b.remaining - a.remaining);
  const next = ahead[0];
  return {
    itemsLeft: open.reduce((n, p) => n + p.remaining, 0),
    atRisk: urgent.length,
    open: open.length,
    nextDeadline: next ? { at: next.deadline!, site: next.site, process: next.process, businessId: next.businessId, remaining: next.remaining } : null,
  };
}
