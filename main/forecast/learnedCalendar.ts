import type { DailySeries } from './dailySeries.js';
import { datesBetween, dayOfWeek, isWorkingDay, type WorkCalendar } from './workCalendar.js';

/** A weekday is open when at least this share of its dates in the file's span has work on some series. */
const OPEN_WEEKDAY = 0.5;
/** The Japanese holidays are the company's when it had no work on at least this share of those that fell on its open weekdays. */
const FOLLOWS_HOLIDAYS = 0.8;
/** Fewer such holidays than this in the span: too few to tell, and the company is taken to work them. */
const MIN_HOLIDAYS = 3;

/**
 * The working calendar a company's own file shows, for `genba eval forecast` on another company's
 * history: nothing about it is assumed. A weekday is open when most of its dates have work (a file
 * that writes its closed Sundays as 0 rows, or leaves them out, closes Sunday; a Saturday shift
 * opens Saturday). The Japanese office calendar's closed days (national holidays, the year-end
 * closure) are the company's only when the file shows it closed on most of them; otherwise a
 * holiday is a day like any other of its weekday.
 */
export function learnedCalendar(series: readonly DailySeries[]): WorkCalendar {
  const worked = new Set<string>();
  let first = '9999-12-31';
  let last = '0000-01-01';
  for (const s of series)
    for (const v of s.values) {
      if (v.value > 0) worked.add(v.date);
      if (v.date < first) first = v.date;
      if (v.date > last) last = v.date;
    }
  if (first > last) return { openWeekdays: new Set([1, 2, 3, 4, 5]), isOpen: (d) => [1, 2, 3, 4, 5].includes(dayOfWeek(d)) };
  const span = datesBetween(first, last);
  const dates = [0, 0, 0, 0, 0, 0, 0];
  const busy = [0, 0, 0, 0, 0, 0, 0];
  for (const d of span) {
    dates[dayOfWeek(d)]!++;
    if (worked.has(d)) busy[dayOfWeek(d)]!++;
  }
  const openWeekdays = new Set([0, 1, 2, 3, 4, 5, 6].filter((d) => dates[d]! > 0 && busy[d]! >= OPEN_WEEKDAY * dates[d]!));
  const closedByJapan = span.filter((d) => openWeekdays.has(dayOfWeek(d)) && !isWorkingDay(d));
  const followsJapan = closedByJapan.length >= MIN_HOLIDAYS && closedByJapan.filter((d) => !worked.has(d)).length >= FOLLOWS_HOLIDAYS * closedByJapan.length;
  return {
    openWeekdays,
    isOpen: (d) => openWeekdays.has(dayOfWeek(d)) && !(followsJapan && closedByWeekdayRule(d)),
  };
}

/** A date the Japanese office calendar closes though its weekday is Monday to Friday: a holiday or the year-end closure. */
function closedByWeekdayRule(d: string): boolean {
  const dow = dayOfWeek(d);
  return dow >= 1 && dow <= 5 && !isWorkingDay(d);
}
