import { wallClock, zonedEpoch } from '../../config/zonedTime.js';
import { type DemoDefinition, minutesOf } from './demoDefinition.js';

export interface DemoDay {
  /** Epoch ms of local midnight. */
  midnight: number;
  weekday: boolean;
  /** The anchor day ends at the anchor instant, not at the end of the workday. */
  isAnchorDay: boolean;
}

const MINUTE = 60_000;

/** The `days` calendar days ending with the anchor's day, in the company's zone. */
export function demoDays(def: DemoDefinition, anchorMs: number): DemoDay[] {
  const a = wallClock(anchorMs, def.timeZone);
  const days: DemoDay[] = [];
  for (let back = def.days - 1; back >= 0; back--) {
    const utcNoon = new Date(Date.UTC(a.year, a.month - 1, a.day - back, 12));
    const midnight = zonedEpoch(def.timeZone, utcNoon.getUTCFullYear(), utcNoon.getUTCMonth() + 1, utcNoon.getUTCDate());
    const dow = utcNoon.getUTCDay();
    days.push({ midnight, weekday: dow !== 0 && dow !== 6, isAnchorDay: back === 0 });
  }
  return days;
}

export function at(day: DemoDay, hm: string): number {
  return day.midnight + minutesOf(hm) * MINUTE;
}
