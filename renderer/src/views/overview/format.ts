import type { Lang } from '../../../../main/api/types';
import { dayTimeFigure, monthDayFigure, speedFigure } from '../../../../main/api/figures';
import { translate } from '../../i18n/messages';

const day = (ms: number, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(ms);

/**
 * "HH:MM" in the company's zone (not the laptop's). With `sameDayAs`, a time on another day
 * (a finish past midnight) carries its month and day: "10/24 01:20".
 */
export function formatTime(ms: number | null, timeZone: string, sameDayAs?: number): string {
  if (ms === null) return '—';
  const hm = new Intl.DateTimeFormat('ja-JP', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  if (sameDayAs === undefined || day(ms, timeZone) === day(sameDayAs, timeZone)) return hm;
  return `${monthDayFigure(day(ms, timeZone))} ${hm}`;
}

/** A moment with its day, in the company's zone, the day written as everywhere else: 「10/23（木）15:40」, "Thu 10/23 15:40". */
export function formatDateTime(ms: number, timeZone: string, lang: Lang): string {
  return dayTimeFigure(day(ms, timeZone), formatTime(ms, timeZone), lang);
}

export function formatAgo(ms: number | null, now: number, lang: Lang): string {
  if (ms === null) return translate(lang, 'ago.never');
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  if (minutes === 0) return translate(lang, 'ago.now');
  if (minutes < 60) return translate(lang, 'ago.minutes', { n: minutes });
  if (minutes < 48 * 60) return translate(lang, 'ago.hours', { n: Math.round(minutes / 60) });
  return translate(lang, 'ago.days', { n: Math.round(minutes / 1440) });
}

export function formatSpeed(perMinute: number | null): string {
  return perMinute === null ? '—' : speedFigure(perMinute);
}

/** A span of minutes for people: "17分", from 90 minutes "約2時間" (a long delay reads in hours). */
export function formatMinutes(minutes: number, lang: Lang): string {
  const m = Math.abs(minutes);
  return m >= 90 ? translate(lang, 'span.hours', { n: Math.round(m / 60) }) : translate(lang, 'span.minutes', { n: m });
}

/** Against the deadline: "4分遅れ", or spare time "余裕17分" (never 「17分前」, which reads as "17 minutes ago"). */
export function formatLateness(minutesLate: number | null, lang: Lang): string {
  if (minutesLate === null) return '';
  const span = formatMinutes(minutesLate, lang);
  return minutesLate > 0 ? translate(lang, 'late.span', { span }) : translate(lang, 'slack.span', { span });
}

/** Time left to the deadline from the data time: "納期まで20分", or "納期を15分過ぎ". */
export function formatToDeadline(deadline: number | null, from: number, lang: Lang): string {
  if (deadline === null) return '';
  const minutes = Math.round((deadline - from) / 60_000);
  const span = formatMinutes(minutes, lang);
  return minutes >= 0 ? translate(lang, 'deadline.in', { span }) : translate(lang, 'deadline.past', { span });
}
