import type { AskTime } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import { formatHm } from '../../config/zonedTime.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The span a query's time means, in epoch ms, with the words an answer says it in. */
export interface QueryWindow {
  from: number;
  to: number;
  label: Localized;
  /** A day still ahead: no synced data can answer it. */
  ahead: boolean;
}

/**
 * A query's time as a span ending at most now. `fallback` is the span a measure takes when
 * the request names none (a count of lines: today; a figure of progress: now).
 */
export function queryWindow(time: AskTime | null, now: number, dayStart: number, timeZone: string, fallback: 'today' | 'last_hour' = 'today'): QueryWindow {
  const hm = (t: number): string => formatHm(t, timeZone);
  const span = (from: number, to: number, label: Localized): QueryWindow => ({ from, to: Math.min(to, now), label, ahead: false });
  const t = time ?? fallback;
  const m = /^(last|since|by)_(\d+)([hd]?)$/.exec(t);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === 'last' && m[3] === 'h') return span(now - n * HOUR, now, { ja: `過去${n}時間`, en: `the last ${n} h` });
    if (m[1] === 'last') return span(dayStart - (n - 1) * DAY, now, { ja: `過去${n}日`, en: `the last ${n} days` });
    if (m[1] === 'since') return span(dayStart + n * HOUR, now, { ja: `${hm(dayStart + n * HOUR)}から`, en: `since ${hm(dayStart + n * HOUR)}` });
    return span(dayStart, now, { ja: '今日', en: 'today' });
  }
  switch (t) {
    case 'now':
    case 'today':
      return span(dayStart, now, { ja: `今日（${hm(dayStart)}〜${hm(now)}）`, en: `today (${hm(dayStart)}–${hm(now)})` });
    case 'last_hour':
      return span(now - HOUR, now, { ja: '直近1時間', en: 'the last hour' });
    case 'yesterday':
      return span(dayStart - DAY, dayStart, { ja: '昨日', en: 'yesterday' });
    case 'last_night':
      return span(dayStart - DAY + 18 * HOUR, dayStart + 9 * HOUR, { ja: '昨夜（18:00〜9:00）', en: 'last night (18:00–9:00)' });
    case 'this_morning':
      return span(dayStart, dayStart + 12 * HOUR, { ja: '今日の午前', en: 'this morning' });
    case 'this_afternoon':
      return span(dayStart + 12 * HOUR, dayStart + 24 * HOUR, { ja: '今日の午後', en: 'this afternoon' });
    case 'this_week':
      return span(dayStart - 6 * DAY, now, { ja: '過去7日', en: 'the past 7 days' });
    case 'last_week':
      return span(dayStart - 13 * DAY, dayStart - 6 * DAY, { ja: '先週', en: 'last week' });
    case 'tomorrow':
      return { from: dayStart + DAY, to: dayStart + 2 * DAY, label: { ja: '明日', en: 'tomorrow' }, ahead: true };
    default:
      return span(dayStart, now, { ja: '今日', en: 'today' });
  }
}
