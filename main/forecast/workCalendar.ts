import { createRequire } from 'node:module';

/**
 * The holiday table (230 kB of dates) loads on the first date asked about, not with the app: most `genba ask` questions
 * never count working days.
 */
type Holidays = Record<string, { name: string; name_en: string } | undefined>;
let holidayTable: Holidays | null = null;
const holidays = (): Holidays =>
  (holidayTable ??= (createRequire(import.meta.url)('@holiday-jp/holiday_jp') as typeof import('@holiday-jp/holiday_jp')).holidays as Holidays);

/**
 * The working calendar of a Japanese back office: Monday to Friday, except national
 * holidays (from @holiday-jp/holiday_jp, which follows the Cabinet Office's list and its
 * substitute holidays) and the company's year-end closure. Dates are local calendar dates,
 * `YYYY-MM-DD`, in the company's zone: the forecast and the plan count days, not instants.
 */

/** Days most Japanese offices close at the turn of the year besides 元日 (年末年始休業). */
const YEAR_END_CLOSURE = new Set(['12-29', '12-30', '12-31', '01-02', '01-03']);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const iso = (t: Date): string => t.toISOString().slice(0, 10);

/** The date `n` calendar days after `date` (negative: before). */
export function addDays(date: string, n: number): string {
  const { y, m, d } = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + n)));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const { y, m, d } = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The national holiday's name on that date (ja and en), or null. */
export function holidayOn(date: string): { ja: string; en: string } | null {
  const h = holidays()[date];
  return h ? { ja: h.name, en: h.name_en } : null;
}

/** Whether work happens on that date: a weekday that is neither a national holiday nor part of the year-end closure. */
export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  if (holidayOn(date)) return false;
  return !YEAR_END_CLOSURE.has(date.slice(5));
}

/**
 * A company's working calendar, for the forecast: which weekdays are open as a rule, and whether a
 * date is open. Genba's own company works the Japanese office calendar (JAPANESE_OFFICE); a file of
 * another company's volumes comes with its own (forecastCalendar.ts), so a Saturday shift, a
 * rotating day off or another country's holidays are days like any other.
 */
export interface WorkCalendar {
  /** 0 = Sunday … 6 = Saturday: the weekdays open unless a date is closed. */
  readonly openWeekdays: ReadonlySet<number>;
  isOpen(date: string): boolean;
}

export const JAPANESE_OFFICE: WorkCalendar = { openWeekdays: new Set([1, 2, 3, 4, 5]), isOpen: (d) => isWorkingDay(d) };

/** The `n` working days after `date` (not counting `date` itself), in order. */
export function nextWorkingDays(date: string, n: number, cal: WorkCalendar = JAPANESE_OFFICE): string[] {
  const out: string[] = [];
  // A calendar closed for a year on end is not a calendar: stop rather than walk forever.
  for (let d = addDays(date, 1), walked = 0; out.length < n && walked < 400; d = addDays(d, 1), walked++) if (cal.isOpen(d)) out.push(d);
  return out;
}

/** The working day before `date`. */
export function previousWorkingDay(date: string): string {
  let d = addDays(date, -1);
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** 1 for the month's first working day, 2 for the second, …; 0 when `date` is not a working day. */
export function workingDayOfMonth(date: string, cal: WorkCalendar = JAPANESE_OFFICE): number {
  if (!cal.isOpen(date)) return 0;
  let n = 1;
  for (let d = addDays(date, -1); d.slice(0, 7) === date.slice(0, 7); d = addDays(d, -1)) if (cal.isOpen(d)) n++;
  return n;
}

/** How many days in a row before `date` were closed: 0 after a working day, 2 after a plain weekend, more after a long one. */
export function closedDaysBefore(date: string): number {
  let n = 0;
  for (let d = addDays(date, -1); !isWorkingDay(d); d = addDays(d, -1)) n++;
  return n;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
