import { sortedQuantile } from './quantile.js';

/** An out-of-sample error of the forecast: made at origin `o` (a day's index), `h` working days ahead, in log(1 + items). */
export interface OriginError {
  o: number;
  e: number;
  /**
   * How far past the band, in the same units, it reached at that origin because the latest days
   * pointed to another level (forecastSeries: PENDING_RUN): down ≤ 0, up ≥ 0; 0 when they did not.
   */
  down?: number;
  up?: number;
}

interface Check {
  lo: number;
  mid: number;
  hi: number;
  e: number;
  down: number;
  up: number;
}

/** Fewer earlier errors than this at a horizon: no band to check there. */
const MIN_KNOWN = 12;
/** Fewer checks than this in all: the band is taken as measured (scale 1). */
const MIN_CHECKS = 30;
/** The scales tried, narrowest first: a band a third narrower up to three times as wide. */
const SCALES = Array.from({ length: 47 }, (_, i) => 0.7 + i * 0.05);

/** The band of errors whose `lower` and `upper` quantiles are `lo` and `hi` (median `mid`), widened by `s` about its median, always holding a zero error (the P50 itself). */
function widened(lo: number, mid: number, hi: number, s: number): [number, number] {
  return [Math.min(0, mid + s * (lo - mid)), Math.max(0, mid + s * (hi - mid))];
}

/** The band read off `errors` (any order) at quantiles `lower` and `upper`, widened by `s`. */
export function scaledBand(errors: readonly number[], s: number, lower: number, upper: number): [number, number] {
  const sorted = [...errors].sort((a, b) => a - b);
  return widened(sortedQuantile(sorted, lower), sortedQuantile(sorted, 0.5), sortedQuantile(sorted, upper), s);
}

/**
 * How much to widen (or narrow) the band read off one horizon's past errors so that it would
 * have held `cover` of the outcomes had it been used all along. At each past origin the band is
 * read off the errors known by then (their target day had passed), exactly as the forecast reads
 * it today, and checked against the error that came. A band read off a finite, changing record
 * of errors holds less than its nominal share of what comes next (on the demo and on other
 * companies' series alike: docs/bench/2026-11-26-forecast-band-calibration.md); the series' own
 * record says by how much.
 * `errors`: the errors at horizon `h`, in the order of their origins.
 */
export function bandScale(errors: readonly OriginError[], h: number, lower: number, upper: number, cover: number): number {
  const checks: Check[] = [];
  const known: number[] = [];
  let next = 0;
  for (const x of errors) {
    // An error is known once its target day has passed: made at o' with o' + h ≤ o.
    while (next < errors.length && errors[next]!.o + h <= x.o) {
      const e = errors[next++]!.e;
      if (Number.isFinite(e)) insertSorted(known, e);
    }
    if (known.length < MIN_KNOWN || !Number.isFinite(x.e)) continue;
    const check = {
      lo: sortedQuantile(known, lower),
      mid: sortedQuantile(known, 0.5),
      hi: sortedQuantile(known, upper),
      e: x.e,
      down: x.down ?? 0,
      up: x.up ?? 0,
    };
    // A band of no width (the errors mostly tied, as a line of zeros makes them) widens to nothing: it says nothing of the scale.
    if (check.hi > check.lo) checks.push(check);
  }
  if (checks.length < MIN_CHECKS) return 1;
  for (const s of SCALES) {
    let inside = 0;
    for (const c of checks) {
      // Widened about its median, then reaching as far as that origin's band did (the level the latest days pointed to).
      const [lo, hi] = widened(c.lo, c.mid, c.hi, s);
      if (lo + c.down <= c.e && c.e <= hi + c.up) inside++;
    }
    if (inside >= cover * checks.length) return s;
  }
  return SCALES.at(-1)!;
}

function insertSorted(xs: number[], v: number): void {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  xs.splice(lo, 0, v);
}
