import type { Localized } from '../errors.js';
import { COLUMN_TYPES, type ColumnType } from './columnTypes.js';
import { TABLE_COLUMNS, type CompanyTable } from './companyRows.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year, month and day name a day of the calendar (no 0000-00-00, no 31 February). */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isDate(v: string): boolean {
  const m = DATE.exec(v);
  return m !== null && isCalendarDay(+m[1]!, +m[2]!, +m[3]!);
}

/** A value as a reason quotes it: short, on one line, bytes in hex. */
export function shown(v: unknown): string {
  if (Buffer.isBuffer(v)) return `0x${v.subarray(0, 16).toString('hex')}${v.length > 16 ? '…' : ''}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return Object.prototype.toString.call(v);
}

/**
 * Why `v` cannot be a value of `column`, or null when it can: what the sync refuses to copy
 * (sync/checkRows.ts), and what an approval refuses to write back (plan/decidePlan.ts).
 */
export function columnProblem(column: string, type: ColumnType, v: unknown): Localized | null {
  if (v === null || v === undefined) return type.nullable ? null : { ja: `${column} が空（NULL）です`, en: `${column} is empty (NULL)` };
  if (Buffer.isBuffer(v))
    return { ja: `${column} が UTF-8 の文字列でないバイト列です（${shown(v)}）`, en: `${column} holds bytes that are not UTF-8 text (${shown(v)})` };
  switch (type.kind) {
    case 'integer':
    case 'real': {
      const outside = (n: string): Localized => ({
        ja: `${column} の値 ${n} が範囲（${type.min}〜${type.max}）の外です`,
        en: `${column} is ${n}, outside ${type.min}–${type.max}`,
      });
      // A whole number too large for a double to hold exactly, quoted as the source gave it.
      if (typeof v === 'string' && /^-?\d+$/.test(v) && !Number.isSafeInteger(Number(v))) return outside(v.length > 40 ? `${v.slice(0, 40)}…` : v);
      if (typeof v !== 'number' || !Number.isFinite(v))
        return { ja: `${column} が数値ではありません（${shown(v)}）`, en: `${column} is not a number (${shown(v)})` };
      if (v < type.min || v > type.max) return outside(String(v));
      if (type.kind === 'integer' && !Number.isInteger(v))
        return { ja: `${column} が整数ではありません（${v}）`, en: `${column} is not a whole number (${v})` };
      return null;
    }
    case 'text': {
      if (typeof v !== 'string') return { ja: `${column} が文字列ではありません（${shown(v)}）`, en: `${column} is not text (${shown(v)})` };
      if (type.values && !type.values.includes(v))
        return {
          ja: `${column} の値 ${shown(v)} は ${type.values.join('・')} のどれでもありません`,
          en: `${column} is ${shown(v)}, not one of ${type.values.join(', ')}`,
        };
      // Characters as MySQL counts them (code points): the string's length in UTF-16 is the quick bound.
      const length = v.length > type.maxLength ? [...v].length : v.length;
      if (length > type.maxLength)
        return {
          ja: `${column} が長すぎます（${length}文字、上限 ${type.maxLength}文字）`,
          en: `${column} is too long (${length} characters, at most ${type.maxLength})`,
        };
      return null;
    }
    case 'date':
      return typeof v === 'string' && isDate(v) ? null : { ja: `${column} が日付ではありません（${shown(v)}）`, en: `${column} is not a date (${shown(v)})` };
    case 'time':
      return typeof v === 'number' && Number.isSafeInteger(v)
        ? null
        : { ja: `${column} が日時ではありません（${shown(v)}）`, en: `${column} is not a date and time (${shown(v)})` };
  }
}

/**
 * The first column of `row` that `table` cannot hold, and why; null when the row can be copied as it is.
 * `columns`: the ones to check (all of the table's by default; a row Genba writes leaves the company's own to it).
 */
export function rowProblem(
  table: CompanyTable,
  row: Readonly<Record<string, unknown>>,
  columns: readonly string[] = TABLE_COLUMNS[table].columns,
): { column: string; why: Localized } | null {
  const types = COLUMN_TYPES[table];
  for (const column of columns) {
    const why = columnProblem(column, types[column]!, row[column]);
    if (why) return { column, why };
  }
  return null;
}
