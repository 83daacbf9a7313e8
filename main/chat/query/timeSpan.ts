// A function a module: date-fns' index loads all of its modules (zonedTime.ts says why that matters).
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { parseISO } from 'date-fns/parseISO';
import { setDate } from 'date-fns/setDate';
import { startOfMonth } from 'date-fns/startOfMonth';
import { WEEKDAY_TOKENS, type AskTime } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import { addDays, dayOfWeek, isWorkingDay, nextWorkingDays } from '../../forecast/workCalendar.js';
import { monthDayFigure, weekdayName } from '../../api/figures.js';

/** A time asked about as a span of local calendar dates (both ends included), with its words. */
export interface TimeSpan {
  from: string;
  to: string;
  label: Localized;
  /** A span of whole calendar months (this month, the last 3 months): answered by month when it holds several. */
  months: boolean;
}

/**
 * Which way a bare reference looks (「月曜」「月初」): a forecast or a plan means the next one, records the last one that
 * has begun. A manager asking 「月曜の物量」 on a Thursday means the coming Monday; 「月曜の欠勤」, the one just past.
 */
export type SpanLean = 'ahead' | 'past';

export const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const JA_DOW = [0, 1, 2, 3, 4, 5, 6].map((d) => weekdayName(d, 'ja'));
export const EN_DOW = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A local date as a manager writes it: 「10/23」. */
export const md = monthDayFigure;
const monthStart = (d: string, shift = 0): string => {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + shift;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
};
const monthEnd = (d: string): string => addDays(monthStart(d, 1), -1);
/** 「2025年10月」 / "October 2025". */
export const monthName: Localized<(month: string) => string> = {
  ja: (m) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`,
  en: (m) => `${EN_MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`,
};
const month = (d: string): TimeSpan => ({ from: monthStart(d), to: monthEnd(d), label: { ja: monthName.ja(d), en: monthName.en(d) }, months: true });

const ISO = 'yyyy-MM-dd';
/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
const ordinal = (n: number): string => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/**
 * Of the days a date without its year or month could mean (10/27 in the years around today, the 28th in the months around
 * it), the one meant: ahead, the first on or after today; past, the last on or before it; nearest, the closest either way
 * (the earlier of two as close).
 */
function pickDay(candidates: string[], today: string, lean: SpanLean | 'nearest'): string | undefined {
  const days = [...candidates].sort();
  if (lean === 'ahead') return days.find((d) => d >= today);
  if (lean === 'past') return days.findLast((d) => d <= today);
  const dist = (d: string): number => Math.abs(differenceInCalendarDays(parseISO(d), parseISO(today)));
  return days.reduce<string | undefined>((a, d) => (a === undefined || dist(d) < dist(a) ? d : a), undefined);
}

/** A day named by its day of month (dom_28, dom_28_tue), placed in a month: `fits` is false when the weekday named is not its own. */
export interface MonthDay {
  date: string;
  /** The weekday named with it (0 = Sunday), or null. */
  weekday: number | null;
  fits: boolean;
}

/**
 * The date a day of month means, asked on `today`: the nearest month's that has such a day (the 31st skips November), ahead
 * or back as `lean` says. With a weekday named (「28日（火）」 "Tuesday the 28th"), a day that is not that weekday gives way
 * to the same day of the month before or after today's that is; when none is, the day stands with `fits` false, for the
 * answer to say so rather than pick one. Null for any other time.
 */
export function monthDayOf(time: AskTime | null, today: string, lean: SpanLean | 'nearest'): MonthDay | null {
  const named = /^dom_(\d{2})(?:_([a-z]{3,4}))?$/.exec(time ?? '');
  if (!named) return null;
  const n = Number(named[1]);
  // Named in a question about what was: the last such day, whatever the caller leans to.
  if (named[2] === 'past') return { date: pickDay(inMonthsOf(today, n, [-2, -1, 0]), today, 'past')!, weekday: null, fits: true };
  // Two months in a row always hold a 31st: two either way always hold the day, ahead and back.
  const date = pickDay(inMonthsOf(today, n, [-2, -1, 0, 1, 2]), today, lean)!;
  if (named[2] === undefined) return { date, weekday: null, fits: true };
  const weekday = WEEKDAY_TOKENS.indexOf(named[2] as (typeof WEEKDAY_TOKENS)[number]);
  if (dayOfWeek(date) === weekday) return { date, weekday, fits: true };
  const other = pickDay(
    inMonthsOf(today, n, [-1, 0, 1]).filter((d) => dayOfWeek(d) === weekday),
    today,
    'nearest',
  );
  return other === undefined ? { date, weekday, fits: false } : { date: other, weekday, fits: true };
}

/** Day `n` of each month `shifts` months from today's that has one. */
function inMonthsOf(today: string, n: number, shifts: number[]): string[] {
  const start = startOfMonth(parseISO(today));
  return shifts.map((s) => addMonths(start, s)).flatMap((m) => (getDaysInMonth(m) >= n ? [format(setDate(m, n), ISO)] : []));
}

/** The words of a day of month: 「火曜28日」 "Tuesday the 28th", with its own weekday whatever weekday was named. */
const monthDayName = (d: string): Localized => {
  const dow = dayOfWeek(d);
  const n = Number(d.slice(8, 10));
  return { ja: `${JA_DOW[dow]}曜${n}日`, en: `${EN_DOW[dow]} the ${ordinal(n)}` };
};

/** The first `n` working days of the month that `d` falls in. */
function firstWorkingDays(d: string, n: number): string[] {
  return nextWorkingDays(addDays(monthStart(d), -1), n);
}

/**
 * The dates a time means beyond today's hours: a day (明後日, 来週月曜, 10/27, 28日), a week ahead, a calendar month, the last
 * N months, the next N working days, a month's first N working days, a calendar week. Null for the times of today
 * and the day presets, which their callers read as before.
 */
export function timeSpan(time: AskTime | null, today: string, lean: SpanLean): TimeSpan | null {
  if (time === null) return null;
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const day = (d: string, name: Localized): TimeSpan => ({
    from: d,
    to: d,
    label: { ja: `${name.ja}（${md(d)}）`, en: `${name.en} (${md(d)})` },
    months: false,
  });
  switch (time) {
    case 'day_after_tomorrow':
      return day(addDays(today, 2), { ja: '明後日', en: 'the day after tomorrow' });
    case 'next_week':
      return { from: addDays(monday, 7), to: addDays(monday, 13), label: { ja: '来週', en: 'next week' }, months: false };
    // A manager's week is the calendar week, Monday first: 「今週」 from this Monday, 「先週」 Monday to Sunday before it.
    case 'this_week':
      return { from: monday, to: addDays(monday, 6), label: { ja: '今週', en: 'this week' }, months: false };
    case 'last_week':
      return { from: addDays(monday, -7), to: addDays(monday, -1), label: { ja: '先週', en: 'last week' }, months: false };
    case 'this_month':
      return month(today);
    case 'last_month':
      return month(monthStart(today, -1));
    case 'next_month':
      return month(monthStart(today, 1));
  }
  // One day some days back (一昨日 is ago_2d): that day alone.
  const ago = /^ago_(\d+)d$/.exec(time);
  if (ago) {
    const n = Number(ago[1]);
    return day(addDays(today, -n), n === 2 ? { ja: '一昨日', en: 'the day before yesterday' } : { ja: `${n}日前`, en: `${n} days ago` });
  }
  const months = /^last_(\d+)m$/.exec(time);
  if (months) {
    const n = Number(months[1]);
    const from = monthStart(today, -(n - 1));
    return {
      from,
      to: monthEnd(today),
      label: { ja: `過去${n}か月（${monthName.ja(from)}〜）`, en: `the last ${n} months (from ${monthName.en(from)})` },
      months: true,
    };
  }
  const ahead = /^next_(\d+)wd$/.exec(time);
  if (ahead) {
    const n = Number(ahead[1]);
    const dates = nextWorkingDays(today, n);
    return { from: dates[0]!, to: dates[dates.length - 1]!, label: { ja: `今後${n}営業日`, en: `the next ${n} working days` }, months: false };
  }
  const start = /^month_start_(\d+)$/.exec(time);
  if (start) {
    const n = Number(start[1]);
    // Ahead: this month's first days while some are still to come, else next month's. Past: the latest that has begun.
    let dates = firstWorkingDays(today, n);
    if (lean === 'ahead' && dates[dates.length - 1]! <= today) dates = firstWorkingDays(monthStart(today, 1), n);
    if (lean === 'past' && dates[0]! > today) dates = firstWorkingDays(monthStart(today, -1), n);
    const m = dates[0]!;
    return {
      from: dates[0]!,
      to: dates[dates.length - 1]!,
      label: { ja: `${Number(m.slice(5, 7))}月初の${n}営業日`, en: `the first ${n} working days of ${EN_MONTHS[Number(m.slice(5, 7)) - 1]}` },
      months: false,
    };
  }
  // Since the last such day up to today («since Monday» on a Thursday is Monday to Thursday; on a Monday, that Monday).
  const sinceDay = /^from_([a-z]{3})$/.exec(time);
  if (sinceDay) {
    const dow = WEEKDAY_TOKENS.indexOf(sinceDay[1] as (typeof WEEKDAY_TOKENS)[number]);
    const inWeek = (dow + 6) % 7;
    const d = addDays(monday, addDays(monday, inWeek) <= today ? inWeek : inWeek - 7);
    return { from: d, to: today, label: { ja: `${JA_DOW[dow]}曜（${md(d)}）から`, en: `since ${EN_DOW[dow]} (${md(d)})` }, months: false };
  }
  const weekday = /^(this|next|last|on|past)_([a-z]{3})$/.exec(time);
  if (weekday) {
    const dow = WEEKDAY_TOKENS.indexOf(weekday[2] as (typeof WEEKDAY_TOKENS)[number]);
    // Monday-first offset within a week.
    const inWeek = (dow + 6) % 7;
    const which = weekday[1]!;
    let d: string;
    if (which === 'this') d = addDays(monday, inWeek);
    else if (which === 'next') d = addDays(monday, 7 + inWeek);
    else if (which === 'last') d = addDays(monday, -7 + inWeek);
    // The last one before today («how did Monday go?» on a Thursday is this Monday, on a Monday last week's).
    else if (which === 'past') d = addDays(monday, addDays(monday, inWeek) < today ? inWeek : inWeek - 7);
    else {
      d = addDays(monday, inWeek);
      if (lean === 'ahead' && d < today) d = addDays(d, 7);
      if (lean === 'past' && d > today) d = addDays(d, -7);
    }
    const ja = { this: '今週', next: '来週', last: '先週', on: '', past: '' }[which as 'this' | 'next' | 'last' | 'on' | 'past'];
    const en = { this: 'this ', next: 'next ', last: 'last ', on: '', past: '' }[which as 'this' | 'next' | 'last' | 'on' | 'past'];
    return day(d, { ja: `${ja}${JA_DOW[dow]}曜`, en: `${en}${EN_DOW[dow]}` });
  }
  const date = /^date_(\d{2})-(\d{2})$/.exec(time);
  if (date) {
    // The year that puts the date nearest the moment asked: 「1/5」 asked in late December is next year's (2/29 only in a leap year).
    const y = Number(today.slice(0, 4));
    const candidates = [y - 1, y, y + 1].map((yy) => `${yy}-${date[1]}-${date[2]}`).filter((c) => addDays(c, 0) === c);
    const d = pickDay(candidates, today, 'nearest') ?? `${y}-${date[1]}-${date[2]}`;
    return day(d, { ja: `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`, en: `${EN_MONTHS[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))}` });
  }
  // Two dates, both included: the end in the year nearest the moment asked, the start the last such date on or before it.
  const range = /^dates_(\d{2})-(\d{2})_(\d{2})-(\d{2})$/.exec(time);
  if (range) {
    const y = Number(today.slice(0, 4));
    const real = (d: string): boolean => addDays(d, 0) === d;
    const to = pickDay([y - 1, y, y + 1].map((yy) => `${yy}-${range[3]}-${range[4]}`).filter(real), today, 'nearest');
    if (to === undefined) return null;
    const sameYear = `${to.slice(0, 4)}-${range[1]}-${range[2]}`;
    const from = sameYear <= to ? sameYear : `${Number(to.slice(0, 4)) - 1}-${range[1]}-${range[2]}`;
    if (!real(from)) return null;
    return { from, to, label: { ja: `${md(from)}〜${md(to)}`, en: `${md(from)}–${md(to)}` }, months: false };
  }
  // A calendar month named: the last one begun (this month's so far); for a forecast or a plan, next month when it is the
  // one named. A month further ahead is beyond any forecast, and 「9月」 asked in October is the September just gone.
  const named = /^month_(\d{2})$/.exec(time);
  if (named) {
    const [y, now, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(named[1])];
    if (lean === 'ahead' && m === (now % 12) + 1) return month(`${m === 1 ? y + 1 : y}-${named[1]}-01`);
    return month(`${m <= now ? y : y - 1}-${named[1]}-01`);
  }
  const dom = monthDayOf(time, today, lean);
  if (dom) return day(dom.date, monthDayName(dom.date));
  return null;
}

/** The working days of a span. */
export function workingDaysIn(span: Pick<TimeSpan, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let d = span.from; d <= span.to; d = addDays(d, 1)) if (isWorkingDay(d)) out.push(d);
  return out;
}
