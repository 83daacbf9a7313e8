import { addDays, dayOfWeek, JAPANESE_OFFICE, workingDayOfMonth, type WorkCalendar } from './workCalendar.js';

/** What the calendar says about a day that the forecast multiplies in. */
export interface DayFeatures {
  /** 0 = Sunday … 6 = Saturday. */
  dow: number;
  /** The day's place in the month: `s1`…`s5` (the month's first working days), `e1`…`e3` (its last), else `mid`. */
  bucket: string;
  /**
   * The calendar days of the month this working day answers for: its own, and those of the closed
   * days just before it back to the previous working day. A cut-off on the 10th that falls on a
   * Sunday is worked on the Monday after or the Friday before, depending on the company: the
   * forecast learns which from the history (forecastSeries: `dom`), never from a rule written here.
   */
  doms: number[];
  /** The calendar days of the month of the closed days just after it, up to the next working day. */
  domsAfter: number[];
  /**
   * The weekdays closed just before this day though the calendar opens them as a rule (national
   * holidays, the year-end closure, a rotating day off), by day of week: their work arrives on
   * this day. A plain weekend adds nothing here, since Monday's own factor already holds it.
   */
  carriedDows: number[];
}

/** The start of the month is where レセプト work peaks; the end is where other businesses close their books. */
const START_DAYS = 5;
const END_DAYS = 3;
/** A run of closed days longer than this is a closure, not a weekend: no calendar day is carried across it. */
const MAX_CLOSED_RUN = 10;

// The calendar walks day by day over strings; a backtest asks for the same dates thousands of times.
const caches = new WeakMap<WorkCalendar, Map<string, DayFeatures>>();

/** Working days from `date` to the end of its month, `date` included (1: the month's last working day). */
function workingDaysToMonthEnd(date: string, cal: WorkCalendar): number {
  let n = 1;
  for (let d = addDays(date, 1); d.slice(0, 7) === date.slice(0, 7); d = addDays(d, 1)) if (cal.isOpen(d)) n++;
  return n;
}

const dom = (date: string): number => Number(date.slice(8, 10));

export function dayFeatures(date: string, cal: WorkCalendar = JAPANESE_OFFICE): DayFeatures {
  let cache = caches.get(cal);
  if (!cache) caches.set(cal, (cache = new Map()));
  const hit = cache.get(date);
  if (hit) return hit;
  const start = workingDayOfMonth(date, cal);
  const end = cal.isOpen(date) ? workingDaysToMonthEnd(date, cal) : 0;
  const bucket = start >= 1 && start <= START_DAYS ? `s${start}` : end >= 1 && end <= END_DAYS ? `e${end}` : 'mid';
  const carriedDows: number[] = [];
  const doms = [dom(date)];
  for (let d = addDays(date, -1), k = 0; !cal.isOpen(d) && k < MAX_CLOSED_RUN; d = addDays(d, -1), k++) {
    const dow = dayOfWeek(d);
    if (cal.openWeekdays.has(dow)) carriedDows.push(dow);
    doms.push(dom(d));
  }
  const domsAfter: number[] = [];
  for (let d = addDays(date, 1), k = 0; !cal.isOpen(d) && k < MAX_CLOSED_RUN; d = addDays(d, 1), k++) domsAfter.push(dom(d));
  const f = { dow: dayOfWeek(date), bucket, doms, domsAfter, carriedDows };
  cache.set(date, f);
  return f;
}
