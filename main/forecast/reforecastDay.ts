import type { DayForecast } from '../api/planTypes.js';
import { quantile } from './quantile.js';

/** A low, middle and high figure (the 10th, 50th and 90th percentiles). */
export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

/** What share of a day's items had arrived by the same clock time on earlier days: their 10th, 50th and 90th percentiles. */
export type ShareBand = Band;

/** A share band from the shares seen on earlier days (each 0…1); null without any. */
export function shareBand(shares: readonly number[]): ShareBand | null {
  if (shares.length === 0) return null;
  return { p10: quantile(shares, 0.1), p50: quantile(shares, 0.5), p90: quantile(shares, 0.9) };
}

/** Below this share the pace says too little (a few early items would be multiplied by 50). */
const MIN_SHARE = 0.02;
/** A day is taken as complete when on nine days in ten everything had arrived by now. */
const COMPLETE_SHARE = 0.995;

/** Whether a day's items are all in: on nine days in ten everything had arrived by this time of day. */
export const dayComplete = (share: ShareBand | null): boolean => share !== null && share.p10 >= COMPLETE_SHARE;

/** The normal's 90th percentile: a P10–P90 band is 2 × 1.2816 standard deviations wide. */
const Z90 = 1.2816;

/**
 * Today's total re-estimated during the day, from the items arrived so far, the share of a
 * day that has usually arrived by now, and the forecast made the evening before. Two
 * estimates of the total: the pace (arrived ÷ usual share) and the forecast (never below what
 * has already come). Each has its own spread from its own history: the forecast its P10–P90,
 * the pace how much the share by this time varied between days (P10–P90 of the share). They
 * are combined by their precision, as two independent measurements are: where the
 * company's items come at regular times the pace soon speaks, where the morning's share
 * varies a lot the forecast keeps its weight until most of the day is in. Without a forecast
 * (a short history) the pace alone; without a usual share the forecast alone.
 */
export function reforecastDay(o: { arrived: number; share: ShareBand | null; forecast: DayForecast | null }): {
  total: Band;
  rest: Band;
  complete: boolean;
} {
  const a = o.arrived;
  const floor = (x: number): number => Math.max(a, x);
  const complete = dayComplete(o.share);
  const result = (p10: number, p50: number, p90: number): { total: Band; rest: Band; complete: boolean } => {
    // The band stays ordered and never below what has come.
    const total = { p10: floor(Math.min(p10, p50)), p50: floor(p50), p90: floor(Math.max(p90, p50)) };
    return { total, rest: { p10: total.p10 - a, p50: total.p50 - a, p90: total.p90 - a }, complete };
  };
  if (complete) return result(a, a, a);
  const fc = o.forecast;
  const s = o.share;
  if (s === null || s.p50 < MIN_SHARE) return fc ? result(fc.p10, fc.p50, fc.p90) : result(a, a, a);
  const share = (x: number): number => Math.max(MIN_SHARE, x);
  const pace = a / share(s.p50);
  // A low total goes with a high share already in, and the other way round.
  if (!fc) return result(a / share(s.p90), pace, a / share(s.p10));
  const f50 = floor(fc.p50);
  // The forecast's own spread, not the floored one: a day already past the forecast's P90 has shown the forecast low, not exact.
  const sdForecast = (fc.p90 - fc.p10) / (2 * Z90);
  // The pace's spread relative to the total, scaled by the larger of the two estimates: a day with
  // nothing in yet by a time most days have some must not be believed exactly.
  const sdPace = (((1 / share(s.p10) - 1 / share(s.p90)) * share(s.p50)) / (2 * Z90)) * Math.max(pace, f50);
  if (sdPace <= 0) return result(pace, pace, pace);
  if (sdForecast <= 0) return result(f50, f50, f50);
  const wPace = sdForecast ** 2 / (sdForecast ** 2 + sdPace ** 2);
  const mid = wPace * pace + (1 - wPace) * f50;
  const sd = 1 / Math.sqrt(1 / sdForecast ** 2 + 1 / sdPace ** 2);
  return result(mid - Z90 * sd, mid, mid + Z90 * sd);
}
