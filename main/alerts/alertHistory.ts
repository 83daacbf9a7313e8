import type Database from 'better-sqlite3';
import { alertHistoryRows, type AlertHistoryRow } from '../store/alertRows.js';

/** How one site's alerts went: counts by kind, how many ended by themselves, how many led to a decision. */
export interface AlertHistory {
  site: string | null;
  from: number;
  total: number;
  byKind: { kind: string; count: number; selfResolved: number; ledToDecision: number }[];
  /** A stricter threshold and what it would have done to the same history, or null when none helps. */
  proposal: ThresholdProposal | null;
}

export interface ThresholdProposal {
  kind: 'productivity_drop';
  /** The config key and its value now and proposed. */
  setting: 'alerts.productivityDropShare';
  current: number;
  proposed: number;
  /** Alerts of that kind in the history, those the proposal would have removed, and the decision-led ones it keeps. */
  alerts: number;
  removed: number;
  /** Of those removed, how many had ended by themselves (the proposal removes only these). */
  removedSelfResolved: number;
  decisions: number;
  decisionsKept: number;
}

/** An alert that ended within this long, nobody having acknowledged it, ended by itself. */
const SELF_RESOLVED_MINUTES = 30;
/** A decision on the alert's site within this long after it opened counts as led by it. */
const DECISION_WITHIN_MINUTES = 120;

const selfResolved = (r: AlertHistoryRow): boolean =>
  r.resolved_at !== null && r.acknowledged_at === null && r.resolved_at - r.first_seen <= SELF_RESOLVED_MINUTES * 60_000;

/**
 * The alert history of a site (or all) since `from`, and the stricter threshold that would
 * have removed the most alerts that ended by themselves while keeping every alert that led
 * to a decision. Only proposed: a threshold changes when the manager approves it.
 */
export function alertHistory(db: Database.Database, o: { site: string | null; from: number; productivityDropShare: number }): AlertHistory {
  const rows = alertHistoryRows(db, o, DECISION_WITHIN_MINUTES);
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const byKind = kinds
    .map((kind) => {
      const of = rows.filter((r) => r.kind === kind);
      return { kind, count: of.length, selfResolved: of.filter(selfResolved).length, ledToDecision: of.filter((r) => r.decided === 1).length };
    })
    .sort((a, b) => b.count - a.count);
  return { site: o.site, from: o.from, total: rows.length, byKind, proposal: propose(rows, o) };
}

/**
 * The productivity-drop threshold is the one a manager tunes (delay risk is a fact: the
 * projected finish is after the deadline). Lower shares are tried in steps of 5 %.
 */
function propose(rows: AlertHistoryRow[], o: { productivityDropShare: number }): ThresholdProposal | null {
  const detail = (r: AlertHistoryRow): Record<string, unknown> => {
    try {
      return JSON.parse(r.detail) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const candidates: ThresholdProposal[] = [];
  // Productivity drop: alert only below a lower share of the usual speed.
  const drops = rows.filter((r) => r.kind === 'productivity_drop' && typeof detail(r).share === 'number');
  for (let share = Math.round(o.productivityDropShare * 100) - 5; share >= 40; share -= 5) {
    const kept = drops.filter((r) => (detail(r).share as number) < share);
    candidates.push(outcome('productivity_drop', 'alerts.productivityDropShare', o.productivityDropShare, share / 100, drops, kept));
  }
  // Only noise goes: every alert it would remove ended by itself (so none that is still open
  // or led to a decision); then the most removed; then the smallest change.
  const safe = candidates.filter((c) => c.removed > 0 && c.removed === c.removedSelfResolved && c.decisionsKept === c.decisions);
  return safe.sort((a, b) => b.removed - a.removed || Math.abs(a.proposed - a.current) - Math.abs(b.proposed - b.current))[0] ?? null;
}

function outcome(
  kind: ThresholdProposal['kind'],
  setting: ThresholdProposal['setting'],
  current: number,
  proposed: number,
  all: AlertHistoryRow[],
  kept: AlertHistoryRow[],
): ThresholdProposal {
  return {
    kind,
    setting,
    current,
    proposed,
    alerts: all.length,
    removed: all.length - kept.length,
    removedSelfResolved: all.filter((r) => !kept.includes(r) && selfResolved(r)).length,
    decisions: all.filter((r) => r.decided === 1).length,
    decisionsKept: kept.filter((r) => r.decided === 1).length,
  };
}
