import { stringify } from 'csv-stringify/sync';

/** A cell of a CSV Genba writes: empty for null or undefined. */
export type CsvCell = string | number | null | undefined;

/**
 * Options every CSV Genba writes shares (csv-stringify, RFC 4180): a field with a comma, a quote
 * or a line break is quoted and its quotes doubled; a text cell that starts like a formula (= + -
 * @, a tab, a CR, or their full-width forms) gets a leading apostrophe, so that a spreadsheet
 * shows it instead of running it.
 */
const CSV = { escape_formulas: true } as const;

/** Rows as CSV for a spreadsheet: a byte order mark and CRLF line ends, so that Excel opens Japanese text correctly. */
export function csvText(rows: CsvCell[][]): string {
  return stringify(rows, { ...CSV, bom: true, record_delimiter: '\r\n' });
}

/** One field as it stands in a CSV line, quoted and escaped where needed: for a writer that streams its lines itself. */
export function csvField(value: string | number): string {
  return stringify([[value]], { ...CSV, eof: false });
}
