import { describe, expect, it } from 'vitest';
import { chanceWithin, samplingBand } from '../../bench/samplingBand.js';

describe('samplingBand', () => {
  it('matches the binomial distribution worked by hand', () => {
    // n = 2, p = 0.5: P(0) = P(2) = 0.25, P(1) = 0.5.
    expect(chanceWithin(2, 0.5, 0.5, 0.5)).toBeCloseTo(0.5, 12);
    expect(chanceWithin(2, 0.5, 0, 1)).toBeCloseTo(1, 12);
    // n = 5, p = 0.8: P(4) = 5 · 0.8⁴ · 0.2 = 0.4096, P(5) = 0.8⁵ = 0.32768.
    expect(chanceWithin(5, 0.8, 0.8, 1)).toBeCloseTo(0.4096 + 0.32768, 12);
  });

  it('says an exact 80 % band lands within 75–85 % of 60 outcomes only about three times in four', () => {
    const chance = chanceWithin(60, 0.8, 0.75, 0.85);
    expect(chance).toBeGreaterThan(0.6);
    expect(chance).toBeLessThan(0.8);
  });

  it('gives the central interval, each tail under its share, narrowing as outcomes grow', () => {
    const band = samplingBand(60, 0.8);
    // P(X ≤ 41) < 0.025 ≤ P(X ≤ 42) and P(X ≥ 55) < 0.025 ≤ P(X ≥ 54) for X ~ Binomial(60, 0.8): no wider, no narrower.
    expect(band).toEqual({ lo: 42 / 60, hi: 54 / 60 });
    expect(chanceWithin(60, 0.8, 0, 42 / 60)).toBeGreaterThanOrEqual(0.025);
    expect(chanceWithin(60, 0.8, 54 / 60, 1)).toBeGreaterThanOrEqual(0.025);
    expect(chanceWithin(60, 0.8, 0, band.lo - 1 / 120)).toBeLessThan(0.025);
    expect(chanceWithin(60, 0.8, band.hi + 1 / 120, 1)).toBeLessThan(0.025);
    expect(chanceWithin(60, 0.8, band.lo, band.hi)).toBeGreaterThanOrEqual(0.95);
    const wide = samplingBand(6_000, 0.8);
    expect(wide.hi - wide.lo).toBeLessThan(band.hi - band.lo);
    expect(wide.lo).toBeGreaterThan(0.78);
    expect(wide.hi).toBeLessThan(0.82);
  });

  it('refuses what it cannot answer instead of returning NaN', () => {
    expect(() => samplingBand(0, 0.8)).toThrow(RangeError);
    expect(() => samplingBand(5, 1)).toThrow(RangeError);
    expect(() => chanceWithin(5, 0, 0, 1)).toThrow(RangeError);
  });
});
