import type { Alert } from '../api/types.js';
import { decisionHolds } from '../api/floorDecision.js';

/**
 * How much an alert needs the manager now. A deadline at risk first (it needs a decision
 * within minutes), then stale data (every other figure may be wrong), fewer people or more
 * work than usual today, overtime ahead, lost speed, log incidents and skill gaps. A log incident linked to a deadline alert (its likely cause)
 * follows that alert directly instead of sitting above or far below it.
 */
const KIND_RANK: Record<Alert['kind'], number> = {
  delay_risk: 0,
  // A decided move that is not closing the gap: as urgent as the delay it was meant to fix.
  decision_short: 0,
  stale_data: 1,
  // Fewer people or more work than planned today: each comes with what it does to today's deadlines.
  absence_surge: 2,
  arrivals_surge: 3,
  overtime_risk: 4,
  // Tomorrow's plan gone stale: it needs a new plan today, not a decision within minutes.
  plan_outdated: 5,
  productivity_drop: 6,
  log_anomaly: 7,
  skill_gap: 8,
};

const incidentsCausing = (a: Alert): string[] =>
  Array.isArray(a.detail.likelyCauses)
    ? (a.detail.likelyCauses as { incidentId?: unknown }[]).map((c) => c.incidentId).filter((id): id is string => typeof id === 'string')
    : [];

const minutesLate = (a: Alert): number => (typeof a.detail.minutesLate === 'number' ? a.detail.minutesLate : 0);

function compare(a: Alert, b: Alert): number {
  return (
    Number(b.status === 'open') - Number(a.status === 'open') ||
    // A decision that holds is handled: below everything that still needs action, however urgent its kind.
    Number(decisionHolds(a.decision)) - Number(decisionHolds(b.decision)) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    Number(b.severity === 'critical') - Number(a.severity === 'critical') ||
    minutesLate(b) - minutesLate(a) ||
    b.lastSeen - a.lastSeen ||
    b.id - a.id
  );
}

export function rankAlerts(alerts: Alert[]): Alert[] {
  const sorted = [...alerts].sort(compare);
  // An open incident that an open deadline alert names as its cause moves right after the first such alert.
  const out: Alert[] = [];
  const placed = new Set<number>();
  for (const a of sorted) {
    if (placed.has(a.id)) continue;
    // A handled deadline alert takes no incident down with it: the incident still needs action.
    const leads = (d: Alert): boolean => d.status === 'open' && d.kind === 'delay_risk' && !decisionHolds(d.decision);
    const causedBy = leads(a) ? incidentsCausing(a) : [];
    if (a.kind === 'log_anomaly' && a.status === 'open' && sorted.some((d) => leads(d) && incidentsCausing(d).includes(String(a.detail.incidentId)))) continue; // placed after its deadline alert
    out.push(a);
    placed.add(a.id);
    for (const c of sorted)
      if (!placed.has(c.id) && c.kind === 'log_anomaly' && c.status === 'open' && causedBy.includes(String(c.detail.incidentId))) {
        out.push(c);
        placed.add(c.id);
      }
  }
  return out;
}
