import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { backtest, originRange, type BacktestReport, type Forecaster, type Scores } from '../../main/forecast/backtest.js';
import type { DailySeries } from '../../main/forecast/dailySeries.js';
import { datesBetween, dayOfWeek, JAPANESE_OFFICE, nextWorkingDays, type WorkCalendar } from '../../main/forecast/workCalendar.js';
import { generateDemoCompany } from '../../main/sync/demo/generateDemoCompany.js';
import { FORECAST_SHAPES } from './forecastShapes.js';

type Record = (name: string, value: string) => void;

const ORIGINS = 60;
const HORIZON = 5;
const PYTHON = '/usr/bin/python3';
const PEER = join(import.meta.dirname, 'etsPeer.py');

const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
/** How much lower `a` is than `b`, in % of `b` (negative: higher). */
const lower = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${((1 - a / b) * 100).toFixed(0)}%` : '—');

export interface Peer {
  forecaster: Forecaster;
  fits: number;
  fallbacks: { no_trend: number; seasonal_naive: number };
  seconds: number;
  wallMs: number;
}

/** The bench's origins: the last ORIGINS days of a series (originRange). */
function rollingOrigins(s: DailySeries): string[] {
  const [first, end] = originRange(s.values.length, ORIGINS);
  return Array.from({ length: Math.max(0, end - first) }, (_, i) => s.values[first + i]!.date);
}

/**
 * A series on its calendar index: a slot per date whose weekday the calendar opens as a rule, so
 * each slot keeps its weekday; a slot with no value (a holiday, a day missing) takes the slot a week
 * before, and is never a target. ETS's seasonality is then a week of slots (5, 6 or 7).
 */
function calendarIndex(s: DailySeries, lastTarget: string, cal: WorkCalendar): { values: number[]; slot: Map<string, number>; period: number } {
  const known = new Map(s.values.map((v) => [v.date, v.value]));
  const period = Math.max(1, cal.openWeekdays.size);
  const values: number[] = [];
  const slot = new Map<string, number>();
  for (const date of datesBetween(s.values[0]!.date, lastTarget)) {
    if (!cal.openWeekdays.has(dayOfWeek(date))) continue;
    slot.set(date, values.length);
    values.push(known.get(date) ?? values[values.length - period] ?? values.at(-1) ?? 0);
  }
  return { values, slot, period };
}

/**
 * statsmodels' ETS on the same series and origins, in one Python process: each series on its
 * calendar index (calendarIndex), the values after an origin never seen by the fit at that origin
 * (the slots of a closed day after it are filled from before it), and the forecasts come back
 * keyed by series and origin for the backtest to score like Genba's.
 */
export function etsPeer(series: readonly DailySeries[], cal: WorkCalendar = JAPANESE_OFFICE, originsOf: (s: DailySeries) => string[] = rollingOrigins): Peer {
  const indexed = series.map((s) => {
    const lastTarget = nextWorkingDays(s.values.at(-1)!.date, HORIZON, cal).at(-1)!;
    const index = calendarIndex(s, lastTarget, cal);
    return { s, index, at: originsOf(s) };
  });
  // Enough slots ahead to reach the horizon's last working day across a closure.
  const horizon = Math.max(
    HORIZON,
    ...indexed.flatMap(({ index, at }) => at.map((d) => index.slot.get(nextWorkingDays(d, HORIZON, cal).at(-1)!)! - index.slot.get(d)!)),
  );
  const request = {
    horizon,
    series: indexed.map(({ s, index, at }) => ({ key: s.key, values: index.values, period: index.period, origins: at.map((d) => index.slot.get(d)!) })),
  };
  const started = performance.now();
  const r = spawnSync(PYTHON, [PEER], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`etsPeer.py failed (${PYTHON} needs python3-statsmodels): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { series: { key: string; forecasts: number[][] }[]; fits: number; fallbacks: Peer['fallbacks']; seconds: number };
  const byOrigin = new Map<string, { f: number[]; slot: Map<string, number>; from: number }>();
  out.series.forEach((s, i) => {
    const { index, at } = indexed[i]!;
    s.forecasts.forEach((f, j) => byOrigin.set(`${s.key}\t${at[j]!}`, { f, slot: index.slot, from: index.slot.get(at[j]!)! }));
  });
  const forecaster: Forecaster = (history, dates, key) => {
    const hit = byOrigin.get(`${key}\t${history.at(-1)!.date}`);
    if (!hit) throw new Error(`no ETS forecast for ${key} at ${history.at(-1)!.date}`);
    // ETS's point forecast only: coverage is not compared.
    return dates.map((date) => {
      const v = hit.f[hit.slot.get(date)! - hit.from - 1]!;
      return { date, p10: v, p50: v, p90: v };
    });
  };
  return { forecaster, fits: out.fits, fallbacks: out.fallbacks, seconds: out.seconds, wallMs: performance.now() - started };
}

const COLUMNS = ['Genba', 'naive', 'ETS', 'vs naive', 'vs ETS', 'MASE', 'P10–P90', 'h1 Genba', 'h1 ETS'];

function row(g: Scores, e: Scores): string {
  const cells = [pct(g.wape), pct(g.naiveWape), pct(e.wape), lower(g.wape, g.naiveWape), lower(g.wape, e.wape), g.mase.toFixed(2), pct(g.coverage)];
  return cells.map((c) => c.padStart(9)).join('');
}

export interface ForecastBenchBlock {
  label: string;
  genba: BacktestReport;
  ets: BacktestReport;
  /** Genba's time per forecast (one series from one origin), ms. */
  genbaMs: number;
  /** ETS's fit-and-forecast time per series-origin inside Python, ms. */
  etsMs: number;
}

/**
 * The forecast bench on any set of series (the bench shapes, the demo company's arrivals):
 * Genba's rolling-origin backtest beside the seasonal naive and statsmodels' ETS on the same
 * origins, a row per series and one pooled, WAPE in %, "vs" as how much lower Genba's is.
 */
export function forecastBenchOn(series: DailySeries[], label: string, record: Record = (n, v) => console.log(`${n.padEnd(56)} ${v}`)): ForecastBenchBlock {
  const started = performance.now();
  const genba = backtest(series, { origins: ORIGINS, horizon: HORIZON });
  const forecasts = series.reduce((n, s) => n + Math.max(0, originRange(s.values.length, ORIGINS)[1] - originRange(s.values.length, ORIGINS)[0]), 0);
  const genbaMs = (performance.now() - started) / Math.max(1, forecasts);
  const peer = etsPeer(series);
  const ets = backtest(series, { origins: ORIGINS, horizon: HORIZON, forecaster: peer.forecaster });
  console.log(`\n## ${label}`);
  console.log(
    `${'series'.padEnd(56)} ${COLUMNS.slice(0, 7)
      .map((c) => c.padStart(9))
      .join('')}${COLUMNS.slice(7)
      .map((c) => c.padStart(10))
      .join('')}`,
  );
  genba.series.forEach((g, i) => {
    const e = ets.series[i]!;
    record(`  ${g.key}`, `${row(g.all, e.all)}${pct(g.h1.wape).padStart(10)}${pct(e.h1.wape).padStart(10)}`);
  });
  record(`  all (${genba.all.n} days scored)`, `${row(genba.all, ets.all)}${pct(genba.h1.wape).padStart(10)}${pct(ets.h1.wape).padStart(10)}`);
  const etsMs = (peer.seconds * 1000) / Math.max(1, peer.fits);
  record(
    `  time per forecast (series × origin)`,
    `Genba ${genbaMs.toFixed(2)} ms · ETS ${etsMs.toFixed(1)} ms (${peer.fits} fits, fallbacks: ${peer.fallbacks.no_trend} without trend, ${peer.fallbacks.seasonal_naive} seasonal naive; process ${(peer.wallMs / 1000).toFixed(1)} s)`,
  );
  return { label, genba, ets, genbaMs, etsMs };
}

interface ArrivalRow {
  arrival_date: string;
  location_name: string;
  business_id: string | number;
  process_name: string;
  items: number;
}

/** The demo company's arrivals as one series per site × business × process, items summed per day. */
function arrivalSeries(rows: readonly ArrivalRow[]): DailySeries[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${r.location_name}/${r.business_id}/${r.process_name}`;
    const days = byKey.get(key) ?? new Map<string, number>();
    days.set(r.arrival_date, (days.get(r.arrival_date) ?? 0) + r.items);
    byKey.set(key, days);
  }
  return [...byKey].map(([key, days]) => ({
    key,
    values: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value })),
  }));
}

/**
 * Daily workload forecast: Genba beside the seasonal naive and statsmodels' ETS on bench shapes
 * of known make (open ones tuned on, locked ones run as they are), then the demo company's
 * arrivals where the demo has them. GENBA_BENCH_FORECAST_LOCKED=0 leaves the locked shapes out
 * (for tuning: they are not to be looked at until the end).
 */
export async function forecastBench(record: Record): Promise<void> {
  record('backtest', `${ORIGINS} origins per series, horizons 1–${HORIZON} working days; WAPE pooled over series and horizons`);
  record('columns', 'WAPE Genba / naive / ETS, Genba vs naive and vs ETS (% lower), MASE, P10–P90 coverage, horizon-1 WAPE Genba / ETS');
  const withLocked = process.env.GENBA_BENCH_FORECAST_LOCKED !== '0';
  const summary: [string, ForecastBenchBlock][] = [];
  for (const locked of [false, true]) {
    if (locked && !withLocked) continue;
    console.log(`\n# ${locked ? 'LOCKED' : 'OPEN'} shapes`);
    for (const s of FORECAST_SHAPES.filter((x) => x.locked === locked))
      summary.push([
        locked ? 'LOCKED' : 'OPEN',
        forecastBenchOn(s.series(), `${s.name} (${locked ? 'locked' : 'open'}, seed ${s.seed}): ${s.description}`, record),
      ]);
  }
  const company = generateDemoCompany(20251023) as unknown as { arrivals?: ArrivalRow[] };
  if (Array.isArray(company.arrivals))
    summary.push(['DEMO', forecastBenchOn(arrivalSeries(company.arrivals), 'demo company arrivals (seed 20251023)', record)]);
  else record('demo company arrivals', 'not in generateDemoCompany(20251023) yet: forecastBenchOn(series, label) runs them');

  console.log('\n## summary (pooled per shape)');
  console.log(
    `${'shape'.padEnd(56)} ${COLUMNS.slice(0, 7)
      .map((c) => c.padStart(9))
      .join('')}`,
  );
  for (const [block, b] of summary) record(`  ${block.padEnd(7)}${b.label.split(' (')[0]!}`, row(b.genba.all, b.ets.all));
}
