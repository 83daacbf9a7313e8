import type { UnionFind } from './unionFind.js';

/** Vectors of one dimension side by side: vector i at [i·dim, (i+1)·dim). */
export interface PackedVectors {
  n: number;
  dim: number;
  data: Float32Array;
}

export function packVectors(vectors: Float32Array[]): PackedVectors {
  const dim = vectors[0]?.length ?? 0;
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => data.set(v.subarray(0, dim), i * dim));
  return { n: vectors.length, dim, data };
}

/**
 * Whether two vectors lie within `eps` (cosine distance), computed exactly as dbscan()
 * computes it (the same products summed in the same order, the same comparison), so that
 * every way of clustering draws the same links.
 */
export function withinEps(v: PackedVectors, i: number, j: number, eps: number): boolean {
  const d = v.data;
  const a = i * v.dim;
  const b = j * v.dim;
  let dot = 0;
  for (let k = 0; k < v.dim; k++) dot += d[a + k]! * d[b + k]!;
  return 1 - dot <= eps;
}

/**
 * Joins every two of `points` within eps. A pair already joined through others is not
 * measured: in one large family most pairs are, which is where the time of a full pass goes.
 */
export function linkAmong(v: PackedVectors, points: readonly number[], eps: number, sets: UnionFind): void {
  for (let x = 0; x < points.length; x++) {
    const i = points[x]!;
    for (let y = x + 1; y < points.length; y++) {
      const j = points[y]!;
      if (sets.find(i) !== sets.find(j) && withinEps(v, i, j, eps)) sets.union(i, j);
    }
  }
}

/** Joins point `p` with every point within eps. */
export function linkToAll(v: PackedVectors, p: number, eps: number, sets: UnionFind): void {
  for (let j = 0; j < v.n; j++) if (j !== p && sets.find(p) !== sets.find(j) && withinEps(v, p, j, eps)) sets.union(p, j);
}
