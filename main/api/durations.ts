/**
 * Elapsed time, in ms, for the places where a span is genuinely a duration: a bound on how much work a request may ask
 * for, a rolling window of the last so many hours, an age against a timeout. A calendar day (yesterday, the last 7 days
 * as days, the same time a week ago, a day bucket, retention counted in days) is not one of these: it is 23 to 25 hours
 * across a DST change and goes through `config/zonedTime.ts` with the company's zone. In the bottom layer so that the
 * contract's bounds and the core name a duration one way; it imports nothing.
 */

export const HOUR_MS = 3_600_000;

/** 24 hours of elapsed time, whatever the calendar says: not "a day". */
export const HOURS_24_MS = 24 * HOUR_MS;

/** `n` × 24 hours of elapsed time: a bound or a rolling window, never a count of calendar days. */
export const durationDays = (n: number): number => n * HOURS_24_MS;
