import { dayFigure, speedChangeFigure } from '../../main/api/figures.js';

/**
 * Each figure or date in a text that is not written the one way figures.ts writes it: a speed without its one
 * decimal (「毎分7件」), a change in % that the two speeds beside it do not give (5.0 → 7.0 (+39%)), a date written
 * as 2025-10-23 or 2025/10/23 (but a command's `--date 2025-10-24` is a command), a day whose weekday is not its
 * own, or a count of thousands without separators. `year` dates the month/day forms for the weekday check.
 */
export function figureProblems(text: string, year: number): string[] {
  const problems: string[] = [];
  const t = text.replace(/\s+/g, ' ');
  const speed = /^\d+\.\d$/;
  const speeds = [
    ...t.matchAll(/毎分\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(?:→|->)\s?(\d[\d,]*(?:\.\d+)?))?/g),
    ...t.matchAll(/(?<![\d.])(\d[\d,]*(?:\.\d+)?)(?:\s?(?:→|->)\s?(\d[\d,]*(?:\.\d+)?))?\s?(?:\/min|items\/min|items per minute)/g),
  ];
  for (const m of speeds) for (const v of [m[1], m[2]]) if (v !== undefined && !speed.test(v)) problems.push(`speed ${v} in "${m[0]}"`);
  for (const m of t.matchAll(/(?:毎分\s?)?(\d+\.\d)\s?→\s?(\d+\.\d)(?:件|\/min| items\/min)?\s?[（(]([+−±-]\d+|\+∞)%?[）)]/g)) {
    const want = speedChangeFigure(Number(m[1]), Number(m[2]));
    if (`${m[3]}%` !== want && m[3] !== want) problems.push(`change ${m[3]}% beside ${m[1]} → ${m[2]} (written from those: ${want})`);
  }
  for (const m of t.matchAll(/(?<!--date |[\d])(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])/g)) problems.push(`date ${m[0]}`);
  for (const m of t.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\s?(?:[（(]([日月火水木金土])[）)])/g)) {
    const date = `${year}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
    if (dayFigure(date, 'ja') !== `${m[1]}/${m[2]}（${m[3]}）`) problems.push(`day ${m[0]} (the calendar: ${dayFigure(date, 'ja')}; the one way: 10/24（金）)`);
  }
  for (const m of t.matchAll(/\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\d{1,2})\/(\d{1,2})\b/g)) {
    const date = `${year}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    if (dayFigure(date, 'en') !== m[0]) problems.push(`day ${m[0]} (the calendar: ${dayFigure(date, 'en')})`);
  }
  // A count of thousands: never 11291 beside 11,291. Ids (letters or a dash before), years (年, a date), times and the demo's seed are not counts.
  for (const m of t.matchAll(/(?<![\w.,:/\-#]|シード |seed )(\d{4,})(?![\d.,:/-]|年)/g)) problems.push(`count ${m[1]} without separators`);
  return problems;
}
