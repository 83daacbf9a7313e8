import type { AskQuery } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { formatHm } from '../../config/zonedTime.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { QUERY_TEXTS as T } from './queryTexts.js';
import { queryWindow } from './queryWindow.js';
import { trendAnswer } from './trendAnswer.js';

/**
 * Items done over a span of several days, as one figure (a value or the yes of a check): the day-by-day trend's figures
 * (each day's items done, from its own snapshots) summed, with the days listed. Null for anything else.
 */
export function doneOverDays(q: AskQuery, c: QueryContext): QueryAnswer | null {
  if (q.measure !== 'done' || (q.op !== 'value' && q.op !== 'check') || q.by !== null || q.time === null) return null;
  const w = queryWindow(q.time, c);
  if (w.ahead || w.from >= c.dayStart) return null;
  const days = trendAnswer({ ...q, op: 'trend', by: 'day' }, c);
  const rows = days.table.rows.filter((r): r is [string, number] => typeof r[1] === 'number');
  if (rows.length === 0) return null;
  const total = rows.reduce((s, r) => s + r[1], 0);
  const names = q.business.length > 0 ? c.overview().businessNames : {};
  const what = [q.site.join('・'), q.process.join('・'), q.business.map((b) => names[b] ?? b).join('・')].filter(Boolean).join(' ');
  // Today's line is today so far: said with its time.
  const today = w.to > c.dayStart ? localize(c.lang, T.asOf)(formatHm(c.now, c.timeZone)) : null;
  const text = localize(c.lang, T.doneOverDays)(
    what,
    localize(c.lang, w.label),
    total,
    rows.map(([day, n], i) => [today && i === rows.length - 1 ? localize(c.lang, { ja: `${day}（${today}）`, en: `${day} (${today})` }) : day, n] as const),
  );
  return { text, table: { columns: ['time', 'done'], rows: [...rows, ['total', total]] } };
}
