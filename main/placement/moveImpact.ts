import type { ProcessProgress } from '../api/types.js';
import { assessProgress } from './siteOverview.js';

/** A change of staff: people join `to`, leave `from`, or move between them. */
/** One side of a move: a site's process, or one business on it when the manager named one («札幌エントリ1（SS）から»). */
export interface MoveSide {
  site: string;
  process: string;
  businessId?: string | null;
}

export interface StaffMove {
  count: number;
  to: MoveSide | null;
  from: MoveSide | null;
  /** When the people go back (epoch ms): the move lasts until then; absent, for the rest of the day. */
  until?: number;
}

/** One site, process and business before and after the move. */
export interface MoveImpactRow {
  side: 'receiving' | 'giving';
  site: string;
  process: string;
  businessId: string;
  deadline: number | null;
  /** Items left now: a line left with no speed stops with them. */
  remaining: number;
  before: { perMinute: number | null; finish: number | null; minutesLate: number | null };
  after: { perMinute: number | null; finish: number | null; minutesLate: number | null };
}

/**
 * What a move does to the finish of every business the receiving and the giving process
 * serve: each person adds (or takes away) `perPersonPerMinute` of the process's speed,
 * shared between its businesses as their current speeds are (evenly when none moves).
 * The finish is projected as the overview projects it (assessProgress), from the same
 * snapshot, so before and after compare like with like.
 */
export function moveImpact(
  series: readonly ProcessProgress[],
  move: StaffMove,
  perPersonPerMinute: (at: MoveSide) => number,
  atRiskSlackMinutes: number,
): MoveImpactRow[] {
  return [
    ...(move.to ? speedChangeImpact(series, move.to, move.count * perPersonPerMinute(move.to), 'receiving', atRiskSlackMinutes, move.until) : []),
    ...(move.from ? speedChangeImpact(series, move.from, -move.count * perPersonPerMinute(move.from), 'giving', atRiskSlackMinutes, move.until) : []),
  ];
}

/**
 * One side of a move: `deltaPerMinute` items a minute added to (or, negative, taken from)
 * a site's process, shared between its open businesses as their current speeds are
 * (evenly when none moves), each business's finish projected again. With `until`, the
 * change lasts until then: what is left at that time goes on at the speed before.
 */
export function speedChangeImpact(
  series: readonly ProcessProgress[],
  at: MoveSide,
  deltaPerMinute: number,
  side: MoveImpactRow['side'],
  atRiskSlackMinutes: number,
  until?: number,
): MoveImpactRow[] {
  // A business named takes the whole change; else it is shared between the process's open businesses.
  const list = series.filter(
    (p) => p.site === at.site && p.process === at.process && p.status !== 'done' && (!at.businessId || p.businessId === at.businessId),
  );
  const total = list.reduce((s, p) => s + Math.max(0, p.speedPerMinute ?? 0), 0);
  return list.map((p) => {
    const share = total > 0 ? Math.max(0, p.speedPerMinute ?? 0) / total : 1 / list.length;
    const after = Math.max(0, (p.speedPerMinute ?? 0) + deltaPerMinute * share);
    const during = assessProgress({ remaining: p.remaining, deadline: p.deadline, snapshotTime: p.snapshotTime, speedPerMinute: after }, atRiskSlackMinutes);
    // Back before the work is done: the items left at `until` go on at the speed before the move.
    const doneBy = until === undefined || until <= p.snapshotTime ? Infinity : (after * (until - p.snapshotTime)) / 60_000;
    const a =
      doneBy >= p.remaining
        ? during
        : assessProgress({ remaining: p.remaining - doneBy, deadline: p.deadline, snapshotTime: until!, speedPerMinute: p.speedPerMinute }, atRiskSlackMinutes);
    return {
      side,
      site: p.site,
      process: p.process,
      businessId: p.businessId,
      deadline: p.deadline,
      remaining: p.remaining,
      before: { perMinute: p.speedPerMinute, finish: p.projectedFinish, minutesLate: p.minutesLate },
      after: { perMinute: Math.round(after * 10) / 10, finish: a.projectedFinish, minutesLate: a.minutesLate },
    };
  });
}
