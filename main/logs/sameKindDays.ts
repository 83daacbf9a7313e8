import { addZonedDays, localDate } from '../config/zonedTime.js';
import { isWorkingDay } from '../forecast/workCalendar.js';

/** How far back days of the same kind are looked for: four weeks hold at least seven working days and eight days off. */
const LOOK_BACK_DAYS = 28;

/**
 * The `n` nearest earlier local days (as counts of days back) of the same kind as the day of `at`: working days for a
 * working day, days off (weekends, holidays, the year-end closure) for a day off. Logs follow the work: a Sunday's quiet
 * is not a dip against the week, nor a Monday's lines a spike against the weekend. Days before `earliest` (the first
 * record) have no lines to compare with and are left out.
 */
export function sameKindDays(at: number, timeZone: string, n: number, earliest = -Infinity): number[] {
  const working = isWorkingDay(localDate(at, timeZone));
  const days: number[] = [];
  for (let d = 1; d <= LOOK_BACK_DAYS && days.length < n; d++) {
    const then = addZonedDays(at, -d, timeZone);
    if (then < earliest) break;
    if (isWorkingDay(localDate(then, timeZone)) === working) days.push(d);
  }
  return days;
}
