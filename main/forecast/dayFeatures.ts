import { addDays, dayOfWeek, isWorkingDay, workingDayOfMonth } from './workCalendar.js';

/** What the calendar says about a day that the forecast multiplies in. */
export interface DayFeatures {
  /** 0 = Sunday … 6 = Saturday (a Saturday appears only where a company works Saturdays). */
  dow: number;
  /** The day's place in the month: `s1`…`s5` (the month's first working days), `e1`…`e3` (its last), else `mid`. */
  bucket: string;
  /**
   * The weekdays closed just before this day (national holidays, the year-end closure), by
   * day of week: their work arrives on this day. A plain weekend adds nothing here, since
   * Monday's own factor already holds it.
   */
  carriedDows: number[];
}

/** The start of the month is where レセプト work peaks; the end is where other businesses close their books. */
const START_DAYS = 5;
const END_DAYS = 3;

// The calendar walks day by day over strings; a backtest asks for the same dates thousands of times.
const cache = new Map<string, DayFeatures>();

/** Working days from `date` to the end of its month, `date` included (1: the month's last working day). */
function workingDaysToMonthEnd(date: string): number {
  let n = 1;
  for (let d = addDays(date, 1); d.slice(0, 7) === date.slice(0, 7); d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

export function dayFeatures(date: string): DayFeatures {
  const hit = cache.get(date);
  if (hit) return hit;
  const start = workingDayOfMonth(date);
  const end = isWorkingDay(date) ? workingDaysToMonthEnd(date) : 0;
  const bucket = start >= 1 && start <= START_DAYS ? `s${start}` : end >= 1 && end <= END_DAYS ? `e${end}` : 'mid';
  const carriedDows: number[] = [];
  for (let d = addDays(date, -1); !isWorkingDay(d); d = addDays(d, -1)) {
    const dow = dayOfWeek(d);
    if (dow >= 1 && dow <= 5) carriedDows.push(dow);
  }
  const f = { dow: dayOfWeek(date), bucket, carriedDows };
  cache.set(date, f);
  return f;
}
