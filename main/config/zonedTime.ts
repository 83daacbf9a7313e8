import { TZDate, tz as inZone, tzOffset } from '@date-fns/tz';
// One module a function: the package's index loads all of date-fns' ~860 modules, which cost every `genba` command and
// every test file about a third of a second of CPU to resolve and compile.
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { startOfDay } from 'date-fns/startOfDay';

/**
 * Wall-clock time and calendar days in the company's time zone (working days, "today", "yesterday", "the same time a
 * week ago", retention, day buckets, display). Every calendar day of the core goes through here, backed by
 * `@date-fns/tz` (the zone's rules from Intl), never by adding 86,400,000 ms: a local day is 23 or 25 hours long across
 * a DST change (23.5 or 24.5 on Lord Howe Island), and the zone is configurable. An elapsed time that only happens to be
 * a day long is a duration of `api/durations.ts` instead.
 */

/** The instant as a TZDate in the zone: its local getters read the zone's wall clock. */
const zoned = (epochMs: number, timeZone: string): TZDate => new TZDate(epochMs, timeZone);

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(epochMs: number, timeZone: string): WallClock {
  const d = zoned(epochMs, timeZone);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

/** Offset of the zone from UTC at that instant, in ms (JST: +9 h), to the second. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  return Math.round(tzOffset(timeZone, new Date(epochMs)) * 60) * 1000;
}

/**
 * Epoch ms of a wall-clock time in the zone. A time the zone skips (the hour a DST change jumps over) comes out as the
 * instant after the gap; a time it repeats, as its first instance.
 */
export function zonedEpoch(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  return new TZDate(year, month - 1, day, hour, minute, timeZone).getTime();
}

/**
 * The start of the local day that holds the instant, or with `days`, of the local day that many calendar days later
 * (negative: earlier; `startOfZonedDay(now, tz, -1)` is the start of yesterday). The start is midnight, or the first
 * instant of the day where the zone skips midnight.
 */
export function startOfZonedDay(epochMs: number, timeZone: string, days = 0): number {
  const start = startOfDay(zoned(epochMs, timeZone));
  return days === 0 ? start.getTime() : startOfDay(addDays(start, days)).getTime();
}

/**
 * The start of the local hour that holds the instant: where the zone's wall clock last read a whole hour. In a zone
 * whose offset is not whole hours (India, +5:30) that is not a multiple of an hour in epoch time; across a DST change
 * the repeated hour is two hours, each 60 minutes long.
 */
export function startOfZonedHour(epochMs: number, timeZone: string): number {
  const hour = 3_600_000;
  const into = (epochMs + zoneOffsetMs(epochMs, timeZone)) % hour;
  return epochMs - (into < 0 ? into + hour : into);
}

/**
 * The same wall-clock time `days` local days later (negative: earlier): "the same time a week ago" is
 * `addZonedDays(now, -7, tz)`, 7 × 24 h ± the DST change between them. A time the target day skips moves past the gap.
 */
export function addZonedDays(epochMs: number, days: number, timeZone: string): number {
  return addDays(zoned(epochMs, timeZone), days).getTime();
}

/** Calendar days from the local day of `from` to that of `to` (negative when `to` is earlier), whatever their times. */
export function zonedDaysBetween(from: number, to: number, timeZone: string): number {
  return differenceInCalendarDays(to, from, { in: inZone(timeZone) });
}

/** "HH:MM" in the zone. */
export function formatHm(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** The local calendar date of an instant in the zone, YYYY-MM-DD: the day planning counts in. */
export function localDate(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
