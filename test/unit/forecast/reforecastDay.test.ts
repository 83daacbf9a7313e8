import { describe, expect, it } from 'vitest';
import { reforecastDay, shareBand } from '../../../main/forecast/reforecastDay.js';

const forecast = { date: '2025-10-23', p10: 800, p50: 1000, p90: 1200 };

describe("today's total re-estimated from what has arrived", () => {
  it('once nine days in ten had everything by now, nothing more is expected', () => {
    const r = reforecastDay({ arrived: 1100, share: shareBand([1, 1, 1, 1, 0.999, 1, 1, 1, 1, 1]), forecast });
    expect(r.complete).toBe(true);
    expect(r.total).toEqual({ p10: 1100, p50: 1100, p90: 1100 });
    expect(r.rest).toEqual({ p10: 0, p50: 0, p90: 0 });
  });

  it('leans towards whichever estimate has been the more reliable: the pace where the share by now is regular, the forecast where it varies', () => {
    // Twice the usual pace: 200 in by a time when a tenth usually is.
    const regular = reforecastDay({ arrived: 200, share: shareBand(Array(10).fill(0.1)), forecast });
    expect(regular.total).toEqual({ p10: 2000, p50: 2000, p90: 2000 });
    const varied = reforecastDay({ arrived: 200, share: shareBand([0.04, 0.06, 0.08, 0.1, 0.1, 0.1, 0.12, 0.15, 0.2, 0.25]), forecast });
    expect(Math.abs(varied.total.p50 - 1000)).toBeLessThan(Math.abs(varied.total.p50 - 2000));
    // Late in the day, with four fifths in on most days give or take a little, the pace says more than the forecast.
    const late = reforecastDay({ arrived: 1600, share: shareBand([0.77, 0.78, 0.79, 0.8, 0.8, 0.8, 0.81, 0.82, 0.83, 0.8]), forecast });
    expect(Math.abs(late.total.p50 - 2000)).toBeLessThan(Math.abs(late.total.p50 - 1600));
    expect(late.rest.p50).toBeCloseTo(late.total.p50 - 1600, 6);
    // The combined band is narrower than either estimate's own.
    expect(late.total.p90 - late.total.p10).toBeLessThan(forecast.p90 - forecast.p10);
  });

  it('never expects fewer than have arrived, and keeps its band in order', () => {
    for (const arrived of [0, 50, 900, 1500, 5000])
      for (const shares of [[0.3, 0.5, 0.7], [0.05, 0.9], [0.5]]) {
        const r = reforecastDay({ arrived, share: shareBand(shares), forecast });
        expect(r.total.p10).toBeGreaterThanOrEqual(arrived);
        expect(r.total.p10).toBeLessThanOrEqual(r.total.p50);
        expect(r.total.p50).toBeLessThanOrEqual(r.total.p90);
      }
  });

  it('a day that usually has more in by now than others gives the low total, one with less the high', () => {
    const r = reforecastDay({ arrived: 500, share: shareBand([0.4, 0.5, 0.5, 0.5, 0.6, 0.5, 0.5, 0.5, 0.45, 0.55]), forecast: null });
    expect(r.total.p50).toBeCloseTo(1000, 6);
    expect(r.total.p10).toBeLessThan(1000);
    expect(r.total.p90).toBeGreaterThan(1000);
  });

  it('without a usual share (nothing by now on earlier days) or a forecast, it says only what it knows', () => {
    expect(reforecastDay({ arrived: 30, share: shareBand([0, 0, 0.01]), forecast }).total).toEqual({ p10: 800, p50: 1000, p90: 1200 });
    expect(reforecastDay({ arrived: 30, share: null, forecast: null }).total).toEqual({ p10: 30, p50: 30, p90: 30 });
  });
});
