/** The `p` quantile (0…1) of `xs`, interpolating between order statistics (NaN for none). */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  return sortedQuantile(
    [...xs].sort((a, b) => a - b),
    p,
  );
}

/** quantile() of values already in ascending order: no copy, no sort (a caller that reads several quantiles sorts once). */
export function sortedQuantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
