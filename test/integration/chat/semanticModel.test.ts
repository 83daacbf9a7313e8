import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitFor } from '../../../main/api/englishCount.js';
import { fullQuery, type AskQuery, type AskQueryInput, type MeasureId } from '../../../main/api/askQuery.js';
import type { Lang } from '../../../main/api/localized.js';
import { answerQuery } from '../../../main/chat/query/answerQuery.js';
import { MEASURES } from '../../../main/chat/query/measures.js';
import { STORE_MEASURES, type EntityDim, type StoreDim, type StoreMeasure } from '../../../main/chat/query/measureSql.js';
import type { QueryAnswer, QueryContext } from '../../../main/chat/query/queryContext.js';
import { keptByPlanning, storeMeasureAnswer } from '../../../main/chat/query/storeMeasureAnswer.js';
import { DEMO_ANCHOR_MS } from '../../../main/sync/demo/demoDefinition.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { storeQueryContext } from '../../helpers/storeQueryContext.js';
import { tempDir } from '../../helpers/tempDir.js';

/*
 * The semantic model walked: every store-backed measure (measureSql.ts) × value, list, compare, rank, trend, change ×
 * each dimension it declares and one it does not, asked of the planner on the demo store. Each answer either carries
 * the figures this file computes its own way (the raw rows read with a plain SELECT, then windows, newest snapshot per
 * series, grouping and aggregation done here in JS from the declaration's words), or declines in words in both
 * languages. A measure added to STORE_MEASURES is walked with no new code here.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** JST has no summer time: a local day is a fixed 9 h off UTC, worked out here without the core's zone code. */
const JST = 9 * HOUR;
const NOW = DEMO_ANCHOR_MS;
const dayStartOf = (t: number): number => Math.floor((t + JST) / DAY) * DAY - JST;
const dateOf = (t: number): string => new Date(t + JST).toISOString().slice(0, 10);
const TODAY0 = dayStartOf(NOW);
/** The ends of the spans that stop at the moment asked, on the day asked or the same time of an earlier day. */
const closedAt = (b: number): boolean => (NOW - b) % DAY === 0;
const OPS = ['value', 'list', 'compare', 'rank', 'trend', 'change'] as const;
const ENTITY: readonly EntityDim[] = ['site', 'business', 'process', 'operator', 'service', 'host', 'level'];
const NAMED = ['site', 'process', 'business', 'operator', 'service', 'host'] as const;

interface Raw {
  v: number | null;
  t: number | string | null;
  /** Series key of a snapshot. */
  s: string;
  d: Partial<Record<EntityDim, string | number | null>>;
}

const dir = tempDir();
let db: Database.Database;
let ctx: (lang: Lang) => QueryContext;
const rawOf = new Map<string, Raw[]>();
const timesOf = new Map<string, (number | string)[]>();

beforeAll(async () => {
  await copyDemoStore(dir.path);
  db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  ctx = storeQueryContext(db, NOW, TODAY0);
}, 300_000);
afterAll(() => {
  db?.close();
  dir.remove();
});

/** Every row of the measure's table, unaggregated: its value, time, series and dimension columns. */
function raw(m: string, def: StoreMeasure): Raw[] {
  const hit = rawOf.get(m);
  if (hit) return hit;
  const dims = Object.entries(def.dims);
  const time = def.time.kind === 'registered' ? 'NULL' : def.time.column;
  const series = def.time.kind === 'snapshot' ? def.time.series.join(" || '|' || ") : "''";
  const sql = `SELECT ${def.value} AS v, ${time} AS t, ${series} AS s${dims.map(([d, e]) => `, ${e} AS d_${d}`).join('')} FROM ${def.from}
               ${def.where?.length ? `WHERE ${def.where.join(' AND ')}` : ''}`;
  // A fixed filter about one day (@offDay: people off that day) has no day in the queries below, which name no time.
  const rows = (db.prepare(sql).all(sql.includes('@offDay') ? { offDay: null } : {}) as Record<string, unknown>[]).map((r) => ({
    v: r.v as number | null,
    t: r.t as number | string | null,
    s: r.s as string,
    d: Object.fromEntries(dims.map(([d]) => [d, r[`d_${d}`] as string | number | null])),
  }));
  rawOf.set(m, rows);
  if (def.time.kind !== 'registered')
    timesOf.set(
      m,
      (db.prepare(`SELECT ${def.time.column} AS t FROM ${def.from}`).all() as { t: number | string }[]).map((r) => r.t),
    );
  return rows;
}

function agg(def: StoreMeasure, vs: (number | null)[]): number | null {
  const xs = vs.filter((v): v is number => v !== null);
  const a = def.agg;
  if (a.fn === 'count') return xs.length;
  if (a.fn === 'count_distinct') return new Set(xs).size;
  if (xs.length === 0) return null;
  if (a.fn === 'sum') return xs.reduce((s, x) => s + x, 0);
  if (a.fn === 'avg') return xs.reduce((s, x) => s + x, 0) / xs.length;
  if (a.fn === 'min') return Math.min(...xs);
  if (a.fn === 'max') return Math.max(...xs);
  const sorted = [...xs].sort((x, y) => x - y);
  const p = a.fn === 'percentile' ? a.p : 0.5;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const countLike = (def: StoreMeasure): boolean => ['sum', 'count', 'count_distinct'].includes(def.agg.fn);
const round = (def: StoreMeasure, v: number | null): number | null =>
  v === null ? null : Math.round(v * 10 ** (def.decimals ?? 0)) / 10 ** (def.decimals ?? 0);

/** A span's rows, by the declaration's time: inside [a, b) for an event, the newest of each series on b's day up to b for a snapshot. */
function inSpan(def: StoreMeasure, rows: Raw[], a: number, b: number): Raw[] {
  const t = def.time;
  if (t.kind === 'registered') return rows;
  if (t.kind === 'event' && t.unit === 'local_date') {
    const [da, db2] = [dateOf(a), dateOf(Math.max(a, b - 1))];
    return rows.filter((r) => (r.t as string) >= da && (r.t as string) <= db2);
  }
  // A span that ends at the moment asked holds what happened at that moment.
  if (t.kind === 'event') return rows.filter((r) => (r.t as number) >= a && ((r.t as number) < b || (r.t === b && closedAt(b))));
  const day = dayStartOf(b - 1);
  const latest = new Map<string, Raw>();
  for (const r of rows)
    if ((r.t as number) >= day && (r.t as number) <= b && ((latest.get(r.s)?.t as number | undefined) ?? -1) < (r.t as number)) latest.set(r.s, r);
  return rows.filter((r) => latest.get(r.s) === r);
}

function hasData(m: string, def: StoreMeasure, a: number, b: number): boolean {
  const t = def.time;
  if (t.kind === 'registered') return true;
  const times = timesOf.get(m)!;
  if (t.kind === 'event' && t.unit === 'local_date') {
    const [da, db2] = [dateOf(a), dateOf(Math.max(a, b - 1))];
    return times.some((x) => (x as string) >= da && (x as string) <= db2);
  }
  if (t.kind === 'event') return times.some((x) => (x as number) >= a && ((x as number) < b || (x === b && closedAt(b))));
  const day = dayStartOf(b - 1);
  return times.some((x) => (x as number) >= day && (x as number) <= b);
}

/** The figure per member of `group` (one figure under null) of the rows the query keeps in a span. */
function figures(m: string, def: StoreMeasure, q: AskQuery, group: EntityDim | null, a: number, b: number): Map<string, number | null> {
  const kept = raw(m, def).filter(
    (r) => NAMED.every((d) => q[d].length === 0 || q[d].includes(String(r.d[d]))) && (q.level === null || Number(r.d.level) >= q.level),
  );
  const rows = inSpan(def, kept, a, b);
  const groups = new Map<string, Raw[]>();
  for (const r of rows) {
    if (group !== null && r.d[group] === null) continue;
    const k = group === null ? '' : String(r.d[group]);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const out = new Map(
    [...groups].map(
      ([k, rs]) =>
        [
          k,
          round(
            def,
            agg(
              def,
              rs.map((r) => r.v),
            ),
          ),
        ] as const,
    ),
  );
  const data = hasData(m, def, a, b);
  const zero = (): number | null => (countLike(def) && data ? 0 : null);
  if (group === null && !out.has('')) out.set('', zero());
  const named = group !== null && group !== 'level' && group !== 'host' ? q[group] : [];
  for (const k of named) if (!out.has(k)) out.set(k, zero());
  return out;
}

/** The steps of a window (10 min up to 3 h, an hour up to 2 days, a day beyond), cut at the clock's marks. */
function steps(from: number, to: number, grain?: 'hour' | 'day'): { a: number; b: number }[] {
  const g = grain ?? (to - from <= 3 * HOUR ? 'minute' : to - from <= 2 * DAY ? 'hour' : 'day');
  const step = g === 'day' ? DAY : g === 'hour' ? HOUR : 10 * 60_000;
  const cuts = [from];
  for (let t = dayStartOf(from) + Math.floor((from - dayStartOf(from)) / step + 1) * step; t < to; t += step) cuts.push(t);
  cuts.push(to);
  return cuts.slice(1).map((b, i) => ({ a: cuts[i]!, b }));
}

/** The members of a dimension with rows in the last weeks, most rows first. */
function members(m: string, def: StoreMeasure, d: EntityDim): string[] {
  const count = new Map<string, number>();
  for (const r of raw(m, def)) {
    if (typeof r.t === 'number' && r.t < NOW - 28 * DAY) continue;
    if (typeof r.t === 'string' && r.t < dateOf(NOW - 28 * DAY)) continue;
    const k = r.d[d];
    if (k !== null && k !== undefined) count.set(String(k), (count.get(String(k)) ?? 0) + 1);
  }
  return [...count].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([k]) => k);
}

const UNDECLARED_NAME: Record<(typeof NAMED)[number], string> = {
  site: '札幌',
  process: 'エントリ1',
  business: '611040',
  operator: '高山 麻由子',
  service: 'entry-api',
  host: 'ocr-sapporo-01',
};

/** The query of an operation on one dimension: members named where the operation names them, else split by it. */
function queryFor(m: MeasureId, def: StoreMeasure, op: (typeof OPS)[number], d: StoreDim, declared: boolean, k: number): AskQuery {
  const q: AskQueryInput = { op, measure: m };
  const named = (NAMED as readonly string[]).includes(d) ? (d as (typeof NAMED)[number]) : null;
  const pick = (n: number): string[] => (named ? (declared ? members(m, def, named).slice(0, n) : [UNDECLARED_NAME[named]]) : []);
  if (op === 'rank') q.rank = { order: k % 2 ? 'bottom' : 'top', n: 3 };
  if (op === 'change') q.against = (['yesterday', 'last_week', 'usual'] as const)[k % 3];
  if (d === 'level') q.level = 3;
  if (named && (op === 'value' || op === 'trend')) q[named] = pick(1);
  else if (named && (op === 'compare' || op === 'change')) q[named] = pick(2);
  if (d === 'hour' || d === 'day' || op === 'list' || op === 'rank' || op === 'compare' || (op === 'change' && !named)) q.by = d === 'week' ? 'day' : d;
  if (op === 'change' && q.by !== 'site' && !(named && (q[named]?.length ?? 0) > 1)) q.by = null;
  return fullQuery(q);
}

/** Why the builder must decline: a dimension the measure lacks, a step finer than its records, a history it has not. */
function mustDecline(def: StoreMeasure, q: AskQuery, d: StoreDim): boolean {
  const time = d === 'hour' || d === 'day' || d === 'week';
  if (def.time.kind === 'registered' && ((time && q.by === d) || q.op === 'trend' || q.op === 'change')) return true;
  if (d === 'hour' && q.by === 'hour' && def.time.kind === 'event' && def.time.unit === 'local_date') return true;
  return (
    !time && !(d in def.dims) && (q.by === d || (q.level !== null && d === 'level') || ((NAMED as readonly string[]).includes(d) && q[d as 'site'].length > 0))
  );
}

function expected(m: MeasureId, def: StoreMeasure, q: AskQuery): (string | number | null)[][] {
  const names = ctx('ja').overview().businessNames;
  const keyName = (g: EntityDim | null, k: string): string => (g === 'business' ? (names[k] ?? k) : g === 'level' ? `Lv${k}` : k);
  const daily = def.time.kind === 'event' && def.time.unit === 'local_date';
  // The time a measure declares for a question that names none: this calendar month, or the 7 days up to today.
  const from = def.defaultTime === 'this_month' ? Date.parse('2025-10-01T00:00+09:00') : def.defaultTime === 'last_7d' ? TODAY0 - 6 * DAY : TODAY0;
  if (q.op === 'trend' || q.by === 'hour' || q.by === 'day') {
    const [a, b] = daily && NOW - from <= DAY ? [TODAY0 - 6 * DAY, NOW] : [from, NOW];
    // A split by day sets the step; by hour is a trend's own reading, so the step follows the window (hourly up to 2 days).
    const grain = q.by === 'day' ? 'day' : daily && b - a <= 60 * DAY ? 'day' : q.by === 'hour' && b - a <= 2 * DAY ? 'hour' : undefined;
    return steps(a, b, grain)
      .map((s) => (hasData(m, def, s.a, s.b) ? (figures(m, def, q, null, s.a, s.b).get('') ?? null) : null))
      .filter((v) => v !== null)
      .map((v) => [v]);
  }
  if (q.op === 'change') {
    const group = (q.by === 'site' || q.site.length > 1 ? 'site' : (NAMED.find((d) => q[d].length > 1) ?? null)) as EntityDim | null;
    const back = q.against === 'usual' ? [7, 14, 21, 28] : q.against === 'last_week' ? [7] : [1, 2, 3, 4, 5, 6, 7];
    const spans = [0, ...back].map((k) => ({ a: from - k * DAY, b: NOW - k * DAY }));
    const all = spans.map((s) => ({ f: figures(m, def, q, group, s.a, s.b), data: hasData(m, def, s.a, s.b) }));
    const at = (j: number, k: string): number | null => all[j]!.f.get(k) ?? (countLike(def) && all[j]!.data ? 0 : null);
    const keys =
      group === null ? [''] : group !== 'level' && group !== 'host' && q[group].length ? q[group] : [...new Set(all.flatMap((x) => [...x.f.keys()]))];
    const out: (string | number | null)[][] = [];
    for (const k of keys) {
      const vs = back.map((_, j) => at(j + 1, k));
      let then: number | null;
      if (q.against === 'usual') {
        const xs = vs.filter((v): v is number => v !== null).sort((x, y) => x - y);
        const h = Math.floor(xs.length / 2);
        then = xs.length === 0 ? null : round(def, xs.length % 2 ? xs[h]! : (xs[h - 1]! + xs[h]!) / 2);
      } else then = vs.find((v) => v !== null) ?? null;
      const v = at(0, k);
      if (v !== null && then !== null) out.push([group === null ? '' : keyName(group, k), then, v]);
    }
    return out;
  }
  const group: EntityDim | null = q.by ?? NAMED.find((d) => q[d].length > 1) ?? null;
  const f = figures(m, def, q, group, from, NOW);
  return [...f].map(([k, v]) => [group === null ? '' : keyName(group, k), v]);
}

const sortRows = (rows: (string | number | null)[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();

describe('the semantic model: every store measure × operation × dimension is answered with figures equal to the raw rows, or declined in words', () => {
  for (const [m, def] of Object.entries(STORE_MEASURES) as [MeasureId, StoreMeasure][]) {
    const declared: StoreDim[] = [...(Object.keys(def.dims) as EntityDim[]), ...(def.time.kind === 'registered' ? [] : (['hour', 'day'] as const))];
    const undeclared: StoreDim = def.time.kind === 'registered' ? 'hour' : ENTITY.find((d) => !(d in def.dims))!;
    it(`${m}: ${OPS.join(', ')} × ${[...declared, `${undeclared} (undeclared)`].join(', ')}`, () => {
      let k = 0;
      for (const op of OPS)
        for (const d of [...declared, undeclared]) {
          const q = queryFor(m, def, op, d, d !== undeclared, k++);
          // What the planning answer still words around the figure (keptByPlanning) is checked on the builder itself.
          const ask = (lang: Lang): QueryAnswer => (keptByPlanning(q) ? storeMeasureAnswer(q, ctx(lang), { every: true })! : answerQuery(q, ctx(lang)));
          const ja = ask('ja');
          const en = ask('en');
          const what = `${m} ${op} ${d}: ${JSON.stringify(q)}\n${ja.text}`;
          if (mustDecline(def, q, d)) {
            expect(ja.text, what).toMatch(/出せません/);
            expect(en.text, what).toMatch(/^Genba cannot/);
            continue;
          }
          // The same figures in either language (an unsplit row's name is worded: 全体 / everything).
          expect(
            en.table.rows.map((r) => r.slice(1)),
            what,
          ).toEqual(ja.table.rows.map((r) => r.slice(1)));
          const want = expected(m, def, q);
          const got = q.op === 'trend' || q.by === 'hour' || q.by === 'day' ? ja.table.rows.map((r) => [r[1]!]) : ja.table.rows;
          if (q.op === 'trend' || q.by === 'hour' || q.by === 'day') expect(got, what).toEqual(want);
          else if (q.op === 'change' && want.length === 1 && want[0]![0] === '')
            expect(
              got.map((r) => r.slice(1)),
              what,
            ).toEqual(want.map((r) => r.slice(1)));
          else if (q.op === 'value' && want.length === 1 && want[0]![0] === '')
            expect(
              got.map((r) => r[1]),
              what,
            ).toEqual([want[0]![1]]);
          else expect(sortRows(got), what).toEqual(sortRows(want));
          // Every figure says its unit, and the answer its period.
          if (want.length > 0) {
            expect(ja.text, what).toContain(MEASURES[m].unit.ja);
            // English agrees with the figure: "1 item", "2 items".
            const en1 = unitFor(1, MEASURES[m].unit.en);
            expect(en.text.includes(MEASURES[m].unit.en) || en.text.includes(en1), `${what}: ${en.text}`).toBe(true);
          }
        }
    });
  }

  it('「札幌と大阪のアラート件数を比べて」: both sites, each with its own count of today (大阪 0 is an answer)', () => {
    const q = fullQuery({ op: 'compare', measure: 'alerts', site: ['札幌', '大阪'], by: 'site' });
    const count = (site: string): number =>
      (db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE site = ? AND first_seen >= ? AND first_seen <= ?').get(site, TODAY0, NOW) as { n: number }).n;
    const ja = answerQuery(q, ctx('ja'));
    expect(ja.table.rows).toEqual([
      ['大阪', count('大阪')],
      ['札幌', count('札幌')],
    ]);
    expect(ja.text).toContain(`- 札幌: ${count('札幌')} 件`);
    expect(ja.text).toContain('- 大阪: 0 件');
    expect(ja.text).toContain('今日（00:00〜15:40）');
    const en = answerQuery(q, ctx('en'));
    expect(en.text).toContain('today (00:00–15:40)');
    expect(en.text).toContain(`- 札幌: ${count('札幌')} alerts`);
  });

  it('a ranking by a dimension the measure does not record is declined in words, in both languages', () => {
    const q = fullQuery({ op: 'rank', measure: 'alerts', by: 'operator', rank: { order: 'top', n: 3 } });
    expect(answerQuery(q, ctx('en')).text).toBe('Genba cannot rank alerts by operator: alerts are recorded per site and process.');
    expect(answerQuery(q, ctx('ja')).text).toBe('Genbaはアラートのオペレーター別の順位は出せません（アラートは拠点と工程ごとに記録されています）。');
  });
});
