import type Database from 'better-sqlite3';
import type { Localized } from '../api/localized.js';
import { FIRST_ATTENDANCE_DATE } from '../store/attendanceOfDay.js';
import { FIRST_SNAPSHOT_DATE } from '../store/progressSnapshots.js';

/**
 * A year the question names that ends before the store's first record (「2018年の欠勤率」 in a
 * store that starts in 2024): there are no figures for it, and the answer must say so rather
 * than give today's. The first record is the earliest day of the arrivals, the attendance or
 * the snapshots. Null when the question names no such year.
 */
export function beforeHistory(db: Database.Database, question: string): { year: number; first: string } | null {
  // A four-digit number that is no count: 「2000件」, "2000 items" are not years.
  const years = [...question.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)(?!\s*(?:件|名|分|人|時間|%|items?\b|people\b|min|hours?\b))/gi)].map((m) => Number(m[1]));
  if (years.length === 0) return null;
  const first = (
    db
      .prepare(
        `SELECT MIN(d) AS d FROM (SELECT MIN(arrival_date) AS d FROM arrivals UNION ALL ${FIRST_ATTENDANCE_DATE}
         UNION ALL ${FIRST_SNAPSHOT_DATE})`,
      )
      .get() as { d: string | null }
  ).d;
  if (first === null) return null;
  const year = Math.min(...years);
  return year < Number(first.slice(0, 4)) ? { year, first } : null;
}

/** The answer to a question about a year before the records. */
export const BEFORE_HISTORY: Localized<(year: number, first: string) => string> = {
  ja: (year, first) =>
    `${year}年の記録はありません。このデータは${Number(first.slice(0, 4))}年${Number(first.slice(5, 7))}月${Number(first.slice(8, 10))}日からです。その日以降の期間でお尋ねください。`,
  en: (year, first) => `There are no records for ${year}: the data starts on ${first}. Ask about a period from then on.`,
};
