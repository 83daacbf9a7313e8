import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullQuery, MEASURE_IDS, type AskQuery, type AskQueryInput, type Dimension, type MeasureId } from '../../../main/api/askQuery.js';
import type { Lang } from '../../../main/api/localized.js';
import { answerQuery } from '../../../main/chat/query/answerQuery.js';
import { MEASURES } from '../../../main/chat/query/measures.js';
import { STORE_MEASURES } from '../../../main/chat/query/measureSql.js';
import type { QueryContext } from '../../../main/chat/query/queryContext.js';
import { DEMO_ANCHOR_MS } from '../../../main/sync/demo/demoDefinition.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { storeQueryContext } from '../../helpers/storeQueryContext.js';
import { tempDir } from '../../helpers/tempDir.js';

/*
 * The other half of the semantic model walk (semanticModel.test.ts walks the measures the store computes itself): every
 * measure derived from progress (progress, speed, needed speed, projected finish, slack, deadline) × value, list,
 * compare, rank, check, trend, change × every dimension it declares and one it does not, asked of the planner on the demo
 * store. Each answer carries the figures this file computes its own way from the raw progress_snapshots rows (the newest
 * row of each series today; a speed as items over the minutes of the stretches of work in the last 30 minutes, a
 * stretch counting only when at most 3 h long, done not going down and work left at its end), or declines in words. And
 * every other measure, split or filtered by a dimension it does not declare, is declined in words, never answered with
 * the unfiltered figure.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const JST = 9 * HOUR;
const NOW = DEMO_ANCHOR_MS;
const dayStartOf = (t: number): number => Math.floor((t + JST) / DAY) * DAY - JST;
const TODAY0 = dayStartOf(NOW);
const WINDOW = 30 * MIN;
const round1 = (x: number): number => Math.round(x * 10) / 10;

const DERIVED = ['progress', 'speed', 'needed_speed', 'finish', 'slack', 'deadline'] as const satisfies readonly MeasureId[];
type Derived = (typeof DERIVED)[number];
const OPS = ['value', 'list', 'compare', 'rank', 'check', 'trend', 'change'] as const;
const SERIES_DIMS = ['site', 'process', 'business'] as const;
type SeriesDim = (typeof SERIES_DIMS)[number];
/** What a trend and a change can show: the measures the store keeps over time. */
const OVER_TIME = new Set<MeasureId>(['progress', 'speed']);

interface Snap {
  site: string;
  process: string;
  business: string;
  t: number;
  done: number;
  left: number;
  deadline: number | null;
}

const dir = tempDir();
let db: Database.Database;
let ctx: (lang: Lang) => QueryContext;
let snaps: Snap[];
let names: Record<string, string>;

beforeAll(async () => {
  await copyDemoStore(dir.path);
  db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  ctx = storeQueryContext(db, NOW, TODAY0);
  names = ctx('ja').overview().businessNames;
  snaps = db
    .prepare(
      `SELECT location_name AS site, process_name AS process, business_id AS business, snapshot_time AS t, entry_count AS done,
              total_waiting AS left, expected_completion_time AS deadline
       FROM progress_snapshots WHERE snapshot_time >= ? AND snapshot_time <= ? ORDER BY snapshot_time`,
    )
    .all(NOW - 29 * DAY, NOW) as Snap[];
}, 300_000);
afterAll(() => {
  db?.close();
  dir.remove();
});

const keyOf = (s: Snap): string => `${s.site}|${s.process}|${s.business}`;
type Filter = Partial<Record<SeriesDim, readonly string[]>>;
const keeps = (f: Filter, s: Snap): boolean => SERIES_DIMS.every((d) => !f[d]?.length || f[d]!.includes(s[d]));

/** Each series' rows in [a, b], in time order. */
function rowsIn(a: number, b: number, f: Filter): Map<string, Snap[]> {
  const out = new Map<string, Snap[]>();
  for (const s of snaps) if (s.t >= a && s.t <= b && keeps(f, s)) out.set(keyOf(s), [...(out.get(keyOf(s)) ?? []), s]);
  return out;
}

/** Items a minute over a series' stretches of work among its rows (null: none). */
function speedOf(rows: Snap[]): number | null {
  let items = 0;
  let minutes = 0;
  for (let k = 1; k < rows.length; k++) {
    const [a, b] = [rows[k - 1]!, rows[k]!];
    if (b.t - a.t > 3 * HOUR || b.done < a.done || b.left <= 0) continue;
    items += b.done - a.done;
    minutes += (b.t - a.t) / MIN;
  }
  return minutes > 0 ? items / minutes : null;
}

interface State extends Snap {
  speed: number | null;
  finish: number | null;
  lateBy: number | null;
  needed: number | null;
}

/** The newest row of each series the filter keeps, on the day of `at` up to `at`, with what follows from it. */
function statesAt(at: number, f: Filter): State[] {
  const out: State[] = [];
  for (const rows of rowsIn(dayStartOf(at), at, f).values()) {
    const s = rows[rows.length - 1]!;
    const speed = s.left <= 0 ? null : speedOf(rows.filter((r) => r.t >= Math.max(dayStartOf(at), s.t - WINDOW)));
    const finish = s.left <= 0 ? null : speed ? Math.ceil((s.t + (s.left / speed) * MIN) / MIN) * MIN : null;
    const needed = s.left > 0 && s.deadline !== null && s.deadline > s.t ? s.left / ((s.deadline - s.t) / MIN) : null;
    const lateBy = finish !== null && s.deadline !== null ? -Math.round((s.deadline - finish) / MIN) : null;
    out.push({ ...s, speed, finish, needed, lateBy });
  }
  return out;
}

/** One figure of a group of series, as its definition says; null when it has none (or all its work is finished). */
function figure(m: Derived, g: State[]): number | null {
  const open = g.filter((s) => s.left > 0);
  const some = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);
  switch (m) {
    case 'progress': {
      const done = g.reduce((n, s) => n + s.done, 0);
      const all = done + g.reduce((n, s) => n + s.left, 0);
      return all === 0 ? null : round1((done / all) * 100);
    }
    case 'speed': {
      const xs = some(open.map((s) => s.speed));
      return xs.length ? round1(xs.reduce((a, b) => a + b, 0)) : null;
    }
    case 'needed_speed': {
      const xs = some(open.map((s) => s.needed));
      return open.length && xs.length ? round1(xs.reduce((a, b) => a + b, 0)) : null;
    }
    case 'slack': {
      const xs = some(open.map((s) => s.lateBy));
      return xs.length ? Math.min(...xs.map((x) => -x)) : null;
    }
    case 'finish':
      return open.length && open.every((s) => s.finish !== null) ? Math.max(...open.map((s) => s.finish!)) : null;
    case 'deadline': {
      const xs = some(g.map((s) => s.deadline));
      return xs.length ? Math.min(...xs) : null;
    }
  }
}

/** The members of a dimension on today's floor, most series first. */
function members(d: SeriesDim): string[] {
  const n = new Map<string, number>();
  for (const s of statesAt(NOW, {})) n.set(s[d], (n.get(s[d]) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

function queryFor(m: MeasureId, op: (typeof OPS)[number], d: Dimension | null, k: number): AskQuery {
  const q: AskQueryInput = { op, measure: m };
  if (op === 'rank') q.rank = { order: k % 2 ? 'bottom' : 'top', n: 3 };
  if (op === 'change') q.against = (['yesterday', 'last_week', 'usual'] as const)[k % 3];
  const named = (SERIES_DIMS as readonly string[]).includes(d ?? '') ? (d as SeriesDim) : null;
  if (named && (op === 'value' || op === 'trend' || op === 'check')) q[named] = members(named).slice(0, 1);
  else if (named && (op === 'compare' || op === 'change')) q[named] = members(named).slice(0, 2);
  else if (d === 'operator' && (op === 'value' || op === 'trend' || op === 'check' || op === 'change')) q.operator = ['高山 麻由子'];
  else if (d !== null && op !== 'change') q.by = d;
  return fullQuery(q);
}

/** [name, figure] of each group the answer should hold; the name is '' for one unsplit figure. */
function expectedRows(m: Derived, q: AskQuery): (string | number | null)[][] {
  const f: Filter = { site: q.site, process: q.process, business: q.business };
  const states = statesAt(NOW, f);
  const group: SeriesDim | null =
    q.by === 'site' || q.by === 'process' || q.by === 'business'
      ? q.by
      : (SERIES_DIMS.find((d) => q[d].length > 1) ??
        (q.op === 'compare' ? (SERIES_DIMS.find((d) => q[d].length > 0) ?? 'site') : q.op === 'list' || q.op === 'rank' ? 'site' : null));
  if (group === null) return [['', figure(m, states)]];
  const groups = new Map<string, State[]>();
  for (const s of states) groups.set(s[group], [...(groups.get(s[group]) ?? []), s]);
  return [...groups].map(([k, g]) => [group === 'business' ? (names[k] ?? k) : k, figure(m, g)]);
}

/** The figure of each step of today, hour by hour (the whole day when split by day), that has one. */
function expectedTrend(m: 'progress' | 'speed', q: AskQuery): number[] {
  const f: Filter = { site: q.site, process: q.process, business: q.business };
  const cuts = q.by === 'day' ? [TODAY0, NOW] : [TODAY0, ...Array.from({ length: 15 }, (_, h) => TODAY0 + (h + 1) * HOUR), NOW];
  const out: number[] = [];
  for (let k = 1; k < cuts.length; k++) {
    const [a, b] = [cuts[k - 1]!, cuts[k]!];
    if (m === 'progress') {
      const v = statesAt(b, f).length ? figure('progress', statesAt(b, f)) : null;
      if (v !== null) out.push(v);
    } else {
      const xs = [...rowsIn(a, b, f).values()].map(speedOf).filter((x): x is number => x !== null);
      if (xs.length) out.push(round1(xs.reduce((s, x) => s + x, 0)));
    }
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/** [name, then, now] of each group of a change against the earlier day(s) the query names. */
function expectedChange(m: 'progress' | 'speed', q: AskQuery): (string | number)[][] {
  const dim = q.by === 'site' || q.site.length > 1 ? 'site' : (['process', 'business'] as const).find((d) => q[d].length > 1);
  const base: Filter = { site: q.site, process: q.process, business: q.business };
  const groups: { key: string; f: Filter }[] = dim
    ? q[dim].map((k) => ({ key: dim === 'business' ? (names[k] ?? k) : k, f: { ...base, [dim]: [k] } }))
    : [{ key: '', f: base }];
  const back = q.against === 'usual' ? [7, 14, 21, 28] : q.against === 'last_week' ? [7] : [1, 2, 3, 4, 5, 6, 7];
  const out: (string | number)[][] = [];
  for (const g of groups) {
    if (m === 'progress') {
      const at = (t: number): number | null => (statesAt(t, g.f).length ? figure('progress', statesAt(t, g.f)) : null);
      const vs = back.map((k) => at(NOW - k * DAY));
      const known = vs.filter((v): v is number => v !== null);
      const then = q.against === 'usual' ? (known.length ? round1(median(known)) : null) : (known[0] ?? null);
      const now = at(NOW);
      if (now !== null && then !== null) out.push([g.key, then, now]);
      continue;
    }
    // Speed is compared series by series: those working now, each against its own speed then.
    const speedsAt = (t: number): Map<string, number> =>
      new Map([...rowsIn(t - WINDOW, t, g.f)].map(([k, rows]) => [k, speedOf(rows)] as const).filter((e): e is [string, number] => e[1] !== null));
    const working = speedsAt(NOW);
    const then = new Map<string, number>();
    if (q.against === 'usual') {
      const past = new Map<string, number[]>();
      for (const k of back) for (const [s, v] of speedsAt(NOW - k * DAY)) past.set(s, [...(past.get(s) ?? []), v]);
      for (const [s, vs] of past) if (working.has(s)) then.set(s, median(vs));
    } else
      for (const k of back) {
        const s = speedsAt(NOW - k * DAY);
        if (s.size === 0) continue;
        for (const [key, v] of s) if (working.has(key)) then.set(key, v);
        break;
      }
    const both = [...then.keys()];
    if (both.length) out.push([g.key, round1(both.reduce((n, k) => n + then.get(k)!, 0)), round1(both.reduce((n, k) => n + working.get(k)!, 0))]);
  }
  return out;
}

const sorted = (rows: unknown[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();

/** A decline in words in both languages: no figures, and a sentence saying what Genba cannot do. */
function expectDeclined(q: AskQuery, what: string): void {
  const ja = answerQuery(q, ctx('ja'));
  const en = answerQuery(q, ctx('en'));
  expect(ja.table.rows, what).toEqual([]);
  expect(ja.text, what).toMatch(/^Genbaは.+(出せません|比べられません)/);
  expect(en.text, what).toMatch(/^Genba cannot /);
}

describe('the semantic model, derived measures: every measure computed from progress × operation × dimension is answered with figures equal to the raw rows, or declined in words', () => {
  for (const m of DERIVED) {
    const declared = MEASURES[m].dims;
    it(`${m}: ${OPS.join(', ')} × everything, ${declared.join(', ')}, operator (undeclared)`, () => {
      let k = 0;
      for (const op of OPS)
        for (const d of [null, ...declared, 'operator' as const]) {
          const q = queryFor(m, op, d, k++);
          const what = `${m} ${op} ${d}: ${JSON.stringify(q)}`;
          // A person's speed is the operator measure, walked with the store's measures.
          if (m === 'speed' && d === 'operator') {
            expect(answerQuery(q, ctx('en')).text, what).toBe(answerQuery({ ...q, measure: 'operator_speed' }, ctx('en')).text);
            continue;
          }
          const overTime = op === 'trend' || op === 'change' || d === 'hour' || d === 'day';
          if (d === 'operator' || (overTime && !OVER_TIME.has(m))) {
            expectDeclined(q, what);
            continue;
          }
          const ja = answerQuery(q, ctx('ja'));
          const en = answerQuery(q, ctx('en'));
          expect(
            en.table.rows.map((r) => r.slice(1)),
            what,
          ).toEqual(ja.table.rows.map((r) => r.slice(1)));
          if (op === 'change') {
            const want = expectedChange(m as 'progress' | 'speed', q);
            const got = want.length === 1 && want[0]![0] === '' ? ja.table.rows.map((r) => ['', ...r.slice(1)]) : ja.table.rows;
            expect(sorted(got), `${what}\n${ja.text}`).toEqual(sorted(want));
            continue;
          }
          if (overTime) {
            // A sum of per-series speeds, rounded to 0.1: two summing orders may differ by that last digit.
            const want = expectedTrend(m as 'progress' | 'speed', q);
            const got = ja.table.rows.map((r) => r[1] as number);
            expect(got.length, `${what}\n${ja.text}`).toBe(want.length);
            got.forEach((v, i) => expect(Math.abs(v - want[i]!), `${what}\n${ja.text}`).toBeLessThanOrEqual(m === 'speed' ? 0.1 + 1e-9 : 0));
            continue;
          }
          const want = expectedRows(m, q);
          const got = want.length === 1 && want[0]![0] === '' ? ja.table.rows.map((r) => ['', r[1]]) : ja.table.rows;
          expect(sorted(got), `${what}\n${ja.text}`).toEqual(sorted(want));
          // Every answer says when its figures stand.
          expect(ja.text, what).toContain('15:40');
          expect(en.text, what).toContain('15:40');
        }
    });
  }

  it('every other measure split or filtered by a dimension it does not declare is declined in words, never answered unfiltered', () => {
    const store = new Set(Object.keys(STORE_MEASURES));
    const names: Record<string, string> = { site: '札幌', process: 'エントリ1', business: '611040', operator: '高山 麻由子', service: 'entry-api' };
    let walked = 0;
    for (const m of MEASURE_IDS) {
      if (store.has(m) || (DERIVED as readonly string[]).includes(m) || m === 'unknown') continue;
      for (const d of ['site', 'process', 'business', 'operator', 'service', 'level', 'host'] as const) {
        if (MEASURES[m].dims.includes(d)) continue;
        for (const q of [
          fullQuery({ op: 'list', measure: m, by: d }),
          fullQuery(
            d === 'level'
              ? { op: 'value', measure: m, level: 3 }
              : d === 'host'
                ? { op: 'rank', measure: m, by: d }
                : { op: 'value', measure: m, [d]: [names[d]] },
          ),
        ]) {
          expectDeclined(q, `${m} ${d}: ${JSON.stringify(q)}`);
          walked++;
        }
      }
    }
    expect(walked).toBeGreaterThan(20);
  });
});
