import { localize, type Lang } from './localized.js';

/**
 * How a figure is written, one rule per unit, for every screen and every answer (the core's texts
 * and the renderer both import these): the same figure must read the same in the overview, an
 * alert and the chat ("5.0" in one view and "5" in another, or 11291 beside 11,291, read as two
 * figures to a manager). `test/unit/architecture/figureWriting.test.ts` refuses a speed, a change or a day written by hand.
 */

/** Items per minute or per hour: one decimal, always ("5.0", never "5"). */
export const speedFigure = (perUnit: number): string => perUnit.toFixed(1);

/** A count (items, people, lines): whole, with thousands separators ("11,291"). */
export const countFigure = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * A speed's change in % as a manager can check it against the two speeds beside it: from the
 * figures as written (5.0 → 7.0 is +40 %, even where the unrounded 5.04 would give +39 %).
 */
export function speedChangeFigure(before: number, after: number): string {
  const [b, a] = [Number(speedFigure(before)), Number(speedFigure(after))];
  if (b <= 0) return a > 0 ? '+∞' : '±0%';
  const pct = Math.round(((a - b) / b) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)}%`;
}

const WEEKDAYS: Record<Lang, readonly string[]> = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/** A weekday's short name (0 Sunday … 6 Saturday): 「金」, "Fri". */
export const weekdayName = (dow: number, lang: Lang): string => WEEKDAYS[lang][dow]!;

/** A calendar day's month and day alone (YYYY-MM-DD → "10/24"), where the day is already named nearby. */
export const monthDayFigure = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/**
 * A calendar day (YYYY-MM-DD) as every screen, answer and CLI table writes it: 「10/24（金）」,
 * "Fri 10/24". The year is left out: Genba's records span weeks, and the weekday checks the day.
 */
export function dayFigure(date: string, lang: Lang): string {
  const md = monthDayFigure(date);
  const dow = weekdayName(new Date(`${date.slice(0, 10)}T12:00:00Z`).getUTCDay(), lang);
  return localize(lang, { ja: `${md}（${dow}）`, en: `${dow} ${md}` });
}

/** A moment with its day (a local date and its "HH:MM"): 「10/23（木）15:40」, "Thu 10/23 15:40". */
export const dayTimeFigure = (date: string, hm: string, lang: Lang): string => `${dayFigure(date, lang)}${localize(lang, { ja: '', en: ' ' })}${hm}`;
