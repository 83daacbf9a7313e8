import type Database from 'better-sqlite3';
import { finishTimes, speedsOver, type SeriesFilter } from '../../store/progressSnapshots.js';
import { addZonedDays } from '../../config/zonedTime.js';

const WINDOW = 30 * 60_000;
const USUAL_WEEKS = 4;

/** A group's last-30-minute speed now against an earlier time, series by series. */
export interface SpeedChange {
  /** Items a minute now, summed over the series compared (null: none could be). */
  current: number | null;
  then: number | null;
  /** The day compared with (yesterday, last week); for the usual, the latest week that counted. */
  day: number;
  /** For the usual: the most weeks any series' median is taken over. */
  weeks: number;
  /** The group's series finished today, each with its time: not compared, since nothing left is not slowness. */
  finished: { key: string; at: number }[];
  /** Series still working now with no speed then to compare with. */
  unmatched: number;
  /** The series compared, each with its speed now and then (site|process|business key). */
  lines: { key: string; now: number; then: number }[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/**
 * Speed now against the same time of an earlier day, compared like with like: only the series still working now (the
 * store reader's gap rule gives a speed only over stretches with work remaining), each against its own speed then, and
 * summed over the series that have both. Summing the whole group instead compares a day whose work is nearly done (few
 * series left, so few items a minute) with days still in full flow, and reports a finished floor as a drop in
 * productivity. The finished series are named with their time.
 */
export function speedChange(
  db: Database.Database,
  now: number,
  dayStart: number,
  filter: SeriesFilter,
  against: 'yesterday' | 'last_week' | 'usual',
  timeZone: string,
): SpeedChange {
  // The same wall time k local days back: 「先週の同じ時刻」 is 15:40 a week ago even across a DST change.
  const daysBack = (k: number): number => addZonedDays(now, -k, timeZone);
  const speedsAt = (t: number): Map<string, number> => new Map([...speedsOver(db, t - WINDOW, t, filter)].filter((e): e is [string, number] => e[1] !== null));
  const working = speedsAt(now);
  const finished = [...finishTimes(db, dayStart, now, filter)].map(([key, at]) => ({ key, at }));
  const thenOf = new Map<string, number>();
  let day = daysBack(against === 'yesterday' ? 1 : 7);
  let weeks = 0;
  if (against === 'usual') {
    const past = new Map<string, number[]>();
    for (let w = 1; w <= USUAL_WEEKS; w++) {
      const s = speedsAt(daysBack(w * 7));
      if (s.size > 0) day = Math.min(day, daysBack(w * 7));
      for (const [k, v] of s) past.set(k, [...(past.get(k) ?? []), v]);
    }
    for (const [k, vs] of past) if (working.has(k)) thenOf.set(k, median(vs));
    weeks = Math.max(0, ...[...past.values()].map((v) => v.length));
  } else {
    // 「昨日」 on a Monday is the last working day: the nearest earlier day the group worked then, at most a week back.
    for (const k of against === 'last_week' ? [7] : [1, 2, 3, 4, 5, 6, 7]) {
      const s = speedsAt(daysBack(k));
      if (s.size === 0) continue;
      day = daysBack(k);
      for (const [key, v] of s) if (working.has(key)) thenOf.set(key, v);
      break;
    }
  }
  const both = [...thenOf.keys()];
  const sum = (m: Map<string, number>): number => round1(both.reduce((n, k) => n + m.get(k)!, 0));
  return {
    current: both.length ? sum(working) : null,
    then: both.length ? sum(thenOf) : null,
    day,
    weeks,
    finished,
    unmatched: working.size - both.length,
    lines: both.map((k) => ({ key: k, now: round1(working.get(k)!), then: round1(thenOf.get(k)!) })),
  };
}
