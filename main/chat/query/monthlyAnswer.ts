import type { AskQuery } from '../../api/askQuery.js';
import { localize, type Localized } from '../../api/localized.js';
import { absenceRate, figuresOver, type GroupedFigures } from '../../plan/attendance.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { monthName } from './timeSpan.js';

const pct = (x: number | null): string => (x === null ? '—' : `${x.toFixed(1)}%`);
const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Absence or overtime month by month over a span of months (「過去3ヶ月の月別欠勤率」「月別の残業」), and two months side by
 * side (「今月の残業、先月と比べて」): the company's line of each month, then each site's (or person's) months. Overtime
 * counts days before today (no actuals after), and two months compare per working day, so a month under way is not
 * read as a quiet one.
 */
export function monthlyAnswer(q: AskQuery, c: QueryContext, dates: readonly string[], today: string, span: string): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const S = (t: Localized): string => localize(c.lang, t);
  const overtime = q.measure === 'overtime';
  const counted = dates.filter((d) => (overtime ? d < today : d <= today));
  const months = [...new Set(counted.map((d) => d.slice(0, 7)))].sort();
  const workDays = (m: string): number => counted.filter((d) => d.startsWith(m)).length;
  const key = overtime && (q.by === 'operator' || q.operator.length > 0) ? 'operator' : 'site';
  const filter = { sites: q.site, operators: overtime ? q.operator : [], byMonth: true };
  const totals = new Map(figuresOver(c.db, counted, { ...filter, key: 'all' }).map((g) => [g.month, g]));
  const parts = figuresOver(c.db, counted, { ...filter, key });
  const keys = [...new Set(parts.map((g) => g.key))].sort();
  const cell = (k: string, m: string): GroupedFigures | undefined => parts.find((g) => g.key === k && g.month === m);
  // The total's name: the sites the question narrowed to, else all of them.
  const all = q.site.length > 0 ? q.site.join(S(P.listSep)) : S(P.allSites);
  const short = (m: string): string => L(P.monthShort, m);
  const dayName = (d: string): string => L(P.day, d);
  const lines: string[] = [];
  const rows: (string | number | null)[][] = [];
  const pair = months.length === 2 ? ([months[0]!, months[1]!] as const) : null;

  if (overtime) {
    lines.push(L(P.overtimeMonthHead, span));
    for (const m of months) {
      const t = totals.get(m);
      lines.push(L(P.overtimeMonthTotal, L(monthName, m), workDays(m), all, t?.minutes ?? 0, t?.people ?? 0));
      rows.push([m, all, t?.minutes ?? 0, t?.people ?? 0, workDays(m)]);
      for (const k of keys) rows.push([m, k, cell(k, m)?.minutes ?? 0, cell(k, m)?.people ?? 0, workDays(m)]);
    }
    if (pair) {
      const perDay = (g: GroupedFigures | undefined, m: string): number => (workDays(m) > 0 ? (g?.minutes ?? 0) / workDays(m) : 0);
      lines.push(L(P.compareHead, L(monthName, pair[1]), L(monthName, pair[0]), S(P.overtimeWhat)));
      for (const [k, a, b] of [[all, totals.get(pair[0]), totals.get(pair[1])] as const, ...keys.map((k) => [k, cell(k, pair[0]), cell(k, pair[1])] as const)])
        lines.push(
          L(
            P.monthCompare,
            k,
            `${short(pair[0])} ${L(P.perDay, a?.minutes ?? 0, workDays(pair[0]))}`,
            `${short(pair[1])} ${L(P.perDay, b?.minutes ?? 0, workDays(pair[1]))}`,
            L(P.perDayDiff, perDay(b, pair[1]) - perDay(a, pair[0])),
          ),
        );
    } else
      for (const k of keys)
        lines.push(
          L(
            P.monthSite,
            k,
            months.map((m): [string, string] => [short(m), L(P.minutesHours, cell(k, m)?.minutes ?? 0)]),
          ),
        );
    if (dates.some((d) => d >= today) && counted.length > 0)
      lines.push(L(P.actualsOnly, L(P.span, dayName(counted[0]!), dayName(counted[counted.length - 1]!)), counted.length));
    return { text: lines.join('\n'), table: { columns: ['month', 'site', 'minutes', 'people', 'working_days'], rows } };
  }

  lines.push(L(P.monthHead, span));
  for (const m of months) {
    const t = totals.get(m);
    lines.push(L(P.monthTotal, L(monthName, m), workDays(m), all, pct(t ? absenceRate(t) : null), t?.absent ?? 0, t?.paidLeave ?? 0, t?.rostered ?? 0));
    rows.push([m, all, t?.rostered ?? 0, t?.absent ?? 0, t?.paidLeave ?? 0, round1(t ? absenceRate(t) : null)]);
    for (const k of keys) {
      const g = cell(k, m);
      rows.push([m, k, g?.rostered ?? 0, g?.absent ?? 0, g?.paidLeave ?? 0, round1(g ? absenceRate(g) : null)]);
    }
  }
  const rate = (g: GroupedFigures | undefined): number | null => (g ? absenceRate(g) : null);
  if (pair) {
    lines.push(L(P.compareHead, L(monthName, pair[1]), L(monthName, pair[0]), S(P.absenceWhat)));
    for (const [k, a, b] of [[all, totals.get(pair[0]), totals.get(pair[1])] as const, ...keys.map((k) => [k, cell(k, pair[0]), cell(k, pair[1])] as const)]) {
      const ra = rate(a);
      const rb = rate(b);
      lines.push(
        L(
          P.monthCompare,
          k,
          `${short(pair[0])} ${pct(ra)}`,
          `${short(pair[1])} ${pct(rb)}`,
          ra === null || rb === null ? '—' : L(P.points, round1(rb)! - round1(ra)!),
        ),
      );
    }
  } else
    for (const k of keys)
      lines.push(
        L(
          P.monthSite,
          k,
          months.map((m): [string, string] => [short(m), pct(rate(cell(k, m)))]),
        ),
      );
  return { text: lines.join('\n'), table: { columns: ['month', 'site', 'rostered', 'absent', 'paid_leave', 'absence_pct'], rows } };
}
