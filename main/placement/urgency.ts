import type { ProcessProgress, SiteOverview } from '../api/types.js';

/**
 * What needs a decision first. Late and stalled work (it will miss, or nobody knows when it
 * ends) before work at risk; within each, the nearest deadline first (the least time to act),
 * then the most minutes late. Work on track and done work come last, in that order.
 */
const GROUP: Record<ProcessProgress['status'], number> = { late: 0, stalled: 0, at_risk: 1, on_track: 2, done: 3 };

export function byUrgency(a: ProcessProgress, b: ProcessProgress): number {
  return (
    GROUP[a.status] - GROUP[b.status] ||
    (a.deadline ?? Infinity) - (b.deadline ?? Infinity) ||
    (b.minutesLate ?? -Infinity) - (a.minutesLate ?? -Infinity) ||
    a.site.localeCompare(b.site) ||
    a.businessId.localeCompare(b.businessId) ||
    a.process.localeCompare(b.process)
  );
}

/** Whether a row needs the manager: it will be late, may be, or has stopped with work left. */
export const needsAction = (p: ProcessProgress): boolean => GROUP[p.status] <= 1;

/** Every row that needs the manager, most urgent first, across all sites. */
export function urgentList(sites: SiteOverview[]): ProcessProgress[] {
  return sites
    .flatMap((s) => s.processes)
    .filter(needsAction)
    .sort(byUrgency);
}

/**
 * Sites in the order a manager should look at them: by their most urgent row, then those
 * with work on track, then those done; the rows of each site most urgent first.
 */
export function sitesByUrgency(sites: SiteOverview[]): SiteOverview[] {
  const sorted = sites.map((s) => ({ ...s, processes: [...s.processes].sort(byUrgency) }));
  return sorted.sort((a, b) => byUrgency(a.processes[0]!, b.processes[0]!));
}
