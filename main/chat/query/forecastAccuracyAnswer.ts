import type { AskQuery } from '../../api/askQuery.js';
import { count } from '../../api/englishCount.js';
import { localize, type Localized } from '../../api/localized.js';
import { localDate } from '../../config/zonedTime.js';
import { backtestPoints, type BacktestPoint } from '../../forecast/backtest.js';
import { dailyVolumes } from '../../forecast/dailyVolumes.js';
import { forecastGrouping } from './forecastGrouping.js';
import { timeSpan, workingDaysIn } from './timeSpan.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { dayFigure, monthDayFigure } from '../../api/figures.js';

/** Working days scored: about a month of the forecasts made each evening for the next working day. */
const DAYS = 20;

const md = monthDayFigure;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const n = (x: number, locale: 'ja-JP' | 'en-US'): string => Math.round(x).toLocaleString(locale);

/** One group's scores over the days scored. */
type Row = [name: string, wape: number, naiveWape: number, coverage: number, days: number];
/** A day the forecast missed by much: what, when, forecast and actual items. */
type Miss = [name: string, date: string, forecast: number, actual: number];

const TEXTS = {
  head: {
    ja: (from: string, to: string, days: number) =>
      `予測の精度（${from}〜${to}の${days}営業日。前営業日の夕方に出した翌営業日の予測と実績。WAPE = 誤差の合計÷実績の合計、小さいほど正確）:`,
    en: (from: string, to: string, days: number) =>
      `Forecast accuracy (${from}–${to}, ${count(days, 'working day', 'working days')}; each evening's forecast of the next working day against what came. WAPE = total error ÷ total items, lower is better):`,
  } as Localized<(from: string, to: string, days: number) => string>,
  row: {
    ja: ([name, w, nw, cov, d]: Row) =>
      `- ${name}: WAPE ${pct(w)}（前週同曜日をそのまま使った場合 ${pct(nw)}）、P10〜P90 の幅に実績が入った割合 ${pct(cov)}（${d}件の日×系列）`,
    en: ([name, w, nw, cov, d]: Row) => `- ${name}: WAPE ${pct(w)} (same day last week: ${pct(nw)}); actuals inside P10–P90 ${pct(cov)} (${d} series-days)`,
  } as Localized<(r: Row) => string>,
  misses: {
    ja: (rows: Miss[]) =>
      `外れが大きかった日: ${rows.map(([name, d, f, a]) => `${dayFigure(d, 'ja')}${name} 予測 ${n(f, 'ja-JP')}件 → 実績 ${n(a, 'ja-JP')}件`).join('、')}`,
    en: (rows: Miss[]) =>
      `Largest misses: ${rows.map(([name, d, f, a]) => `${dayFigure(d, 'en')} ${name} forecast ${n(f, 'en-US')} → actual ${n(a, 'en-US')} items`).join('; ')}`,
  } as Localized<(rows: Miss[]) => string>,
  none: {
    ja: 'この範囲には、予測と実績を比べられる日がまだありません（各系列に10営業日以上の実績が要ります）。',
    en: 'There are no days yet to compare forecast and actuals for this (each series needs 10 working days of history).',
  } as Localized,
} as const;

const memo = new WeakMap<object, Map<string, BacktestPoint[]>>();

/**
 * How good the forecast has been: over the period asked (else the last 20 working days), each evening's forecast of the
 * next working day scored against what came, per site (or per process of the one site asked,
 * or per business), beside the seasonal naive (same day last week), with the share of actuals
 * inside P10–P90 and the largest misses. Refits the forecast at each day, for every series, so a
 * store's points are kept for the day once computed (the cost: docs/bench/2026-11-26-forecast-refit-costs.md).
 */
export function forecastAccuracyAnswer(q: AskQuery, c: QueryContext): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const today = localDate(c.now, c.timeZone);
  const g = forecastGrouping(q, c.overview().businessNames);
  const cache = memo.get(c.db) ?? new Map<string, BacktestPoint[]>();
  memo.set(c.db, cache);
  // A period asked for (先月, 10月, the last 3 months): its working days up to today; else the last 20.
  const span = timeSpan(q.time, today, 'past');
  const within = span && span.from <= today ? { from: span.from, to: span.to < today ? span.to : today } : null;
  const origins = within ? Math.min(260, workingDaysIn({ from: within.from, to: today }).length) : DAYS;
  const points: { key: string; label: string; p: BacktestPoint }[] = [];
  for (const s of dailyVolumes(c.db, { timeZone: c.timeZone, until: today }).filter(g.chosen)) {
    const id = `${today}|${origins}|${s.key}|${s.values.length}|${s.values.at(-1)?.value}`;
    let ps = cache.get(id);
    if (!ps) cache.set(id, (ps = backtestPoints(s, { origins, horizon: 1 }).points));
    const label = `${s.site} ${s.process}・${c.overview().businessNames[s.businessId] ?? s.businessId}`;
    for (const p of ps) if (!within || (p.date >= within.from && p.date <= within.to)) points.push({ key: g.keyOf(s), label, p });
  }
  if (points.length === 0) return { text: localize(c.lang, TEXTS.none), table: { columns: [], rows: [] } };
  const dates = [...new Set(points.map((x) => x.p.date))].sort();
  const groups = new Map<string, BacktestPoint[]>();
  for (const x of points) groups.set(x.key, [...(groups.get(x.key) ?? []), x.p]);
  const score = (ps: BacktestPoint[]): Row => {
    const actual = ps.reduce((s, p) => s + p.actual, 0);
    return [
      '',
      ps.reduce((s, p) => s + Math.abs(p.actual - p.forecast.p50), 0) / actual,
      ps.reduce((s, p) => s + Math.abs(p.actual - p.naive), 0) / actual,
      ps.filter((p) => p.actual >= p.forecast.p10 && p.actual <= p.forecast.p90).length / ps.length,
      ps.length,
    ];
  };
  const rows: Row[] = [...groups].map(([name, ps]) => {
    const [, ...rest] = score(ps);
    return [name, ...rest];
  });
  rows.sort((a, b) => b[1] - a[1]);
  const [, ...all] = score(points.map((x) => x.p));
  const total: Row = [localize(c.lang, { ja: '全体', en: 'All' }), ...all];
  // The largest misses of single series-days, in items.
  const misses = points
    .map((x) => ({ x, miss: Math.abs(x.p.actual - x.p.forecast.p50) }))
    .sort((a, b) => b.miss - a.miss)
    .slice(0, 3)
    .map(({ x }): Miss => [x.label, x.p.date, x.p.forecast.p50, x.p.actual]);
  return {
    text: [
      L(TEXTS.head, md(dates[0]!), md(dates.at(-1)!), dates.length),
      L(TEXTS.row, total),
      ...(rows.length > 1 ? rows.map((r) => L(TEXTS.row, r)) : []),
      L(TEXTS.misses, misses),
    ].join('\n'),
    table: {
      columns: ['name', 'wape_pct', 'naive_wape_pct', 'coverage_pct', 'series_days'],
      rows: [total, ...rows].map(([name, w, nw, cov, d]) => [name, Math.round(w * 1000) / 10, Math.round(nw * 1000) / 10, Math.round(cov * 1000) / 10, d]),
    },
  };
}
