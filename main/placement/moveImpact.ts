import type { ProcessProgress } from '../api/types.js';
import { assessProgress } from './siteOverview.js';

/** A change of staff: people join `to`, leave `from`, or move between them. */
export interface StaffMove {
  count: number;
  to: { site: string; process: string } | null;
  from: { site: string; process: string } | null;
}

/** One site, process and business before and after the move. */
export interface MoveImpactRow {
  side: 'receiving' | 'giving';
  site: string;
  process: string;
  businessId: string;
  deadline: number | null;
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
  perPersonPerMinute: (site: string, process: string) => number,
  atRiskSlackMinutes: number,
): MoveImpactRow[] {
  const rows: MoveImpactRow[] = [];
  const side = (at: { site: string; process: string }, sign: 1 | -1, name: MoveImpactRow['side']): void => {
    const list = series.filter((p) => p.site === at.site && p.process === at.process && p.status !== 'done');
    const total = list.reduce((s, p) => s + Math.max(0, p.speedPerMinute ?? 0), 0);
    const delta = sign * move.count * perPersonPerMinute(at.site, at.process);
    for (const p of list) {
      const share = total > 0 ? Math.max(0, p.speedPerMinute ?? 0) / total : 1 / list.length;
      const after = Math.max(0, (p.speedPerMinute ?? 0) + delta * share);
      const a = assessProgress({ remaining: p.remaining, deadline: p.deadline, snapshotTime: p.snapshotTime, speedPerMinute: after }, atRiskSlackMinutes);
      rows.push({
        side: name,
        site: p.site,
        process: p.process,
        businessId: p.businessId,
        deadline: p.deadline,
        before: { perMinute: p.speedPerMinute, finish: p.projectedFinish, minutesLate: p.minutesLate },
        after: { perMinute: Math.round(after * 10) / 10, finish: a.projectedFinish, minutesLate: a.minutesLate },
      });
    }
  };
  if (move.to) side(move.to, 1, 'receiving');
  if (move.from) side(move.from, -1, 'giving');
  return rows;
}
