import { finishMinute } from './finishMinute.js';
import type Database from 'better-sqlite3';
import { startOfZonedDay } from '../config/zonedTime.js';
import type { CompanySummary, Overview, ProcessBurnDown, ProcessProgress, ProgressStatus, SiteOverview } from '../api/types.js';
import { sitesByUrgency, urgentList } from './urgency.js';
import { floorDecisions, workKey } from './floorDecisions.js';
import { finishTimes, latestSnapshots, latestSnapshotTime, recentSpeeds, remainingTrend, seriesKey } from '../store/progressSnapshots.js';
import { neededSpeed, projectedFinish, slackMinutes } from '../store/progressRules.js';

export interface OverviewOptions {
  now: number;
  timeZone: string;
  speedWindowMinutes: number;
  atRiskSlackMinutes: number;
}

const MINUTE = 60_000;
const SEVERITY: Record<ProgressStatus, number> = { late: 4, stalled: 3, at_risk: 2, on_track: 1, done: 0 };

/** Classifies one process from its numbers; every figure the manager sees comes from here. */
export function assessProgress(
  row: { remaining: number; deadline: number | null; snapshotTime: number; speedPerMinute: number | null },
  atRiskSlackMinutes: number,
): Pick<ProcessProgress, 'projectedFinish' | 'minutesLate' | 'requiredPerMinute' | 'status'> {
  const { remaining, deadline, snapshotTime, speedPerMinute } = row;
  const requiredPerMinute = neededSpeed(remaining, deadline, snapshotTime);
  if (remaining <= 0) return { projectedFinish: null, minutesLate: null, requiredPerMinute: null, status: 'done' };
  const finish = projectedFinish(remaining, speedPerMinute, snapshotTime);
  if (finish === null) return { projectedFinish: null, minutesLate: null, requiredPerMinute, status: 'stalled' };
  const slack = slackMinutes(finishMinute(finish), deadline);
  const minutesLate = slack === null ? null : 0 - slack;
  let status: ProgressStatus = 'on_track';
  if (minutesLate !== null && minutesLate > 0) status = 'late';
  else if (minutesLate !== null && minutesLate > -atRiskSlackMinutes) status = 'at_risk';
  return { projectedFinish: finishMinute(finish), minutesLate, requiredPerMinute, status };
}

/**
 * Per site and process: the latest snapshot of the most recent working day up to `now`,
 * current speed from the snapshots of the last window, projected finish and status, plus
 * that day's remaining-items trend per process.
 */
export function computeOverview(db: Database.Database, o: OverviewOptions): Overview {
  const dataAsOf = latestSnapshotTime(db, o.now);
  if (dataAsOf === null) return { now: o.now, timeZone: o.timeZone, dataAsOf: null, sites: [], urgent: [], summary: companySummary([], []), businessNames: {} };
  const dayStart = startOfZonedDay(dataAsOf, o.timeZone);

  const rows = latestSnapshots(db, dayStart, o.now);
  // Speed now: each series' stretches of work over the window before its latest snapshot (the one gap rule of the store's reader).
  const speeds = recentSpeeds(db, rows, o.speedWindowMinutes * MINUTE, dayStart);
  const finished = finishTimes(db, dayStart, o.now);
  // Today's decisions, the newest per piece of work: the row shows what was decided and how it is going.
  const decided = new Map(floorDecisions(db, dayStart, o.now).map((d) => [workKey(d), d]));
  const bySite = new Map<string, ProcessProgress[]>();
  for (const r of rows) {
    // A finished series has no speed: it says when it finished.
    const speedPerMinute = r.remaining <= 0 ? null : (speeds.get(seriesKey(r)) ?? null);
    const progress: ProcessProgress = {
      site: r.site,
      process: r.process,
      businessId: r.businessId,
      snapshotTime: r.at,
      deadline: r.deadline,
      remaining: r.remaining,
      completedToday: r.done,
      speedPerMinute,
      ...assessProgress({ remaining: r.remaining, deadline: r.deadline, snapshotTime: r.at, speedPerMinute }, o.atRiskSlackMinutes),
    };
    const doneAt = finished.get(seriesKey(r));
    if (r.remaining <= 0 && doneAt !== undefined) progress.finishedAt = doneAt;
    const decision = decided.get(workKey({ site: r.site, businessId: r.businessId, process: r.process }));
    if (decision) progress.decision = decision;
    const list = bySite.get(r.site) ?? [];
    list.push(progress);
    bySite.set(r.site, list);
  }

  const trendRows = remainingTrend(db, dayStart, o.now);

  const siteOrder = (db.prepare('SELECT location_name FROM locations ORDER BY location_id').all() as { location_name: string }[]).map((l) => l.location_name);
  const sites: SiteOverview[] = [];
  for (const site of [...siteOrder, ...[...bySite.keys()].filter((s) => !siteOrder.includes(s))]) {
    const processes = bySite.get(site);
    if (!processes) continue;
    const mine = trendRows.filter((t) => t.site === site);
    const times = [...new Set(mine.map((t) => t.t))];
    const index = new Map(times.map((t, i) => [t, i]));
    // One line per process (a business's sum hides the late process among its finished ones), in the rows' order.
    const series = processes.map((p): ProcessBurnDown => {
      const values: (number | null)[] = times.map(() => null);
      for (const t of mine) if (t.businessId === p.businessId && t.process === p.process) values[index.get(t.t)!] = t.remaining;
      return { businessId: p.businessId, process: p.process, status: p.status, deadline: p.deadline, projectedFinish: p.projectedFinish, remaining: values };
    });
    const worst = processes.reduce((a, p) => (SEVERITY[p.status] > SEVERITY[a] ? p.status : a), 'done' as ProgressStatus);
    sites.push({ site, status: worst, processes, trend: { times, series }, finishedAt: worst === 'done' ? finishedAt(times, series) : null });
  }
  const ordered = sitesByUrgency(sites);
  const urgent = urgentList(ordered);
  return { now: o.now, timeZone: o.timeZone, dataAsOf, sites: ordered, urgent, summary: companySummary(ordered, urgent), businessNames: {} };
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

/** The first snapshot after each series' last one with items left whose count is 0, the latest of them; null if a series has none. */
function finishedAt(times: number[], series: ProcessBurnDown[]): number | null {
  let last: number | null = null;
  for (const s of series) {
    let busy = -1;
    s.remaining.forEach((v, k) => {
      if (v !== null && v > 0) busy = k;
    });
    const k = s.remaining.findIndex((v, i) => i > busy && v === 0);
    if (k < 0) return null;
    last = Math.max(last ?? times[k]!, times[k]!);
  }
  return last;
}
