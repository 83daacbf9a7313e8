/**
 * A 2D projection of unit vectors by principal components (power iteration). Deterministic
 * (fixed start, sign fixed so each axis's largest loading is positive), so the same
 * templates land on the same spot at every refresh. Not UMAP: for a few hundred templates
 * the first two components separate the families well enough, and cost milliseconds.
 */
export function project2d(vectors: Float32Array[]): [number, number][] {
  const n = vectors.length;
  if (n === 0) return [];
  const dim = vectors[0]!.length;
  const mean = new Float64Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) mean[i]! += v[i]! / n;
  const centred = vectors.map((v) => Float64Array.from(v, (x, i) => x - mean[i]!));
  const axes: Float64Array[] = [];
  for (let a = 0; a < 2; a++) {
    let w: Float64Array = Float64Array.from({ length: dim }, (_, i) => Math.sin(i + 1 + a));
    for (let iter = 0; iter < 60; iter++) {
      const next = new Float64Array(dim);
      for (const c of centred) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += c[i]! * w[i]!;
        for (let i = 0; i < dim; i++) next[i]! += dot * c[i]!;
      }
      for (const prev of axes) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += next[i]! * prev[i]!;
        for (let i = 0; i < dim; i++) next[i]! -= dot * prev[i]!;
      }
      const norm = Math.hypot(...next) || 1;
      w = next.map((x) => x / norm);
    }
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(w[i]!) > Math.abs(w[big]!)) big = i;
    if (w[big]! < 0) w = w.map((x) => -x);
    axes.push(w);
  }
  return centred.map((c) => axes.map((w) => c.reduce((s, x, i) => s + x * w[i]!, 0)) as [number, number]);
}
