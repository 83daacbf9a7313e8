import type { AskTime } from '../../api/askQuery.js';
import { addDays, nextWorkingDays } from '../../forecast/workCalendar.js';
import { timeSpan, workingDaysIn } from './timeSpan.js';

/**
 * The day a query's time asks about when it lies wholly ahead (明日, 明後日, 来週月曜, 10/27, next
 * week): a day with a plan and a forecast but no actuals. A span ahead gives its first working
 * day (the plan is made one day at a time; the answer names the day). Null for now and the past.
 */
export function aheadDay(time: AskTime | null, today: string): string | null {
  if (time === 'tomorrow') return nextWorkingDays(today, 1)[0]!;
  const span = timeSpan(time, today, 'ahead');
  if (!span || span.from <= today) return null;
  // A closed day (明後日 on a Thursday is Saturday): the next working day, as 明日 on a Friday is Monday.
  return workingDaysIn(span)[0] ?? nextWorkingDays(span.from, 1)[0]!;
}

/** The single day a query's time names when it lies ahead (明日, 明後日, 10/25), closed or not; null for a span or no day. */
export function askedDay(time: AskTime | null, today: string): string | null {
  if (time === 'tomorrow') return addDays(today, 1);
  const span = timeSpan(time, today, 'ahead');
  return span && span.from === span.to && span.from > today ? span.from : null;
}
