import { describe, expect, it } from 'vitest';
import { backtest, type Forecaster } from '../../../main/forecast/backtest.js';
import type { DailySeries } from '../../../main/forecast/dailySeries.js';
import { forecastSeries } from '../../../main/forecast/forecastSeries.js';
import { datesBetween, isWorkingDay } from '../../../main/forecast/workCalendar.js';

// June 2025 has no holiday: 20 working days, a weekly pattern rising by 2 a week.
const dates = datesBetween('2025-06-02', '2025-06-27').filter(isWorkingDay);
const ys = [10, 20, 30, 40, 50, 12, 22, 32, 42, 52, 14, 24, 34, 44, 54, 16, 26, 36, 46, 56];
const tiny: DailySeries = { key: 'tiny', values: dates.map((date, i) => ({ date, value: ys[i]! })) };

/** Yesterday's value for every day ahead, with a band from 1 below to 15 above it. */
const lastValue: Forecaster = (history, ds) =>
  ds.map((date) => ({ date, p10: history.at(-1)!.value - 1, p50: history.at(-1)!.value, p90: history.at(-1)!.value + 15 }));

describe('backtest', () => {
  it('scores a tiny series as by hand', () => {
    // Origins: the last 3 days but the very last, 06-24 (26), 06-25 (36), 06-26 (46); horizons 1–2.
    // Scored: 36 and 46 from 26; 46 and 56 from 36; 56 from 46 (06-30 is past the data). Errors 10, 20, 10, 20, 10.
    // The seasonal naive (5 working days back) is 2 off every time. In-sample naive error up to 06-24: 2.
    const r = backtest([tiny], { origins: 3, horizon: 2, forecaster: lastValue });
    expect(r.all.n).toBe(5);
    expect(r.all.wape).toBeCloseTo(70 / 240, 10);
    expect(r.all.naiveWape).toBeCloseTo(10 / 240, 10);
    expect(r.series[0]!.scale).toBe(2);
    expect(r.all.mase).toBeCloseTo(14 / 2, 10);
    expect(r.all.coverage).toBeCloseTo(3 / 5, 10);
    expect(r.h1.n).toBe(3);
    expect(r.h1.wape).toBeCloseTo(30 / 138, 10);
    expect(r.series[0]!.h1.coverage).toBe(1);
  });

  it('steps a week further back for the naive when last week’s day is missing', () => {
    // Without 06-18 (34), the naive for 06-25 (36) is 06-11 (32): 4 off instead of 2.
    const gappy = { key: 'gappy', values: tiny.values.filter((v) => v.date !== '2025-06-18') };
    const r = backtest([gappy], { origins: 3, horizon: 2, forecaster: lastValue });
    expect(r.all.n).toBe(5);
    expect(r.all.naiveWape).toBeCloseTo(12 / 240, 10);
  });

  it('pools series by volume and scores Genba’s own forecasts', () => {
    const big = { key: 'big', values: tiny.values.map((v) => ({ ...v, value: v.value * 10 })) };
    const r = backtest([tiny, big], { origins: 3, horizon: 2, forecaster: lastValue });
    // Errors of `big` are the same as tiny's (lastValue is 10× off by 10×), the volume too: WAPE unchanged.
    expect(r.all.wape).toBeCloseTo((70 + 700) / (240 + 2400), 10);
    expect(r.all.mase).toBeCloseTo(7, 10);

    const own = backtest([tiny], { origins: 3, horizon: 2 });
    expect(own.all.n).toBe(5);
    expect(own.all.wape).toBeGreaterThan(0);
    // A weekly pattern of a factor of 5 from Monday to Friday: the weekday factors do far better than yesterday's value.
    expect(own.all.wape).toBeLessThan(0.5 * (70 / 240));
    expect(backtest([tiny], { origins: 3, horizon: 2, forecaster: (h, d, _k, cal) => forecastSeries(h, d, cal) }).all.wape).toBe(own.all.wape);
  });
});
