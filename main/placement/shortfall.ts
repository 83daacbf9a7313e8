import type { ProcessProgress } from '../api/types.js';

const MINUTE = 60_000;

/**
 * How much speed a target lacks to finish by its deadline, people joining after
 * `switchMinutes` (capped by the time left): the proposal's and a what-if's one reading.
 */
export function shortfall(
  t: ProcessProgress,
  switchMinutes: number,
): { speed: number; deadline: number; minutesLeft: number; switchMinutes: number; requiredPerMinute: number; deficitPerMinute: number } {
  const speed = Math.max(0, t.speedPerMinute ?? 0);
  const deadline = t.deadline ?? t.snapshotTime;
  const minutesLeft = (deadline - t.snapshotTime) / MINUTE;
  const sw = Math.min(switchMinutes, Math.max(0, minutesLeft));
  const requiredPerMinute = Math.max(0, t.remaining - speed * sw) / Math.max(1, minutesLeft - sw);
  return { speed, deadline, minutesLeft, switchMinutes: sw, requiredPerMinute, deficitPerMinute: Math.max(0, requiredPerMinute - speed) };
}
