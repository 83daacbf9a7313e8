import type Database from 'better-sqlite3';
import type { AskQuery } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import { localDate, startOfZonedDay } from '../../config/zonedTime.js';
import { addDays } from '../../forecast/workCalendar.js';
import type { Aggregation, EntityDim, StoreDim, StoreMeasure, TimeGrain } from './measureSql.js';
import { MEASURE_QUERY_TEXTS as T } from './measureQueryTexts.js';
import { durationDays } from '../../api/durations.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The dimensions a query can name members of, with the query's field for them. */
export const NAMED_DIMS = ['site', 'process', 'business', 'operator', 'service', 'host'] as const satisfies readonly EntityDim[];

/** One span the SQL computes the measure over: [a, b) for an event, the state at b (on b's day) for a snapshot. */
export interface Span {
  a: number;
  b: number;
  /** b itself counts: a span that ends at the moment asked holds what happened at that moment (an alert raised at 15:40). */
  closed?: boolean;
}

export interface Cell {
  /** The span's index. */
  i: number;
  /** The member of the grouping dimension; null when not grouped. */
  k: string | number | null;
  v: number | null;
}

export type Decline = { decline: Localized };

/**
 * Why a measure cannot answer a query, in words; null when it can. Checked before any SQL: a dimension it does not
 * declare (split or filter), a step in time finer than it is recorded at, a time series of what has no history, a
 * percentile of a summed state.
 */
export function declineOf(q: AskQuery, def: StoreMeasure, label: Localized): Decline | null {
  const split = q.by;
  if (split === 'hour' || split === 'day') {
    if (def.time.kind === 'registered') return { decline: T.noHistory(label) };
    if (split === 'hour' && def.time.kind === 'event' && def.time.unit === 'local_date') return { decline: T.cannot(q.op, label, split, def.recordedPer) };
  } else if (split !== null && !(split in def.dims)) return { decline: T.cannot(q.op, label, split, def.recordedPer) };
  for (const d of NAMED_DIMS) if (q[d].length > 0 && !(d in def.dims)) return { decline: T.cannot('filter', label, d, def.recordedPer) };
  if (q.level !== null && !('level' in def.dims)) return { decline: T.cannot('filter', label, 'level', def.recordedPer) };
  if ((q.experience !== null || q.experienceUnder !== null) && !def.experience) return { decline: T.cannot('filter', label, 'experience', def.recordedPer) };
  if ((q.op === 'trend' || q.op === 'change') && def.time.kind === 'registered') return { decline: T.noHistory(label) };
  if (def.agg.fn === 'percentile' && def.time.kind === 'snapshot') return { decline: T.percentileOfState(label) };
  return null;
}

/** The dimension the rows are split by: the one asked, else (to compare, or a value of several things named) the one whose members were named. */
export function groupOf(q: AskQuery, def: StoreMeasure): EntityDim | null {
  if (q.by !== null && q.by !== 'hour' && q.by !== 'day') return q.by;
  const named = NAMED_DIMS.filter((d) => q[d].length > 1 && d in def.dims);
  if (q.op === 'value' && named.length === 0) return null;
  if (named.length > 0) return named[0]!;
  if (q.op === 'compare') return NAMED_DIMS.find((d) => q[d].length > 0 && d in def.dims) ?? firstDim(def);
  return q.op === 'list' || q.op === 'rank' ? firstDim(def) : null;
}

const firstDim = (def: StoreMeasure): EntityDim => Object.keys(def.dims)[0] as EntityDim;

function aggregate(a: Aggregation): string {
  switch (a.fn) {
    case 'sum':
      return 'SUM(v)';
    case 'count':
      return 'COUNT(v)';
    case 'count_distinct':
      return 'COUNT(DISTINCT v)';
    case 'avg':
      return 'AVG(v)';
    case 'min':
      return 'MIN(v)';
    case 'max':
      return 'MAX(v)';
    case 'percentile':
      return 'MIN(v)';
  }
}

/**
 * The one SQL of a measure over a list of spans (@spans, JSON), split by `group`, filtered by what the query names.
 * An event counts its rows inside each span; a snapshot takes the newest row of each series on the span's day at or
 * before its end; a registered measure ignores the spans. A percentile is the nearest rank (the smallest value with at
 * least p of the rows at or below it).
 */
export function measureSql(def: StoreMeasure, group: EntityDim | null): string {
  const where = [...(def.where ?? [])];
  for (const d of NAMED_DIMS) if (d in def.dims) where.push(`(@f_${d} IS NULL OR ${def.dims[d]} IN (SELECT value FROM json_each(@f_${d})))`);
  if (def.dims.level) where.push(`(@level IS NULL OR ${def.dims.level} >= @level)`);
  if (def.experience) where.push(`(@experience IS NULL OR ${def.experience} >= @experience)`);
  // Under N months: on the process named, else on every process the person is registered for (a newcomer is new to all).
  if (def.experience)
    where.push(
      `(@experienceUnder IS NULL OR (SELECT MAX(u.experience_months) FROM operator_process_capabilities u WHERE u.operator_id = o.operator_id AND (@f_process IS NULL OR u.process_name IN (SELECT value FROM json_each(@f_process)))) < @experienceUnder)`,
    );
  const k = group ? def.dims[group]! : 'NULL';
  const spans = `w AS (SELECT json_extract(value, '$.i') AS w_i, json_extract(value, '$.a') AS w_a, json_extract(value, '$.b') AS w_b FROM json_each(@spans))`;
  let rows: string;
  if (def.time.kind === 'snapshot') {
    const t = def.time.column;
    const s = def.time.series;
    rows = `, latest AS (SELECT w.w_i AS w_i, ${s.map((c, j) => `${c} AS s${j}`).join(', ')}, MAX(${t}) AS t FROM w, ${def.from}
                 WHERE ${[...where, `${t} >= w.w_a`, `${t} <= w.w_b`].join(' AND ')} GROUP BY ${['w.w_i', ...s].join(', ')}),
           r AS (SELECT latest.w_i AS i, ${k} AS k, ${def.value} AS v FROM latest JOIN ${def.from}
                 ON ${[...s.map((c, j) => `${c} = latest.s${j}`), `${t} = latest.t`].join(' AND ')})`;
  } else {
    const inSpan = def.time.kind === 'event' ? [`${def.time.column} >= w.w_a`, `${def.time.column} < w.w_b`] : [];
    rows = `, r AS (SELECT w.w_i AS i, ${k} AS k, ${def.value} AS v FROM w, ${def.from} WHERE ${[...where, ...inSpan].join(' AND ') || '1'})`;
  }
  const pick =
    def.agg.fn === 'percentile'
      ? `, o AS (SELECT i, k, v, ROW_NUMBER() OVER (PARTITION BY i, k ORDER BY v) AS rn, COUNT(*) OVER (PARTITION BY i, k) AS n FROM r)
         SELECT i, k, MIN(v) AS v FROM o WHERE rn >= @p * n GROUP BY i, k`
      : `SELECT i, k, ${aggregate(def.agg)} AS v FROM r GROUP BY i, k`;
  return `WITH ${spans}${rows} ${pick}`;
}

/** The spans as the SQL compares them: a daily measure's are its local dates, [first, day after last). */
function spanParams(def: StoreMeasure, spans: readonly Span[], timeZone: string): { i: number; a: number | string; b: number | string }[] {
  return spans.map((s, i) => {
    if (def.time.kind === 'event' && def.time.unit === 'local_date')
      return { i, a: localDate(s.a, timeZone), b: addDays(localDate(Math.max(s.a, s.b - 1), timeZone), 1) };
    if (def.time.kind === 'snapshot') return { i, a: startOfZonedDay(s.b - 1, timeZone), b: s.b };
    return { i, a: s.a, b: s.closed ? s.b + 1 : s.b };
  });
}

/** Runs the measure's SQL over the spans; also says which spans the table holds any row in (a day with data). */
export function runMeasure(
  db: Database.Database,
  def: StoreMeasure,
  q: AskQuery,
  group: EntityDim | null,
  spans: readonly Span[],
  timeZone: string,
): { cells: Cell[]; withData: Set<number> } {
  const params: Record<string, unknown> = { spans: JSON.stringify(spanParams(def, spans, timeZone)) };
  // A question about a day (「今日一番遅い人」) leaves out the people off that day (store/attendanceOfDay.ts notOffOn);
  // one without a time asks about the register, everyone on it.
  const last = spans.at(-1);
  params.offDay = q.time !== null && last ? localDate(Math.max(last.a, last.b - 1), timeZone) : null;
  for (const d of NAMED_DIMS) if (d in def.dims) params[`f_${d}`] = q[d].length ? JSON.stringify(q[d]) : null;
  if (def.dims.level) params.level = q.level;
  if (def.experience) {
    params.experience = q.experience;
    params.experienceUnder = q.experienceUnder;
  }
  if (def.agg.fn === 'percentile') params.p = def.agg.p;
  const cells = db.prepare(measureSql(def, group)).all(params) as Cell[];
  const withData = new Set<number>();
  if (def.time.kind === 'registered') spans.forEach((_, i) => withData.add(i));
  else {
    const t = def.time.column;
    const test = def.time.kind === 'snapshot' ? `${t} >= w_a AND ${t} <= w_b` : `${t} >= w_a AND ${t} < w_b`;
    const sql = `WITH w AS (SELECT json_extract(value, '$.i') AS w_i, json_extract(value, '$.a') AS w_a, json_extract(value, '$.b') AS w_b FROM json_each(@spans))
                 SELECT w_i AS i FROM w WHERE EXISTS (SELECT 1 FROM ${def.from} WHERE ${test})`;
    for (const r of db.prepare(sql).all({ spans: params.spans }) as { i: number }[]) withData.add(r.i);
  }
  return { cells, withData };
}

/**
 * The steps of a window: 10 minutes up to 3 h, an hour up to 2 days, a day beyond (or the grain asked), cut at the clock's
 * marks. The spans that choose the grain are elapsed time (how many steps an answer holds); days and weeks are cut at the
 * starts of local days on the calendar.
 */
export function stepsOf(from: number, to: number, timeZone: string, grain?: TimeGrain): { grain: TimeGrain | 'minute'; steps: Span[] } {
  const span = to - from;
  const g: TimeGrain | 'minute' = grain ?? (span <= 3 * HOUR ? 'minute' : span <= durationDays(2) ? 'hour' : 'day');
  const cuts = [from];
  if (g === 'day' || g === 'week') {
    const n = g === 'week' ? 7 : 1;
    for (let t = startOfZonedDay(from, timeZone, n); t < to; t = startOfZonedDay(t, timeZone, n)) cuts.push(t);
  } else {
    const step = g === 'hour' ? HOUR : 10 * MINUTE;
    const base = startOfZonedDay(from, timeZone);
    for (let t = base + Math.floor((from - base) / step + 1) * step; t < to; t += step) cuts.push(t);
  }
  cuts.push(to);
  return { grain: g, steps: cuts.slice(1).map((b, i) => ({ a: cuts[i]!, b })) };
}

export type { StoreDim };
