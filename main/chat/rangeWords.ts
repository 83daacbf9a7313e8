import type { Entities } from '../api/assistantTypes.js';
import { formatHm } from '../config/zonedTime.js';
import type { Localized } from '../api/localized.js';

/** A window the request asked for (parseTimeRange), in the manager's words: 「14:00から」, 「昨日」, 「過去3時間」. */
export function rangeWords(range: NonNullable<Entities['time_range']>, timeZone: string): Localized {
  const hm = formatHm(range.from, timeZone);
  const n = /^(\d+)(h|m)$/.exec(range.label);
  if (n) return n[2] === 'h' ? { ja: `過去${n[1]}時間`, en: `the last ${n[1]} h` } : { ja: `過去${n[1]}分`, en: `the last ${n[1]} min` };
  if (range.label === 'yesterday') return { ja: '昨日', en: 'yesterday' };
  if (range.label === 'week') return { ja: '過去7日', en: 'the past 7 days' };
  if (range.label === 'today') return { ja: '今日', en: 'today' };
  if (range.label === 'tomorrow') return { ja: '明日', en: 'tomorrow' };
  if (range.label.startsWith('since')) return { ja: `${hm}から`, en: `since ${hm}` };
  return { ja: `${hm}〜${formatHm(range.to, timeZone)}`, en: `${hm}–${formatHm(range.to, timeZone)}` };
}
