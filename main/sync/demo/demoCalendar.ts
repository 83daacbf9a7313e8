import { wallClock, zonedEpoch } from '../../config/zonedTime.js';
import { isWorkingDay } from '../../forecast/workCalendar.js';
import { type DemoDefinition, minutesOf } from './demoDefinition.js';

export interface DemoDay {
  /** Epoch ms of local midnight. */
  midnight: number;
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  /** Monday to Friday. The generators draw their numbers on every weekday, so a holiday leaves the draws of the days after it as they were. */
  weekday: boolean;
  /** Work happens: a weekday that is no national holiday (forecast/workCalendar.ts). */
  workday: boolean;
  /** The anchor day ends at the anchor instant, not at the end of the workday. */
  isAnchorDay: boolean;
}

const MINUTE = 60_000;

/** The `count` calendar days ending with the anchor's day (the definition's snapshot days by default), in the company's zone. */
export function demoDays(def: DemoDefinition, anchorMs: number, count = def.days): DemoDay[] {
  const a = wallClock(anchorMs, def.timeZone);
  const days: DemoDay[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const utcNoon = new Date(Date.UTC(a.year, a.month - 1, a.day - back, 12));
    const midnight = zonedEpoch(def.timeZone, utcNoon.getUTCFullYear(), utcNoon.getUTCMonth() + 1, utcNoon.getUTCDate());
    const dow = utcNoon.getUTCDay();
    const date = utcNoon.toISOString().slice(0, 10);
    days.push({ midnight, date, weekday: dow !== 0 && dow !== 6, workday: isWorkingDay(date), isAnchorDay: back === 0 });
  }
  return days;
}

export function at(day: Pick<DemoDay, 'midnight'>, hm: string): number {
  return day.midnight + minutesOf(hm) * MINUTE;
}
