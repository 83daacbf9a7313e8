import { median } from '../median.js';

/** Mean after clipping to the median ± 3 MADs, and the clipped values' variance: a robust mean that still uses every day. */
function clippedMean(xs: number[]): { mean: number; variance: number } {
  const med = median(xs);
  const mad = 1.4826 * median(xs.map((x) => Math.abs(x - med))) || 1e-9;
  const c = xs.map((x) => Math.min(med + 3 * mad, Math.max(med - 3 * mad, x)));
  const mean = c.reduce((s, x) => s + x, 0) / c.length;
  const variance = c.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, c.length - 1);
  return { mean, variance };
}

/** The least day-to-day variance an effect is judged against: one or two days that happen to agree are not certainty. */
const MIN_VARIANCE = 0.01;

/**
 * An effect measured on a few days is pulled toward `prior` by how sure it is: a clear peak
 * (t large) keeps nearly all of itself, noise around the prior (t near 1) keeps about half.
 */
export function shrunk(xs: number[], prior: number, doubt = 1): number {
  if (xs.length === 0) return prior;
  const { mean, variance } = clippedMean(xs);
  const t2 = (xs.length * (mean - prior) ** 2) / Math.max(variance, MIN_VARIANCE);
  return prior + (t2 / (t2 + doubt)) * (mean - prior);
}
