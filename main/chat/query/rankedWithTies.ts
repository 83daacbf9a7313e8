/**
 * The first `n` of a sorted ranking and every row tied with the last of them, each with its place (competition
 * ranking: rows of equal value share a place, «1. 佐世保: 6 / 1. 大阪: 6»). A cut inside a tie would name one of equals
 * as «the worst» and hide the others.
 */
export function rankedWithTies<T extends { value: number | null }>(sorted: readonly T[], n: number): { place: number; row: T }[] {
  const out: { place: number; row: T }[] = [];
  sorted.forEach((row, i) => {
    const prev = out.at(-1);
    const tied = prev !== undefined && prev.row.value === row.value;
    if (i < n || tied) out.push({ place: tied ? prev.place : i + 1, row });
  });
  return out;
}
