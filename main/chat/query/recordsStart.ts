import { localize } from '../../api/localized.js';
import { monthDayFigure } from '../../api/figures.js';
import { localDate, startOfZonedDay } from '../../config/zonedTime.js';
import type { StoreMeasure } from './measureSql.js';
import type { QueryContext } from './queryContext.js';

/**
 * Where a measure's records begin, said when the period asked starts before them («先月のエラー件数» when the logs start
 * on 9/24): a month's figure from its last week reads as the month's. Empty when the records cover the period, or hold
 * nothing. The earliest row is the measure's table's first, whatever its conditions: the first error is not where the
 * logs begin (and MIN over an indexed time column is one index read).
 */
export function recordsStartNote(def: StoreMeasure, window: { from: number; to: number }, c: QueryContext): string {
  if (def.time.kind === 'registered') return '';
  const col = def.time.column;
  const row = c.db.prepare(`SELECT MIN(${col}) AS first FROM ${def.from}`).get() as { first: number | string | null };
  if (row.first === null) return '';
  const first =
    def.time.kind === 'event' && def.time.unit === 'local_date'
      ? startOfZonedDay(Date.parse(`${String(row.first)}T12:00:00Z`), c.timeZone)
      : startOfZonedDay(Number(row.first), c.timeZone);
  if (first <= window.from || first >= window.to) return '';
  const day = monthDayFigure(localDate(first, c.timeZone));
  return localize(c.lang, {
    ja: `※ 記録は${day}からです。それより前の日の分は含まれていません。`,
    en: `Note: the records start on ${day}; the days before it are not in this figure.`,
  });
}
