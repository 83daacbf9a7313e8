import type { AskTime } from '../../api/askQuery.js';
import { localize, type Lang, type Localized } from '../../api/localized.js';
import { aheadDay } from './aheadDay.js';
import { md, timeSpan, workingDaysIn } from './timeSpan.js';

/**
 * What a plan asked for a span ahead leaves out: a staffing plan is made a day at a time, so "next week's staffing plan"
 * is the plan of its first working day only. Said before the answer, so the day's plan is never read as the week's.
 * Null for a single day, a span that has begun, or no time. (A forecast answers every working day of its span itself.)
 */
export function spanAheadNote(time: AskTime | null, today: string, lang: Lang): string | null {
  const day = aheadDay(time, today);
  const span = timeSpan(time, today, 'ahead');
  if (day === null || span === null || workingDaysIn(span).length <= 1) return null;
  return localize(lang, SPAN_AHEAD_TEXT)(span.label, md(day));
}

export const SPAN_AHEAD_TEXT = {
  ja: (span: Localized, day: string) => `※ 配置計画は1日ずつ作るため、${span.ja}全体の計画ではなく、その最初の営業日（${day}）の計画です。`,
  en: (span: Localized, day: string) =>
    `Note: a staffing plan is made a day at a time, so this is not a plan for ${span.en} as a whole but for its first working day (${day}) only.`,
};
