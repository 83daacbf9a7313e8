import type { AskQuery, MeasureId } from '../../api/askQuery.js';
import { localize, type Localized } from '../../api/localized.js';
import { formatHm, startOfZonedDay } from '../../config/zonedTime.js';
import { latestSnapshots, speedsOver } from '../../store/progressSnapshots.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { MEASURES } from './measures.js';
import { QUERY_TEXTS } from './queryTexts.js';
import { queryWindow } from './queryWindow.js';
import { TREND_TEXTS as T, type Grain } from './trendTexts.js';
import { durationDays, HOURS_24_MS } from '../../api/durations.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Figures of the floor at a point in time (the newest snapshot of each series): a line through the points. */
const STATE_MEASURES = new Set<MeasureId>(['remaining', 'progress', 'correction_waiting']);
/**
 * Figures over a step (items done in it, its speed). Arrivals, error lines and alerts compute themselves
 * (storeMeasureAnswer.ts), as do items left, done and waiting for correction unless the series are filtered by state.
 */
const FLOW_MEASURES = new Set<MeasureId>(['done', 'speed']);
/** The measures a trend answers: those the store keeps over time. */
export const TREND_MEASURES: ReadonlySet<MeasureId> = new Set([...STATE_MEASURES, ...FLOW_MEASURES]);

/**
 * The step of a window: 10 minutes up to 3 hours, an hour up to 2 days, a day beyond. The spans are elapsed time (how
 * many points a chart holds); a day's step is nominal: its cuts are the calendar's local days (stepsOf).
 */
export function trendGrain(from: number, to: number): { grain: Grain; step: number } {
  const span = to - from;
  if (span <= 3 * HOUR) return { grain: 'minute', step: 10 * MINUTE };
  if (span <= durationDays(2)) return { grain: 'hour', step: HOUR };
  return { grain: 'day', step: HOURS_24_MS };
}

/** The window cut at the grain's boundaries (clock hours, days, 10-minute marks of the window's day); the first and last step may be partial. */
function stepsOf(from: number, to: number, grain: Grain, step: number, timeZone: string): { a: number; b: number }[] {
  const cuts = [from];
  if (grain === 'day') for (let t = startOfZonedDay(from, timeZone, 1); t < to; t = startOfZonedDay(t, timeZone, 1)) cuts.push(t);
  else {
    const base = startOfZonedDay(from, timeZone);
    for (let t = base + Math.floor((from - base) / step + 1) * step; t < to; t += step) cuts.push(t);
  }
  cuts.push(to);
  return cuts.slice(1).map((b, i) => ({ a: cuts[i]!, b }));
}

interface Point {
  /** The step's start (a figure over the step) or the reading's time (a figure at a point): the x axis. */
  at: number;
  /** The words of its time: 「9:00〜10:00」, 「10:00時点」, 「10/20」. */
  time: string;
  value: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * A trend: the measure at each step of the window asked for (today so far by default), from
 * the store: the progress snapshots for the floor's measures (items left, done, arrived,
 * progress, speed, waiting for correction), the application logs for error lines, the
 * alerts table for alerts. Each figure says its unit and its time; the first line says start
 * → end and the highest and lowest step. The table is [time, figure] per step, for the chart.
 */
export function trendAnswer(q: AskQuery, c: QueryContext): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const S = (t: Localized): string => localize(c.lang, t);
  const m = q.measure;
  const empty = { columns: [], rows: [] };
  if (m === null || !TREND_MEASURES.has(m)) return { text: L(T.measures, m ? S(MEASURES[m].label) : '—'), table: empty };
  const w = queryWindow(q.time, c, 'today');
  if (w.ahead) return { text: L(QUERY_TEXTS.ahead, S(MEASURES[m].label)), table: empty };
  // A split by hour or by day asked for is the step; else the window's span chooses it.
  const { grain, step } =
    q.by === 'hour' ? { grain: 'hour' as const, step: HOUR } : q.by === 'day' ? { grain: 'day' as const, step: HOURS_24_MS } : trendGrain(w.from, w.to);
  const hm = (t: number): string => formatHm(t, c.timeZone);
  const date = (t: number): string => new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone, month: 'numeric', day: 'numeric' }).format(t);
  const unit = S(MEASURES[m].unit);
  const shown = (v: number): string => (m === 'progress' ? `${v}%` : `${v} ${unit}`);
  const names = q.business.length ? c.overview().businessNames : {};
  const what = [...q.site, ...q.process, ...q.business.map((b) => names[b] ?? b), ...q.service, ...q.host].join(' · ') || S(QUERY_TEXTS.everything);
  const steps = stepsOf(w.from, w.to, grain, step, c.timeZone);
  const spanWords = (a: number, b: number): string => (grain === 'day' ? date(a) : L(T.span, hm(a), hm(b)));

  const points: Point[] = [];
  if (STATE_MEASURES.has(m)) {
    for (const { b } of steps) {
      const day = startOfZonedDay(b - 1, c.timeZone);
      const rows = latestOf(q, c, day, b);
      if (rows.length === 0) continue;
      const asOf = Math.max(...rows.map((r) => r.t));
      const sum = (f: (r: Snap) => number): number => rows.reduce((s, r) => s + f(r), 0);
      const all = sum((r) => r.left + r.done);
      const value =
        m === 'remaining' ? sum((r) => r.left) : m === 'correction_waiting' ? sum((r) => r.corr) : all === 0 ? null : round1((sum((r) => r.done) / all) * 100);
      if (value === null) continue;
      points.push({ at: asOf, time: L(T.asOf, grain === 'day' ? `${date(asOf)} ${hm(asOf)}` : hm(asOf)), value });
    }
  } else {
    for (const { a, b } of steps) {
      let value: number | null;
      if (m === 'speed') {
        // Only the series with work still there count: a finished one is not slow (the store reader's gap rule).
        const speeds = [...speedsOver(c.db, a, b, filterOf(q)).values()].filter((s): s is number => s !== null);
        value = speeds.length ? round1(speeds.reduce((s, x) => s + x, 0)) : null;
      } else if (m === 'done' || m === 'arrivals') {
        // Items done (arrived) in the step: the day's count at its end less the count at its start (0 before the day's first snapshot).
        const day = startOfZonedDay(b - 1, c.timeZone);
        const end = latestOf(q, c, day, b);
        if (end.length === 0) continue;
        const start = a > day ? latestOf(q, c, day, a) : [];
        const count = (rs: Snap[]): number => rs.reduce((s, r) => s + (m === 'done' ? r.done : r.left + r.done - r.first), 0);
        value = count(end) - count(start);
      } else continue;
      if (value !== null) points.push({ at: a, time: spanWords(a, b), value });
    }
  }

  const label = S(MEASURES[m].label);
  const head = L(T.head, what, label, S(w.label), L(T.grain, grain, step / MINUTE));
  if (points.length === 0) return { text: L(T.noSteps, what, label, S(w.label)), table: { columns: ['time', m], rows: [] } };
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const high = points.reduce((x, p) => (p.value > x.value ? p : x));
  const low = points.reduce((x, p) => (p.value < x.value ? p : x));
  const fig = (p: Point): string => L(T.at, shown(p.value), p.time);
  const up = points.every((p, i) => i === 0 || p.value >= points[i - 1]!.value);
  const down = points.every((p, i) => i === 0 || p.value <= points[i - 1]!.value);
  const summary =
    high.value === low.value
      ? L(T.flat, fig(first), fig(last))
      : up || down
        ? L(T.steady, fig(first), fig(last), up)
        : L(T.summary, fig(first), fig(last), fig(high), fig(low));
  const axis = (t: number): string => (grain === 'day' ? date(t) : hm(t));
  return {
    text: [head, summary, ...points.map((p) => `- ${p.time}: ${shown(p.value)}`)].join('\n'),
    table: { columns: ['time', m], rows: points.map((p) => [axis(p.at), p.value]) },
  };
}

interface Snap {
  t: number;
  left: number;
  done: number;
  corr: number;
  /** The series' left + done at the day's first snapshot: what it started the day with. */
  first: number;
}

const filterOf = (q: AskQuery): { site: string[]; process: string[]; business: string[] } => ({ site: q.site, process: q.process, business: q.business });

/** The newest snapshot of each series the query names, on `day` at or before `at`. */
function latestOf(q: AskQuery, c: QueryContext, day: number, at: number): Snap[] {
  return latestSnapshots(c.db, day, at, filterOf(q)).map((s) => ({ t: s.at, left: s.remaining, done: s.done, corr: s.correction, first: s.startTotal }));
}
