import type { AskQuery } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { formatHm } from '../../config/zonedTime.js';
import { personLines } from '../personLine.js';
import { personAttendance } from './personAttendance.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { queryWindow } from './queryWindow.js';

/**
 * Where the people named are («上野さんは今どこ？», "where is Ueno now?"): their day in the attendance records (site,
 * in or off, when due and clocked in) and the line today's assignments put them on at this minute, or that none does.
 * A split by site of one person is no figure: this is what «where» asks of a person.
 */
export function personWhereabouts(q: AskQuery, c: QueryContext): QueryAnswer {
  const day = personAttendance({ ...q, measure: 'attendance' }, c, queryWindow('today', c));
  const lines = personLines(c.db, q.operator, c.now, c.timeZone);
  const names = c.overview().businessNames;
  const now = formatHm(c.now, c.timeZone);
  const said = q.operator.map((name) => {
    const l = lines.get(name) ?? null;
    const business = l?.businessId ? (names[l.businessId] ?? l.businessId) : null;
    return l
      ? localize(c.lang, {
          ja: `- ${name}: ${now}は ${l.site} ${l.process}${business ? `（${business}）` : ''} の配置です`,
          en: `- ${name}: at ${now} on ${l.site} ${l.process}${business ? ` (${business})` : ''} by today's assignments`,
        })
      : localize(c.lang, { ja: `- ${name}: ${now}の配置はありません`, en: `- ${name}: no assignment at ${now}` });
  });
  return { text: [day?.text ?? '', ...said].filter(Boolean).join('\n'), table: day?.table ?? { columns: [], rows: [] } };
}
