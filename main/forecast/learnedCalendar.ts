import type { DailySeries, DailyValue } from './dailySeries.js';
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

const derived = new WeakMap<WorkCalendar, Map<string, WorkCalendar>>();

/** A weekday with this share or more of its rows at zero, with work on other weekdays, is closed: its zeros are no days of work. */
const CLOSED_WEEKDAY_ZEROS = 0.95;

/**
 * The calendar as this series shows it: a weekday the calendar opens but whose rows are all zeros
 * (a file that writes its closed Sundays as 0) is closed too. Before, such a weekday got a factor
 * of 0 and every forecast became 0/0.
 */
export function seriesCalendar(history: DailyValue[], cal: WorkCalendar): WorkCalendar {
  const rows = [0, 0, 0, 0, 0, 0, 0];
  const zeros = [0, 0, 0, 0, 0, 0, 0];
  for (const v of history) {
    const dow = dayOfWeek(v.date);
    rows[dow]!++;
    if (v.value === 0) zeros[dow]!++;
  }
  const closed = [0, 1, 2, 3, 4, 5, 6].filter((d) => rows[d]! >= 4 && zeros[d]! >= CLOSED_WEEKDAY_ZEROS * rows[d]!);
  if (closed.length === 0 || closed.length === 7 || [...cal.openWeekdays].every((d) => closed.includes(d))) return cal;
  // One derived calendar per calendar and closed weekdays: the day features cached on it serve every forecast of a backtest.
  const byClosed = derived.get(cal) ?? new Map<string, WorkCalendar>();
  derived.set(cal, byClosed);
  const key = closed.join(',');
  const hit = byClosed.get(key);
  if (hit) return hit;
  const openWeekdays = new Set([...cal.openWeekdays].filter((d) => !closed.includes(d)));
  const made: WorkCalendar = { openWeekdays, isOpen: (date) => cal.isOpen(date) && !closed.includes(dayOfWeek(date)) };
  byClosed.set(key, made);
  return made;
}
