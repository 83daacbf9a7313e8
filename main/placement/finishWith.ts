import { finishMinute } from './finishMinute.js';

const MINUTE = 60_000;

/**
 * The one projection of a change on a target's finish, for the proposal, its what-ifs, a
 * partial approval and a manager's what-if alike: the current speed until the people who
 * join have switched over (`switchMinutes`), then the current speed plus `added` items a
 * minute. A speed what-if is the same call with the new speed and nothing added.
 */
export function finishWith(remaining: number, speed: number, added: number, switchMinutes: number, from: number): number | null {
  if (remaining <= speed * switchMinutes) return speed > 0 ? finishMinute(from + (remaining / speed) * MINUTE) : null;
  const total = speed + added;
  return total > 0 ? finishMinute(from + (switchMinutes + (remaining - speed * switchMinutes) / total) * MINUTE) : null;
}
