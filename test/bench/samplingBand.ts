/**
 * How far a coverage measured on n outcomes strays from a band's true coverage by chance alone.
 * An 80 % band scored on 60 outcomes lands within 75–85 % only about three times in four even when
 * it is exactly right, so "every series within 75–85 %" fails by luck on a set of many series;
 * a series whose coverage falls outside its own sampling band is likely miscalibrated (at 95 %, one
 * series in twenty is flagged by luck). The outcomes are taken as independent: the five horizons
 * of one origin are not, so the true band is wider than this one and a flag may still be luck.
 */

/** n whole outcomes and a true coverage strictly between 0 and 1: the only cases the benches ask about. */
function check(n: number, p: number): void {
  if (!Number.isInteger(n) || n < 1 || !(p > 0 && p < 1)) throw new RangeError(`samplingBand: needs n ≥ 1 and 0 < p < 1 (n ${n}, p ${p})`);
}

/** P(X = k) for X ~ Binomial(n, p), k = 0 … n, summed in logs (no underflow at n in the thousands). */
function binomialPmf(n: number, p: number): number[] {
  const logs = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) logs.push(logs[k]! + Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p)));
  return logs.map(Math.exp);
}

/** The chance that a band of true coverage `p` covers between `lo` and `hi` (shares, inclusive) of n outcomes. */
export function chanceWithin(n: number, p: number, lo: number, hi: number): number {
  check(n, p);
  return binomialPmf(n, p).reduce((s, q, k) => (k / n >= lo - 1e-12 && k / n <= hi + 1e-12 ? s + q : s), 0);
}

/** The central `level` interval of the coverage of n outcomes by a band of true coverage `p`, as shares. */
export function samplingBand(n: number, p: number, level = 0.95): { lo: number; hi: number } {
  check(n, p);
  const pmf = binomialPmf(n, p);
  const tail = (1 - level) / 2;
  let lo = 0;
  for (let below = pmf[0]!; below < tail; below += pmf[lo]!) lo++;
  let hi = n;
  for (let above = pmf[n]!; above < tail; above += pmf[hi]!) hi--;
  return { lo: lo / n, hi: hi / n };
}
