import type Database from 'better-sqlite3';
import type { PlacementChange, Proposal } from '../api/assistantTypes.js';
import type { FloorDecision } from '../api/floorDecision.js';
import { startOfZonedDay } from '../config/zonedTime.js';
import { projectedFinish, speedAcross, speedToFinish, type SeriesPoint } from '../store/progressRules.js';
import { seriesPoints } from '../store/progressSnapshots.js';
import { moveDecisionRows } from '../store/approvalOutbox.js';
import { finishMinute } from './finishMinute.js';
import { impactOfKept } from './impactOfKept.js';

const MINUTE = 60_000;
/** Snapshots since the move began must span this long before its speed is measured: one or two snapshots say little. */
export const MEASURE_AFTER_MINUTES = 10;
/** A finish within this of what was promised (or of the deadline) still counts as the decision working: the promise is a projection. */
export const PROMISE_TOLERANCE_MINUTES = 5;

/**
 * The moves decided between `from` and `to` (epoch ms), each with what the proposal promised
 * for the people really moved and what the snapshots from their start up to `to` show: the
 * speed since then and the finish it leads to (or the time the work was done). The newest
 * decision per site, business and process comes last, so a map by work keeps it.
 */
export function floorDecisions(db: Database.Database, from: number, to: number): FloorDecision[] {
  const rows = moveDecisionRows(db, from, to);
  return rows.map((r) => {
    const p = JSON.parse(r.proposal) as Proposal;
    // The people the decision really moved: a modification keeps some, named per giving site in its changes.
    const changes = JSON.parse(r.changes) as PlacementChange[];
    const kept = p.operators.filter((op) => changes.some((c) => c.from === op.from && c.operators.includes(op.name)));
    const { facts } = impactOfKept(p, kept);
    const snapshotTime = facts.snapshotTime ?? p.deadline - facts.minutesLeft * MINUTE;
    const startsAt = snapshotTime + facts.switchMinutes * MINUTE;
    const since = seriesPoints(db, p, snapshotTime, to);
    const promised = { perMinute: facts.currentPerMinute + facts.addedPerMinute, finish: facts.projectedFinish };
    const actual = measured(since, startsAt);
    return {
      suggestionId: r.suggestion_id,
      action: r.action_type,
      user: r.action_user,
      decidedAt: r.decided_at,
      site: p.site,
      process: p.process,
      businessId: p.businessId,
      deadline: p.deadline,
      moved: kept.length,
      startsAt,
      promised,
      actual,
      verdict: verdictOf(actual, promised.finish, p.deadline),
    };
  });
}

/**
 * Speed from the first snapshot after the moved people started to the last one; the finish
 * projected from it. Work done by then has its finish (the first snapshot with nothing left)
 * and its speed over the same span, or, when it was done too soon after the start to measure,
 * from the decision's own snapshot (`since[0]`). The speed and the projected finish are the
 * store's (store/progressSnapshots.ts: the gap rule, the stretch that ends on the last item
 * left out, `projectedFinish`), so the outcome agrees with the overview's speed.
 */
function measured(since: SeriesPoint[], startsAt: number): FloorDecision['actual'] {
  const started = since.filter((s) => s.t >= startsAt);
  const doneAt = started.find((s) => s.remaining <= 0);
  const span = (a: SeriesPoint, b: SeriesPoint): number => (b.t - a.t) / MINUTE;
  const first = started[0];
  if (doneAt) {
    const base = first && span(first, doneAt) >= MEASURE_AFTER_MINUTES ? first : since[0]!;
    if (span(base, doneAt) <= 0) return null;
    const perMinute = speedToFinish(since.filter((s) => s.t >= base.t && s.t <= doneAt.t));
    if (perMinute === null) return null;
    return { perMinute, finish: doneAt.t, finished: true, from: base.t, to: doneAt.t };
  }
  const last = started[started.length - 1];
  if (!first || !last || span(first, last) < MEASURE_AFTER_MINUTES) return null;
  const perMinute = speedAcross(started);
  if (perMinute === null) return null;
  const finish = projectedFinish(last.remaining, perMinute, last.t);
  return { perMinute, finish: finish === null ? null : finishMinute(finish), finished: false, from: first.t, to: last.t };
}

/** Working when the work finishes (or will) by the later of the promise and the deadline; short when later than both. */
function verdictOf(actual: FloorDecision['actual'], promisedFinish: number | null, deadline: number): FloorDecision['verdict'] {
  if (actual === null) return 'measuring';
  const bar = Math.max(deadline, promisedFinish ?? deadline) + PROMISE_TOLERANCE_MINUTES * MINUTE;
  return actual.finish !== null && actual.finish <= bar ? 'working' : 'short';
}

/** The key of one piece of work, for matching a decision to its process row or alert. */
export const workKey = (w: { site: string; businessId: string; process: string }): string => `${w.site}|${w.businessId}|${w.process}`;

/**
 * The outcome of each decision on its own day (the snapshots from its start to `now` or the
 * day's end, whichever is first), by id: one reading per day of decisions, not one per row, so
 * the approvals list and its CSV cost a query per day.
 */
export function decisionOutcomes(
  db: Database.Database,
  decisions: readonly { suggestionId: string; decidedAt: number }[],
  o: { now: number; timeZone: string },
): Map<string, FloorDecision> {
  const days = new Set(decisions.map((d) => startOfZonedDay(d.decidedAt, o.timeZone)));
  const wanted = new Set(decisions.map((d) => d.suggestionId));
  const out = new Map<string, FloorDecision>();
  for (const day of days) {
    for (const d of floorDecisions(db, day, Math.min(o.now, startOfZonedDay(day, o.timeZone, 1) - 1)))
      if (wanted.has(d.suggestionId)) out.set(d.suggestionId, d);
  }
  return out;
}
