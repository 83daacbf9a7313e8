import type { AskTime } from '../../api/askQuery.js';
import { timeSpan } from './timeSpan.js';

/** Whether a time lies wholly before today (昨日, 一昨日, 10/14, 先週): no state of now can answer for it. */
export function beforeToday(time: AskTime | null, today: string): boolean {
  if (time === 'yesterday' || time === 'last_night' || /^ago_\d+d$/.test(time ?? '')) return true;
  const span = timeSpan(time, today, 'past');
  return span !== null && span.to < today;
}
