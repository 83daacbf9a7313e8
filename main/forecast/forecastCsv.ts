import type { Localized } from '../api/localized.js';
import { GenbaError } from '../errors.js';
import type { DailySeries } from './dailySeries.js';
import { parse } from 'csv-parse/sync';

/** The series a file without a third column is read as. */
export const DEFAULT_SERIES = 'all';
/** Errors beyond this many are counted, not listed: a wrong file says so in its first lines. */
const MAX_LISTED = 10;

/** A CSV of daily values that cannot be read; `lines` are the 1-based line numbers at fault. */
export class ForecastCsvError extends GenbaError {
  readonly lines: number[];

  constructor(problems: { line: number; text: Localized }[]) {
    const listed = problems.slice(0, MAX_LISTED);
    const more = problems.length - listed.length;
    super('INVALID_INPUT', {
      ja: [...listed.map((p) => `${p.line}行目: ${p.text.ja}`), ...(more > 0 ? [`ほか${more}件`] : [])].join('\n'),
      en: [...listed.map((p) => `line ${p.line}: ${p.text.en}`), ...(more > 0 ? [`and ${more} more`] : [])].join('\n'),
    });
    this.lines = problems.map((p) => p.line);
  }
}

/** Why csv-parse could not read a record, in the manager's words. */
function csvFault(code: string): Localized {
  if (code === 'CSV_QUOTE_NOT_CLOSED') return { ja: '引用符（"）が閉じていません', en: 'a quote (") is not closed' };
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE')
    return { ja: '閉じた引用符（"）の後に文字があります', en: 'there is text after a closing quote (")' };
  return { ja: 'CSV として読めません', en: 'it cannot be read as CSV' };
}

/**
 * The line a record starts on. csv-parse counts lines up to the record's last line; its raw text
 * holds the blank lines skipped before it, its own line breaks (a quoted field may hold some) and
 * the break that ends it.
 */
function firstLine(lines: number, raw: string): number {
  const own = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
  return lines - (own.match(/\n/g)?.length ?? 0);
}

/**
 * The records of CSV text (RFC 4180, by csv-parse: a field may be double-quoted, holding commas,
 * line breaks and `""` for a quote), fields trimmed, each with the line it starts on; and the
 * records that could not be read, each with its line. Blank lines are skipped; a byte order mark
 * is dropped.
 */
function readRecords(text: string): { records: { fields: string[]; line: number }[]; faults: { line: number; text: Localized }[] } {
  const faults: { line: number; text: Localized }[] = [];
  // With `info` and `raw` each record comes as { record, info, raw } (csv-parse's types do not say so).
  const rows = parse(text, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
    info: true,
    raw: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      // One fault a line: after a bad quote the rest of the record can fault again.
      const line = error ? firstLine(Number(error.lines), String(error.raw ?? '')) : 0;
      if (!faults.some((f) => f.line === line)) faults.push({ line, text: csvFault(error?.code ?? '') });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  return { records: rows.map((r) => ({ fields: r.record, line: firstLine(r.info.lines, r.raw) })), faults };
}

/** A real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

/**
 * Reads `date,value[,series]` CSV text (a header line `date,value[,series]` is optional; a
 * quoted series name may hold a comma, a quote or a line break) into one DailySeries per
 * series, dates ascending. Every line is checked, and every fault is
 * reported with its line number in Japanese and English: a date that is not `YYYY-MM-DD`, a
 * value that is not a count ≥ 0, a line with a different number of columns from the first,
 * the same date twice in one series. Blank lines are skipped; lines may come in any order.
 *
 * Dates that the calendar calls closed (a Saturday, a holiday) are kept: some companies work
 * Saturdays, and the forecast reads such a day as one more day of history. Days absent from
 * the file stay absent: unknown, not zero.
 */
export function parseForecastCsv(text: string): DailySeries[] {
  const { records, faults } = readRecords(text);
  const problems: { line: number; text: Localized }[] = [...faults];
  const bySeries = new Map<string, Map<string, number>>();
  let columns = 0;
  records.forEach(({ fields: f, line }) => {
    if (columns === 0 && f[0]!.toLowerCase() === 'date') {
      columns = f.length;
      return;
    }
    if (columns === 0) columns = f.length;
    if (f.length !== columns || f.length < 2 || f.length > 3) {
      problems.push({
        line,
        text: {
          ja: `列の数が${f.length}です（date,value または date,value,series の${columns === 3 ? 3 : 2}列）`,
          en: `${f.length} columns (date,value or date,value,series: ${columns === 3 ? 3 : 2})`,
        },
      });
      return;
    }
    const [date, value, series = DEFAULT_SERIES] = f as [string, string, string?];
    const n = Number(value);
    if (!isDate(date)) problems.push({ line, text: { ja: `日付が YYYY-MM-DD ではありません: "${date}"`, en: `the date is not YYYY-MM-DD: "${date}"` } });
    if (value === '' || !Number.isFinite(n) || n < 0)
      problems.push({ line, text: { ja: `値が0以上の数ではありません: "${value}"`, en: `the value is not a number ≥ 0: "${value}"` } });
    if (series === '') problems.push({ line, text: { ja: '系列名が空です', en: 'the series name is empty' } });
    if (!isDate(date) || value === '' || !Number.isFinite(n) || n < 0 || series === '') return;
    const days = bySeries.get(series) ?? new Map<string, number>();
    if (days.has(date)) {
      problems.push({ line, text: { ja: `${series} の ${date} が2回あります`, en: `${date} appears twice for ${series}` } });
      return;
    }
    days.set(date, n);
    bySeries.set(series, days);
  });
  if (problems.length > 0) throw new ForecastCsvError(problems.sort((a, b) => a.line - b.line));
  if (bySeries.size === 0) throw new GenbaError('INVALID_INPUT', { ja: 'データの行がありません', en: 'There are no data lines' });
  return [...bySeries].map(([key, days]) => ({
    key,
    values: [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, value]) => ({ date, value })),
  }));
}
