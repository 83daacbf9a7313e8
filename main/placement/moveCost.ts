import type { Candidate, PlacementPolicy } from './placementSituation.js';

/** The km between two sites in the placement's table, either way round; null when the table has no such pair. */
export function distanceKm(table: Record<string, Record<string, number>>, a: string, b: string): number | null {
  return table[a]?.[b] ?? table[b]?.[a] ?? null;
}

/**
 * What moving one candidate to `target` costs, lower preferred: distance first, then the
 * experience rule, skill and fairness; among equals the more experienced and faster one
 * (small terms, so that ties do not fall to the solver). One rule for the proposal and a
 * manager's what-if, so that both pick the same people for the same move.
 */
export function moveCost(
  target: { site: string; process: string },
  policy: PlacementPolicy,
  distancesKm: Record<string, Record<string, number>>,
): { cost: (c: Candidate) => number; preferredMonths: number; distance: (c: Candidate) => number | null } {
  const preferredMonths = policy.preferredExperience.find((p) => target.process.startsWith(p.processPrefix))?.months ?? 0;
  const distance = (c: Candidate): number | null => distanceKm(distancesKm, c.site, target.site);
  const cost = (c: Candidate): number =>
    10 +
    (distance(c) ?? 2000) / 100 +
    (c.experienceMonths < preferredMonths ? 5 : 0) +
    (5 - c.skill) +
    3 * c.recentMoves -
    Math.min(c.experienceMonths, 120) / 120 -
    c.perHour / 1000;
  return { cost, preferredMonths, distance };
}
