import type { AskQuery, MeasureId } from '../../api/askQuery.js';
import { localize, type Localized } from '../../api/localized.js';
import { storeMeasureOf } from './measureSql.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { QUERY_TEXTS as T } from './queryTexts.js';

/** The columns of the attendance register's day (planningAnswer.ts) that count each fault. */
const REGISTER_COLUMNS: Partial<Record<MeasureId, readonly string[]>> = { absence: ['absent', 'paid_leave'], late_arrivals: ['late'] };

/**
 * A yes or no on people at fault (StoreMeasure.fault: off, late), put before the figures of a check: whether anyone is,
 * or, asked of everyone («did everybody make it in on time?»), whether nobody is. Counted from the figures shown: the
 * register's columns of the fault where the register answered, else the figure of each row (people, or a person's days).
 * Nobody at fault is said in words, not left to a table of zeros. Any other answer is returned as it is.
 */
export function faultVerdict(a: QueryAnswer, q: AskQuery, c: QueryContext): QueryAnswer {
  const fault = storeMeasureOf(q.measure)?.fault;
  // No yes or no where the reading left a word unread (c.verdict false: the answer says which).
  if (q.op !== 'check' || !fault || c.verdict === false || (a.table.rows.length === 0 && a.table.columns.length === 0)) return a;
  const columns = (REGISTER_COLUMNS[q.measure!] ?? []).map((n) => a.table.columns.indexOf(n)).filter((i) => i >= 0);
  const counted = columns.length > 0 ? columns : [1];
  const total = a.table.rows.reduce((n, r) => n + counted.reduce((m, i) => m + (typeof r[i] === 'number' ? r[i] : 0), 0), 0);
  const yes = q.asks.includes('everyone') ? total === 0 : total > 0;
  const S = (t: Localized): string => localize(c.lang, t);
  return { ...a, text: `${S(yes ? T.yes : T.no)}${total === 0 ? ` ${S(fault)}` : ''}\n${a.text}` };
}
