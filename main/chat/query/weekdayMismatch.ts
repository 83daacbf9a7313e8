import type { AskTime } from '../../api/askQuery.js';
import { dayOfWeek } from '../../forecast/workCalendar.js';
import { localize, type Lang, type Localized } from '../../api/localized.js';
import { EN_DOW, EN_MONTHS, JA_DOW, monthDayOf } from './timeSpan.js';

/** The answer to a day of month named with a weekday it does not fall on, in the nearest month or the one before or after. */
export const WEEKDAY_MISMATCH: Localized<(date: string, actual: number, named: number) => string> = {
  ja: (d, actual, named) =>
    `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日は${JA_DOW[actual]}曜日で、${JA_DOW[named]}曜日ではありません（前後の月の${Number(d.slice(8, 10))}日も${JA_DOW[named]}曜日ではありません）。` +
    '日付か曜日を確かめて、もう一度お尋ねください。',
  en: (d, actual, named) =>
    `${EN_MONTHS[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))} is a ${EN_DOW[actual]}, not a ${EN_DOW[named]} ` +
    `(nor is that day a ${EN_DOW[named]} in the month before or after). Please check the date or the weekday and ask again.`,
};

/**
 * What to say, in place of an answer, when a question names a day of month with a weekday that is not that day's
 * (「27日（火）」, "Tuesday the 27th" where the 27th is a Monday) in any month from the one before today's to the one
 * after: which of the two the manager meant is not Genba's to guess. Null for any other time (the day then fits).
 */
export function weekdayMismatch(time: AskTime | null, today: string, lang: Lang): string | null {
  const day = monthDayOf(time, today, 'nearest');
  if (day === null || day.fits || day.weekday === null) return null;
  return localize(lang, WEEKDAY_MISMATCH)(day.date, dayOfWeek(day.date), day.weekday);
}
