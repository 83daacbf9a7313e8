/**
 * DBSCAN on unit vectors with cosine distance: a point with `minPoints` neighbours within
 * `eps` (itself included) is a core point; clusters grow from core points; the rest is noise
 * (-1). Input order decides ties, so the same input always gives the same clusters.
 * The app draws families with clusterPartition() (main/logs), which gives the same clusters
 * for minPoints 2 without measuring every pair on every refresh; this is the definition it
 * is tested against, and the "before" of the scale bench, so it lives with the tests.
 */
export function dbscan(vectors: Float32Array[], eps: number, minPoints: number): number[] {
  const n = vectors.length;
  const labels = new Array<number>(n).fill(-2); // -2 unvisited, -1 noise
  const neighbours = (i: number): number[] => {
    const out: number[] = [];
    const a = vectors[i]!;
    for (let j = 0; j < n; j++) {
      const b = vectors[j]!;
      let dot = 0;
      for (let k = 0; k < a.length; k++) dot += a[k]! * b[k]!;
      if (1 - dot <= eps) out.push(j);
    }
    return out;
  };
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -2) continue;
    const seeds = neighbours(i);
    if (seeds.length < minPoints) {
      labels[i] = -1;
      continue;
    }
    labels[i] = cluster;
    const queue = seeds.filter((j) => j !== i);
    while (queue.length > 0) {
      const j = queue.shift()!;
      if (labels[j] === -1) labels[j] = cluster;
      if (labels[j] !== -2) continue;
      labels[j] = cluster;
      const more = neighbours(j);
      if (more.length >= minPoints) queue.push(...more.filter((m) => labels[m]! < 0));
    }
    cluster++;
  }
  return labels;
}
