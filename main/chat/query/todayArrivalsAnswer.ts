import type { AskQuery } from '../../api/askQuery.js';
import { localize, type Localized } from '../../api/localized.js';
import { formatHm, localDate } from '../../config/zonedTime.js';
import { todayArrivals } from '../../forecast/todayArrivals.js';
import { forecastGrouping } from './forecastGrouping.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';

/**
 * Today's items, asked during the day: what has arrived, what is still expected and the day's
 * total, re-estimated from the share of a day that has usually arrived by now and the forecast
 * made the evening before (forecast/todayArrivals.ts).
 */
export function todayArrivalsAnswer(q: AskQuery, c: QueryContext): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const today = localDate(c.now, c.timeZone);
  const g = forecastGrouping(q, c.overview().businessNames);
  const series = todayArrivals(c.db, { now: c.now, timeZone: c.timeZone }).filter(g.chosen);
  if (series.length === 0) return { text: L(P.todayNone, L(P.day, today)), table: { columns: [], rows: [] } };
  const groups = new Map<string, { arrived: number; rest: number; lo: number; hi: number; complete: boolean; forecast: number | null }>();
  for (const s of series) {
    const k = g.keyOf(s);
    const x = groups.get(k) ?? { arrived: 0, rest: 0, lo: 0, hi: 0, complete: true, forecast: 0 };
    x.arrived += s.arrived;
    x.rest += s.rest.p50;
    // A group's band combines its series' as independent, like the forecast's totals.
    x.lo += (s.rest.p50 - s.rest.p10) ** 2;
    x.hi += (s.rest.p90 - s.rest.p50) ** 2;
    x.complete &&= s.complete;
    x.forecast = x.forecast === null || s.forecast === null ? null : x.forecast + s.forecast.p50;
    groups.set(k, x);
  }
  const asOf = Math.max(...series.map((s) => s.asOf));
  const lines = [L(P.todayHead, L(P.day, today), formatHm(asOf, c.timeZone))];
  const rows: (string | number | null)[][] = [];
  for (const [key, x] of groups) {
    const rest = Math.round(x.rest);
    const lo = Math.max(0, Math.round(x.rest - Math.sqrt(x.lo)));
    const hi = Math.round(x.rest + Math.sqrt(x.hi));
    const forecast = x.forecast === null ? null : Math.round(x.forecast);
    lines.push(x.complete ? L(P.todayAllIn, key, x.arrived, forecast) : L(P.todayRow, key, x.arrived, rest, lo, hi, x.arrived + rest, forecast));
    rows.push([key, x.arrived, rest, lo, hi, x.arrived + rest, forecast]);
  }
  if ([...groups.values()].every((x) => x.complete)) lines.push(L(P.todayAllInNote, Math.max(...series.map((s) => s.profileDays))));
  return { text: lines.join('\n'), table: { columns: ['name', 'arrived', 'rest_p50', 'rest_p10', 'rest_p90', 'total_p50', 'forecast_p50'], rows } };
}
