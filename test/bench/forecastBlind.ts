import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DailySeries, DailyValue } from '../../main/forecast/dailySeries.js';
import type { DayForecast } from '../../main/forecast/forecastSeries.js';
import { forecastSeries } from '../../main/forecast/forecastSeries.js';
import { GenbaError } from '../../main/errors.js';
import { dayOfWeek, type WorkCalendar } from '../../main/forecast/workCalendar.js';
import { tempDir } from '../helpers/tempDir.js';
import { etsPeer } from './forecast.js';
import { chanceWithin, samplingBand } from './samplingBand.js';

type Record = (name: string, value: string) => void;

/** The locked sets: each a generator of series, calendars and origins, written by a helper that had not read the forecaster. */
export const BLIND_SETS = {
  /** Issue 40's first set, run once on 2026-11-25: a development set since. */
  a: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind', 'gen_series.py'),
  /** The second, locked for the calibrated bands (bandScale.ts) and run once with them. */
  b: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-b', 'gen_series.py'),
  /** The third, locked for following changes of weekday pattern (calendarFactors.ts) and run once with them and without. */
  c: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-c', 'gen_series.py'),
  /** The fourth, locked for the band after changes; run once, with the stopped-day rule (forecastSeries.ts) and without: the same figures. */
  d: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-d', 'gen_series.py'),
  /** The fifth, locked for the stopped-day rule (forecastSeries.ts) and run once with it and without; a development set since (a stoppage that outlasts a week). */
  e: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-e', 'gen_series.py'),
  /** The sixth, locked for the band (calibrated in every kind of situation: seasons, drift, backlog, changes) and run once with the reach (forecastSeries.ts: PENDING_RUN) and without. */
  f: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-f', 'gen_series.py'),
  /** The seventh, locked for the days around closures and run once with the backlog keyed at a capacity (fitCapacity.ts) and without. */
  g: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-g', 'gen_series.py'),
  /** The eighth, locked for the band as it is used day to day (origins spread evenly over nine months, not placed after changes); run once with a rule against clustered misses and without (not kept). */
  h: join(import.meta.dirname, '..', 'fixtures', 'forecast-blind-h', 'gen_series.py'),
};

interface BlindSeries {
  name: string;
  file: string;
  calendar: { open_weekdays_iso: number[]; extra_closed_dates: string[] };
  expect: 'forecast' | 'error';
  scored: boolean;
  origins: { origin: string; h1: string[]; h1_5: string[] }[];
}

/** The set's calendar: ISO weekdays (1 = Monday … 7 = Sunday) open as a rule, and the dates closed besides. */
function calendarOf(c: BlindSeries['calendar']): WorkCalendar {
  const openWeekdays = new Set(c.open_weekdays_iso.map((d) => d % 7));
  const closed = new Set(c.extra_closed_dates);
  return { openWeekdays, isOpen: (date) => openWeekdays.has(dayOfWeek(date)) && !closed.has(date) };
}

function readSeries(path: string): DailyValue[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [date, items] = l.split(',');
      return { date: date!.trim(), value: Number(items) };
    });
}

/** The protocol's seasonal naive: the same weekday's value on the latest working day at or before the origin. */
function seasonalNaive(history: DailyValue[], cal: WorkCalendar, date: string): number {
  const dow = dayOfWeek(date);
  for (let i = history.length - 1; i >= 0; i--) if (cal.isOpen(history[i]!.date) && dayOfWeek(history[i]!.date) === dow) return history[i]!.value;
  return history.at(-1)?.value ?? 0;
}

interface Tally {
  err: number;
  naive: number;
  ets: number;
  actual: number;
  inside: number;
  n: number;
}
const tally = (): Tally => ({ err: 0, naive: 0, ets: 0, actual: 0, inside: 0, n: 0 });
const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/**
 * A locked forecast set of issue 40 (the README beside its generator), written by a helper
 * that had not read the forecaster: series generated at run time, each with its own calendar and
 * origins. At each origin every method sees the rows up to it and the calendar; WAPE per series for
 * the next working day (h1) and the next five (h1_5), for Genba, the protocol's seasonal naive and
 * statsmodels' ETS on the calendar index, and Genba's P10–P90 coverage. The series that must be
 * refused are asked at each origin and must raise Genba's error. Sections `forecast-blind`, `forecast-blind-b` … `forecast-blind-h`.
 */
export function forecastBlindBench(record: Record, generator: string): void {
  const dir = tempDir('genba-forecast-blind-');
  try {
    const gen = spawnSync('python3', [generator, dir.path], { encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`gen_series.py failed: ${gen.stderr}`);
    record('blind set', gen.stdout.trim().split('\n').at(-1)!);
    const meta = JSON.parse(readFileSync(join(dir.path, 'series.json'), 'utf8')) as { series: BlindSeries[] };
    const pooled = { h1: tally(), h5: tally() };
    let beatsEts = 0;
    let beatsNaive = 0;
    let scored = 0;
    const held: { name: string; share: number; n: number }[] = [];
    for (const s of meta.series) {
      const cal = calendarOf(s.calendar);
      const rows = readSeries(join(dir.path, s.file));
      if (s.expect === 'error') {
        let refused = 0;
        let other = '';
        for (const o of s.origins) {
          try {
            forecastSeries(
              rows.filter((r) => r.date <= o.origin),
              o.h1_5,
              cal,
            );
          } catch (e) {
            if (e instanceof GenbaError) refused++;
            else other = String(e);
          }
        }
        record(`  ${s.name} (must be refused)`, `${refused} of ${s.origins.length} origins refused with Genba's error${other ? `; other: ${other}` : ''}`);
        continue;
      }
      const series: DailySeries = { key: s.name, values: rows };
      const ets = etsPeer([series], cal, () => s.origins.map((o) => o.origin)).forecaster;
      const t = { h1: tally(), h5: tally() };
      for (const o of s.origins) {
        const history = rows.filter((r) => r.date <= o.origin);
        const g = forecastSeries(history, o.h1_5, cal);
        const e = ets(history, o.h1_5, s.name, cal);
        const actual = new Map(rows.map((r) => [r.date, r.value]));
        o.h1_5.forEach((date, i) => {
          const y = actual.get(date)!;
          const f: DayForecast = g[i]!;
          const naive = seasonalNaive(history, cal, date);
          const tallies = i === 0 ? [t.h5, pooled.h5, t.h1, pooled.h1] : [t.h5, pooled.h5];
          for (const x of tallies) {
            x.err += Math.abs(y - f.p50);
            x.naive += Math.abs(y - naive);
            x.ets += Math.abs(y - e[i]!.p50);
            x.actual += y;
            x.inside += f.p10 <= y && y <= f.p90 ? 1 : 0;
            x.n++;
          }
        });
      }
      scored++;
      held.push({ name: s.name, share: t.h5.inside / t.h5.n, n: t.h5.n });
      if (t.h5.err < t.h5.ets) beatsEts++;
      if (t.h5.err < t.h5.naive) beatsNaive++;
      const w = (x: Tally): string =>
        `Genba ${pct(x.err / x.actual)} · naive ${pct(x.naive / x.actual)} · ETS ${pct(x.ets / x.actual)} · P10–P90 ${pct(x.inside / x.n)}`;
      record(`  ${s.name} h1 (${t.h1.n})`, w(t.h1));
      record(`  ${s.name} h1_5 (${t.h5.n})`, w(t.h5));
    }
    for (const [k, x] of [
      ['h1', pooled.h1],
      ['h1_5', pooled.h5],
    ] as const)
      record(
        `  all scored series, pooled ${k} (${x.n} days)`,
        `Genba ${pct(x.err / x.actual)} · naive ${pct(x.naive / x.actual)} · ETS ${pct(x.ets / x.actual)} · P10–P90 ${pct(x.inside / x.n)}`,
      );
    record('  series where Genba beats ETS / the naive (h1_5 WAPE)', `${beatsEts} / ${beatsNaive} of ${scored}`);
    const shares = held.map((h) => h.share);
    record(
      '  P10–P90 by series (h1_5)',
      `${pct(Math.min(...shares))} to ${pct(Math.max(...shares))}; ${shares.filter((x) => x >= 0.75 && x <= 0.85).length} of ${scored} series within 75–85 %`,
    );
    // What luck alone allows (samplingBand.ts): an exactly right 80 % band, scored on each series' own count of outcomes.
    const outside = held.filter((h) => {
      const band = samplingBand(h.n, 0.8);
      return h.share < band.lo || h.share > band.hi;
    });
    record(
      '  P10–P90 by series against luck',
      `an exact 80 % band would put ${held.reduce((e, h) => e + chanceWithin(h.n, 0.8, 0.75, 0.85), 0).toFixed(1)} of ${scored} within 75–85 % by chance; ` +
        `${outside.length} of ${scored} outside the 95 % range of their own count of outcomes${outside.length ? ` (${outside.map((h) => `${h.name} ${pct(h.share)}`).join(', ')})` : ''}`,
    );
  } finally {
    dir.remove();
  }
}
