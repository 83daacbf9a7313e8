import { describe, expect, it } from 'vitest';
import { bandScale, scaledBand, type OriginError } from '../../../main/forecast/bandScale.js';
import { createRandom } from '../../../main/sync/demo/random.js';

/** Errors at horizons 1–3 for origins 0…n−1, each drawn with the spread `sd(o)`. */
function errorsOf(n: number, sd: (o: number) => number, seed: number): OriginError[][] {
  const r = createRandom(seed);
  const out: OriginError[][] = [[], [], [], []];
  for (let o = 0; o < n; o++) for (let h = 1; h <= 3; h++) out[h]!.push({ o, e: r.normal(0, sd(o)) });
  return out;
}

/** The share of the errors after `from` inside the band read off those before, widened by `s`. */
function heldAfter(errors: OriginError[][], from: number, s: number): number {
  let inside = 0;
  let n = 0;
  for (const list of errors.slice(1)) {
    const [lo, hi] = scaledBand(
      list.filter((x) => x.o < from).map((x) => x.e),
      s,
      0.1,
      0.9,
    );
    for (const x of list.filter((x) => x.o >= from)) {
      n++;
      if (lo <= x.e && x.e <= hi) inside++;
    }
  }
  return inside / n;
}

describe('bandScale: the band widened until it would have held its share of this series’ own past', () => {
  it('leaves a band of steady errors about as measured', () => {
    const scales = [1, 2, 3, 4, 5].map((seed) =>
      bandScale(
        errorsOf(120, () => 0.1, seed),
        0.1,
        0.9,
        0.8,
      ),
    );
    for (const s of scales) expect(s).toBeGreaterThanOrEqual(0.8);
    for (const s of scales) expect(s).toBeLessThanOrEqual(1.3);
  });

  it('widens the band of errors whose spread grows, and the widened band holds far more of what comes next', () => {
    // The spread doubles over the record and keeps growing: a band read off all of the past is too narrow for tomorrow.
    const sd = (o: number): number => 0.05 * (1 + o / 60);
    let plain = 0;
    let wide = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const all = errorsOf(150, sd, seed);
      const past = all.map((list) => list.filter((x) => x.o < 120));
      const s = bandScale(past, 0.1, 0.9, 0.8);
      expect(s).toBeGreaterThan(1.05);
      plain += heldAfter(all, 120, 1) / 8;
      wide += heldAfter(all, 120, s) / 8;
    }
    // Measured: 56 % as read off the past, 73 % widened; a spread still growing past the record is more than the record can tell.
    expect(plain).toBeLessThan(0.65);
    expect(wide).toBeGreaterThan(0.7);
    expect(wide).toBeLessThan(0.9);
  });

  it('takes the band as measured when the record is too short to check', () => {
    expect(
      bandScale(
        errorsOf(15, () => 0.1, 1),
        0.1,
        0.9,
        0.8,
      ),
    ).toBe(1);
  });

  it('always holds a zero error: the P50 is inside its own band', () => {
    const [lo, hi] = scaledBand([0.2, 0.3, 0.4, 0.5, 0.6], 1.5, 0.1, 0.9);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0.6);
  });
});
