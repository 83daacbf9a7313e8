import type { ProcessProgress } from '../api/types.js';
import { finishWith } from './finishWith.js';

const MINUTE = 60_000;

/** A what-if on a line's own work today: items added now, or the work stopped for a number of minutes (null: the rest of the day). */
export type WorkChange = { items: number } | { stopMinutes: number | null };

/** A line's finish before and after a change to its work, at its speed now (items a minute over the recent window). */
export interface WorkWhatIf {
  target: ProcessProgress;
  /** Items left after the change (before it: `target.remaining`). */
  remaining: number;
  /** The projected finish after the change; null when it does not finish today (stopped for the rest of the day) or has no speed. */
  finish: number | null;
  /** Minutes after the deadline (negative: to spare); null without a deadline or a finish. */
  minutesLate: number | null;
  /** Items a minute from the snapshot on that would meet the deadline after the change; null without a deadline, or when it has passed. */
  requiredPerMinute: number | null;
}

/**
 * The same projection the line's own finish uses (finishWith at its speed now, from its latest snapshot): items added are
 * more to do at that speed; a stop starts the same work that many minutes later. A line with nothing left is unaffected by
 * a stop. The speed is the line's now: a stop's cause (an OCR server down, say) is not assumed to change it afterwards.
 */
export function workWhatIf(t: ProcessProgress, change: WorkChange): WorkWhatIf {
  const speed = Math.max(0, t.speedPerMinute ?? 0);
  const remaining = 'items' in change ? t.remaining + change.items : t.remaining;
  const start = 'stopMinutes' in change && change.stopMinutes !== null ? t.snapshotTime + change.stopMinutes * MINUTE : t.snapshotTime;
  const finish =
    remaining === 0
      ? (t.finishedAt ?? t.snapshotTime)
      : 'stopMinutes' in change && change.stopMinutes === null
        ? null
        : speed > 0
          ? finishWith(remaining, speed, 0, 0, start)
          : null;
  const minutesLate = t.deadline === null || finish === null ? null : Math.round((finish - t.deadline) / MINUTE);
  const left = t.deadline === null ? 0 : (t.deadline - start) / MINUTE;
  const requiredPerMinute = t.deadline === null || left <= 0 || remaining === 0 ? null : Math.round((remaining / left) * 10) / 10;
  return { target: t, remaining, finish, minutesLate, requiredPerMinute };
}
