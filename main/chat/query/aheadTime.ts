import type { AskTime } from '../../api/askQuery.js';

/** Whether a query's time is a day still ahead: a day with a plan and a forecast, but no actuals. */
export function aheadTime(time: AskTime | null): boolean {
  return time === 'tomorrow';
}
