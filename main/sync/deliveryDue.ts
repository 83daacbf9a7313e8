/**
 * Whether a decision waits for delivery at `now`: what the sync schedule asks before it runs a
 * delivery between syncs. Never while the store is closed (before start(), after stop()).
 */
export function deliveryDue(isOpen: () => boolean, outbox: () => { due(now: number, limit: number): readonly unknown[] }, now: number): boolean {
  return isOpen() && outbox().due(now, 1).length > 0;
}
