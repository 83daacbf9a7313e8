import type { Lang } from '../../../../main/api/types';
import { translate } from '../../i18n/messages';

/** "HH:MM" in the company's zone (not the laptop's). */
export function formatTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '—';
  return new Intl.DateTimeFormat('ja-JP', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

export function formatDateTime(ms: number, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatAgo(ms: number | null, now: number, lang: Lang): string {
  if (ms === null) return translate(lang, 'ago.never');
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  if (minutes < 60) return translate(lang, 'ago.minutes', { n: minutes });
  if (minutes < 48 * 60) return translate(lang, 'ago.hours', { n: Math.round(minutes / 60) });
  return translate(lang, 'ago.days', { n: Math.round(minutes / 1440) });
}

export function formatSpeed(perMinute: number | null): string {
  return perMinute === null ? '—' : perMinute.toFixed(1);
}
