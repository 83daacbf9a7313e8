import { describe, expect, it } from 'vitest';
import { bandScale, scaledBand, type OriginError } from '../../../main/forecast/bandScale.js';
import { createRandom } from '../../../main/sync/demo/random.js';

/** Next-day errors for origins 0…n−1, each drawn with the spread `sd(o)`. */
function errorsOf(n: number, sd: (o: number) => number, seed: number): OriginError[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, o) => ({ o, e: r.normal(0, sd(o)) }));
}

/** The share of the errors from `from` on inside the band read off those before, widened by `s`. */
function heldAfter(errors: OriginError[], from: number, s: number): number {
  const [lo, hi] = scaledBand(
    errors.filter((x) => x.o < from).map((x) => x.e),
    s,
    0.1,
    0.9,
  );
  const after = errors.filter((x) => x.o >= from);
  return after.filter((x) => lo <= x.e && x.e <= hi).length / after.length;
}

describe('bandScale: the band widened until it would have held its share of this series’ own past', () => {
  it('leaves a band of steady errors about as measured', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = bandScale(
        errorsOf(120, () => 0.1, seed),
        1,
        0.1,
        0.9,
        0.8,
      );
      expect(s).toBeGreaterThanOrEqual(0.8);
      expect(s).toBeLessThanOrEqual(1.3);
    }
  });

  it('widens the band of errors whose spread grows, and the widened band holds far more of what comes next', () => {
    // The spread doubles over the record and keeps growing: a band read off all of the past is too narrow for tomorrow.
    const sd = (o: number): number => 0.05 * (1 + o / 60);
    let plain = 0;
    let wide = 0;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    for (const seed of seeds) {
      const all = errorsOf(150, sd, seed);
      const s = bandScale(
        all.filter((x) => x.o < 120),
        1,
        0.1,
        0.9,
        0.8,
      );
      expect(s).toBeGreaterThan(1.05);
      plain += heldAfter(all, 120, 1) / seeds.length;
      wide += heldAfter(all, 120, s) / seeds.length;
    }
    // A spread still growing past the record is more than the record can tell: measured 56 % as read, 73 % widened.
    expect(plain).toBeLessThan(0.65);
    expect(wide).toBeGreaterThan(0.7);
    expect(wide).toBeLessThan(0.9);
  });

  it('takes the band as measured when the record is too short to check, or has no width', () => {
    expect(
      bandScale(
        errorsOf(15, () => 0.1, 1),
        1,
        0.1,
        0.9,
        0.8,
      ),
    ).toBe(1);
    // A line of zeros: every error the same, a band of no width, nothing to scale.
    expect(
      bandScale(
        errorsOf(120, () => 0, 1),
        1,
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
