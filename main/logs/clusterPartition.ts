import type { ClusterBasis } from './clusterBasis.js';
import { UnionFind } from './unionFind.js';
import { linkAmong, linkToAll, type PackedVectors } from './vectorLinks.js';

/** Beyond this share of templates new, changed or gone, one full pass costs less than linking them one by one. */
export const FULL_RECLUSTER_SHARE = 0.25;

export interface Partition {
  /** Families as indices into the points, each ascending, ordered by their first point (as dbscan() numbers them). */
  groups: number[][];
  mode: 'full' | 'incremental';
  /** Templates new, re-embedded or gone since the basis (all of them without one). */
  changed: number;
}

/**
 * The families of the points: with DBSCAN's two points a family (MIN_POINTS 2) on unit
 * vectors, every point with a neighbour within eps is a core point, so a family is a
 * connected part of the graph "within eps" and does not depend on the order of the points.
 * That lets an update be exact: families whose points are all still there, unchanged, stay
 * joined (no point of theirs was within eps of another family's, or they would be one);
 * a family that lost a point is re-linked among the points it has left (it may split);
 * each new or re-embedded point is linked with every point. A full pass links all pairs,
 * when there is no basis (first run, another radius, the family tables changed elsewhere)
 * or when more than FULL_RECLUSTER_SHARE changed.
 */
export function clusterPartition(
  v: PackedVectors,
  ids: readonly number[],
  hashes: readonly number[],
  basis: ClusterBasis | null,
  eps: number,
  o: { full?: boolean } = {},
): Partition {
  const n = ids.length;
  const sets = new UnionFind(n);
  const known = new Map<number, number>();
  basis?.ids.forEach((id, k) => known.set(id, k));
  const fresh: number[] = [];
  const stale = new Set<number>();
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const k = known.get(ids[i]!);
    if (k === undefined) fresh.push(i);
    else {
      seen++;
      if (basis!.hashes[k] !== hashes[i]) {
        fresh.push(i);
        if (basis!.clusters[k] !== 0) stale.add(basis!.clusters[k]!);
      }
    }
  }
  const gone = (basis?.ids.length ?? 0) - seen;
  const changed = fresh.length + gone;
  const full = o.full || !basis || basis.eps !== eps || changed > FULL_RECLUSTER_SHARE * Math.max(n, basis.ids.length);
  if (full) {
    linkAmong(
      v,
      Array.from({ length: n }, (_, i) => i),
      eps,
      sets,
    );
  } else {
    const present = new Set(ids);
    basis.ids.forEach((id, k) => {
      if (!present.has(id) && basis.clusters[k] !== 0) stale.add(basis.clusters[k]!);
    });
    const freshSet = new Set(fresh);
    const families = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const k = known.get(ids[i]!);
      const c = k === undefined ? 0 : basis.clusters[k]!;
      if (c === 0 || freshSet.has(i)) continue;
      const f = families.get(c);
      if (f) f.push(i);
      else families.set(c, [i]);
    }
    for (const [c, points] of families) {
      if (stale.has(c)) linkAmong(v, points, eps, sets);
      else for (const p of points) sets.union(points[0]!, p);
    }
    for (const p of fresh) linkToAll(v, p, eps, sets);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = sets.find(i);
    const g = byRoot.get(r);
    if (g) g.push(i);
    else byRoot.set(r, [i]);
  }
  // Map order is the order of each family's first point: dbscan()'s numbering.
  const groups = [...byRoot.values()].filter((g) => g.length >= 2);
  return { groups, mode: full ? 'full' : 'incremental', changed };
}
