import type { AskTime } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import type { GenbaConfig } from '../../config/config.js';
import { addDays } from '../../forecast/workCalendar.js';
import { formatHm, localDate, zonedEpoch } from '../../config/zonedTime.js';
import { md, timeSpan } from './timeSpan.js';

const HOUR = 3_600_000;

/** The span a query's time means, in epoch ms, with the words an answer says it in. */
export interface QueryWindow {
  from: number;
  to: number;
  label: Localized;
  /** A day still ahead: no synced data can answer it. */
  ahead: boolean;
}

/** The working day's hours, local "HH:MM" (planning.workday): the morning, the afternoon and the night are told by them. */
export type WorkdayHours = GenbaConfig['planning']['workday'];

/** The moment a query is read at: now, the start of its local day, the zone, and the working day's hours. */
export interface QueryClock {
  now: number;
  dayStart: number;
  timeZone: string;
  workday: WorkdayHours;
}

/**
 * A query's time as a span ending at most now. `fallback` is the span a measure takes when
 * the request names none (a count of lines: today; a figure of progress: now).
 */
export function queryWindow(time: AskTime | null, clock: QueryClock, fallback: 'today' | 'last_hour' = 'today'): QueryWindow {
  const { now, dayStart, timeZone, workday } = clock;
  const hm = (t: number): string => formatHm(t, timeZone);
  const upToNow = (from: number, to: number, label: Localized): QueryWindow => ({ from, to: Math.min(to, now), label, ahead: false });
  const t = time ?? fallback;
  const today = localDate(now, timeZone);
  // A wall-clock hour of a local date in the zone: a day is 23 or 25 hours across a DST change, and 9:00 is still 9:00.
  const at = (d: string, hour = 0): number => zonedEpoch(timeZone, Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)), hour);
  /** The hour of the local day `days` after today (negative: before). */
  const wallAt = (days: number, hour = 0): number => at(addDays(today, days), hour);
  /** A working day's clock time ("HH:MM") on the local day `days` after today. */
  const workAt = (days: number, hm: string): number => wallAt(days, Number(hm.slice(0, 2))) + Number(hm.slice(3, 5)) * 60_000;
  const [start, lunch, end] = [workAt(0, workday.start), workAt(0, workday.lunchStart), workAt(0, workday.end)];
  // A day, week or month named (明後日, 来週月曜, 10/27, 先月, 過去3ヶ月): its local days, cut at now; a span wholly ahead has no data.
  const span = timeSpan(t, today, 'past');
  if (span) {
    const from = at(span.from);
    const to = at(addDays(span.to, 1));
    // A week says its days: 「先週」 alone does not say whether Monday was in it.
    const last = t === 'this_week' ? today : span.to;
    const label: Localized = /^(?:this|last|next)_week$/.test(t)
      ? { ja: `${span.label.ja}（${md(span.from)}〜${md(last)}）`, en: `${span.label.en} (${md(span.from)}–${md(last)})` }
      : span.label;
    return from > now ? { from, to, label, ahead: true } : upToNow(from, to, label);
  }
  // Two hours of today (hours_9-12): that span, cut at now.
  const hours = /^hours_(\d+)-(\d+)$/.exec(t);
  if (hours) {
    const [a, b] = [wallAt(0, Number(hours[1])), wallAt(0, Number(hours[2]))];
    const label = { ja: `今日の${hm(a)}〜${hm(b)}`, en: `today ${hm(a)}–${hm(b)}` };
    return a > now ? { from: a, to: b, label, ahead: true } : upToNow(a, b, label);
  }
  // Since a clock time with its minutes (since_13m50: 「13:50から」 "since 13:50").
  const minute = /^since_(\d+)m(\d{2})$/.exec(t);
  if (minute) {
    const from = wallAt(0, Number(minute[1])) + Number(minute[2]) * 60_000;
    return upToNow(from, now, { ja: `${hm(from)}から`, en: `since ${hm(from)}` });
  }
  // A moment of today (at_12, at_12m30): a state is read at it, a count runs up to it; a moment still ahead has no data.
  const moment = /^at_(\d+)(?:m(\d{2}))?$/.exec(t);
  if (moment) {
    const to = wallAt(0, Number(moment[1])) + Number(moment[2] ?? 0) * 60_000;
    const label = { ja: `今日（${hm(dayStart)}〜${hm(to)}）`, en: `today (${hm(dayStart)}–${hm(to)})` };
    return to > now ? { from: dayStart, to, label, ahead: true } : { from: dayStart, to, label, ahead: false };
  }
  const m = /^(last|since|by)_(\d+)([hd]?)$/.exec(t);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === 'last' && m[3] === 'h') return upToNow(now - n * HOUR, now, { ja: `過去${n}時間`, en: `the last ${n} h` });
    if (m[1] === 'last') return upToNow(wallAt(-(n - 1)), now, { ja: `過去${n}日`, en: `the last ${n} days` });
    if (m[1] === 'since') return upToNow(wallAt(0, n), now, { ja: `${hm(wallAt(0, n))}から`, en: `since ${hm(wallAt(0, n))}` });
    return upToNow(dayStart, now, { ja: '今日', en: 'today' });
  }
  switch (t) {
    case 'now':
    case 'today':
      return upToNow(dayStart, now, { ja: `今日（${hm(dayStart)}〜${hm(now)}）`, en: `today (${hm(dayStart)}–${hm(now)})` });
    case 'last_hour':
      return upToNow(now - HOUR, now, { ja: '直近1時間', en: 'the last hour' });
    case 'yesterday':
      return upToNow(wallAt(-1), dayStart, { ja: '昨日', en: 'yesterday' });
    // The night, the morning and the afternoon are the working day's: the night runs from yesterday's end of work to
    // today's start, the morning from the start to lunch, the afternoon from lunch to the end. "This morning's errors"
    // are not the night batch's at 03:00.
    case 'last_night': {
      const from = workAt(-1, workday.end);
      return upToNow(from, start, { ja: `昨夜（${hm(from)}〜${hm(start)}）`, en: `last night (${hm(from)}–${hm(start)})` });
    }
    case 'this_morning':
      return start > now
        ? { from: start, to: lunch, label: { ja: '今日の午前', en: 'this morning' }, ahead: true }
        : upToNow(start, lunch, { ja: `今日の午前（${hm(start)}〜${hm(lunch)}）`, en: `this morning (${hm(start)}–${hm(lunch)})` });
    case 'this_afternoon':
      return lunch > now
        ? { from: lunch, to: end, label: { ja: '今日の午後', en: 'this afternoon' }, ahead: true }
        : upToNow(lunch, end, { ja: `今日の午後（${hm(lunch)}〜${hm(end)}）`, en: `this afternoon (${hm(lunch)}–${hm(end)})` });
    case 'since_lunch': {
      const from = workAt(0, workday.lunchEnd);
      return from > now
        ? { from, to: end, label: { ja: '今日の昼休み明け', en: 'since lunch today' }, ahead: true }
        : upToNow(from, now, { ja: `昼休み明け（${hm(from)}〜${hm(now)}）`, en: `since lunch (${hm(from)}–${hm(now)})` });
    }
    case 'tomorrow':
      return { from: wallAt(1), to: wallAt(2), label: { ja: '明日', en: 'tomorrow' }, ahead: true };
    default:
      return upToNow(dayStart, now, { ja: '今日', en: 'today' });
  }
}
