import type { BusinessNames } from '../api/businessLabel.js';
import type { Lang } from '../api/localized.js';
import { formatHm, wallClock } from '../config/zonedTime.js';

/** The language and time zone an answer's text is written in; `dayStart`: the start of today, earlier instants say their date. */
export type Tz = { lang: Lang; timeZone: string; dayStart?: number };
/** With the businesses' names (id → name): a line about a process names its business as the overview does (businessLabel). */
export type NamedTz = Tz & { businessNames: BusinessNames };

/** "13:50" today, "10/22 13:50" on an earlier day. */
export function when(t: number, o: Tz): string {
  if (o.dayStart === undefined || t >= o.dayStart) return formatHm(t, o.timeZone);
  const w = wallClock(t, o.timeZone);
  return `${w.month}/${w.day} ${formatHm(t, o.timeZone)}`;
}
