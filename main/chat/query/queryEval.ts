import { z } from 'zod';
import { ASK_OPS, LATER_FIELDS, QUERY_FIELDS, askQuerySchema, fullQuery, type AskOp, type AskQuery, type QueryField } from '../../api/askQuery.js';
import { GenbaError } from '../../errors.js';
import { expectedFigureSchema, type ExpectedFigure } from './figureScore.js';

/** One labelled request of a set (test/fixtures/ask/*.jsonl, docs/ask-query.md). */
export interface AskCase {
  q: string;
  query: AskQuery;
  /** The fields the line is scored on: every one but those added after it was labelled (LATER_FIELDS) that it leaves out. */
  scored: readonly QueryField[];
  pattern: string;
  lang: string;
  /** Figures the answer must state (as written in it), where the line gives them. */
  figures: string[];
  /** Figures the answer must state within a tolerance, in any format (figureScore.ts). */
  expected: ExpectedFigure[];
  /** Whether the request asks for a proposal or a plan to be stored; null where the line does not say. */
  stores: boolean | null;
}

const lineSchema = z.object({
  q: z.string().min(1).max(500),
  query: askQuerySchema,
  pattern: z.string().max(30).optional(),
  lang: z.string().max(10).optional(),
  figures: z
    .array(z.union([z.string().max(40), expectedFigureSchema]))
    .max(20)
    .optional(),
  stores: z.boolean().optional(),
  /** The SQL the figures were computed with on the demo store (for a reviewer; not run here). */
  sql: z.string().max(5000).optional(),
});

/** The lines of a request set; a bad line is named with its number, never skipped. */
export function parseAskCases(text: string): AskCase[] {
  const out: AskCase[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new GenbaError('INVALID_INPUT', { ja: `${i + 1}行目が JSON ではありません`, en: `Line ${i + 1} is not JSON` });
    }
    const r = lineSchema.safeParse(parsed);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const at = issue.path.join('.');
      throw new GenbaError('INVALID_INPUT', {
        ja: `${i + 1}行目の ${at} が不正です: ${issue.message}`,
        en: `Line ${i + 1}: ${at} is invalid: ${issue.message}`,
      });
    }
    const figures = r.data.figures ?? [];
    out.push({
      q: r.data.q,
      query: fullQuery(r.data.query),
      scored: QUERY_FIELDS.filter((f) => !LATER_FIELDS.has(f) || f in r.data.query),
      pattern: r.data.pattern ?? 'plain',
      lang: r.data.lang ?? 'ja',
      figures: figures.filter((f) => typeof f === 'string'),
      expected: figures.filter((f) => typeof f !== 'string'),
      // A line that expects figures asks for figures, not for something to be stored.
      stores: r.data.stores ?? (figures.some((f) => typeof f !== 'string') ? false : null),
    });
  });
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface QueryScore {
  n: number;
  /** Share of requests whose whole query is right. */
  exact: number;
  /** Share right, field by field, of the lines scored on it. */
  fields: Record<QueryField, number>;
  /** How many lines were scored on each field (fewer than n for a field added after the set was labelled). */
  fieldLines: Record<QueryField, number>;
  perOp: { op: AskOp; n: number; exact: number; opRecall: number; opPrecision: number }[];
  /** The requests read wrong, with the fields that differ. */
  misses: { q: string; pattern: string; wrong: { field: QueryField; expected: unknown; got: unknown }[] }[];
}

/** Exact-match and per-field accuracy of parsed queries against the labels. */
export function scoreQueries(cases: readonly AskCase[], got: readonly AskQuery[]): QueryScore {
  const fields = Object.fromEntries(QUERY_FIELDS.map((f) => [f, 0])) as Record<QueryField, number>;
  const scoredOn = Object.fromEntries(QUERY_FIELDS.map((f) => [f, 0])) as Record<QueryField, number>;
  let exact = 0;
  const misses: QueryScore['misses'] = [];
  cases.forEach((c, i) => {
    const g = got[i]!;
    const wrong = c.scored.filter((f) => !same(c.query[f], g[f])).map((f) => ({ field: f, expected: c.query[f], got: g[f] }));
    for (const f of c.scored) {
      scoredOn[f]++;
      if (!wrong.some((w) => w.field === f)) fields[f]++;
    }
    if (wrong.length === 0) exact++;
    else misses.push({ q: c.q, pattern: c.pattern, wrong });
  });
  const n = cases.length;
  const perOp = ASK_OPS.map((op) => {
    const idx = cases.map((c, i) => (c.query.op === op ? i : -1)).filter((i) => i >= 0);
    const said = got.filter((g) => g.op === op).length;
    const right = idx.filter((i) => got[i]!.op === op).length;
    return {
      op,
      n: idx.length,
      exact: idx.length === 0 ? 0 : idx.filter((i) => cases[i]!.scored.every((f) => same(cases[i]!.query[f], got[i]![f]))).length / idx.length,
      opRecall: idx.length === 0 ? 0 : right / idx.length,
      opPrecision: said === 0 ? 0 : right / said,
    };
  }).filter((x) => x.n > 0);
  return {
    n,
    exact: n === 0 ? 0 : exact / n,
    fieldLines: scoredOn,
    fields: Object.fromEntries(QUERY_FIELDS.map((f) => [f, scoredOn[f] === 0 ? 0 : fields[f] / scoredOn[f]])) as Record<QueryField, number>,
    perOp,
    misses,
  };
}

export interface AskEvaluation {
  all: QueryScore;
  /** Exact-match share per phrasing pattern (plain, curt, keigo, kana, typo, fullwidth, english, mixed). */
  perPattern: { pattern: string; n: number; exact: number; op: number }[];
  /** The same per language (ja, en, mixed as the line says). */
  perLang: { lang: string; n: number; exact: number; op: number }[];
  /**
   * Leave one operation out: each operation's requests read by a parser that may not choose it.
   * `honest`: read as `outside` (Genba says what it can do) rather than as another operation's answer.
   */
  leaveOneOpOut: { op: AskOp; n: number; honest: number; wrongOp: number }[];
}

/** The figures of `genba eval ask` and the bench: the whole set, per pattern, and leave-one-operation-out. */
export function evaluateAsk(cases: readonly AskCase[], read: (q: string, ops?: readonly AskOp[]) => AskQuery): AskEvaluation {
  const got = cases.map((c) => read(c.q));
  const all = scoreQueries(cases, got);
  const patterns = [...new Set(cases.map((c) => c.pattern))].sort();
  const perPattern = patterns.map((pattern) => {
    const idx = cases.map((c, i) => (c.pattern === pattern ? i : -1)).filter((i) => i >= 0);
    const s = scoreQueries(
      idx.map((i) => cases[i]!),
      idx.map((i) => got[i]!),
    );
    return { pattern, n: idx.length, exact: s.exact, op: s.fields.op };
  });
  const langs = [...new Set(cases.map((c) => c.lang))].sort();
  const perLang = langs.map((lang) => {
    const idx = cases.map((c, i) => (c.lang === lang ? i : -1)).filter((i) => i >= 0);
    const s = scoreQueries(
      idx.map((i) => cases[i]!),
      idx.map((i) => got[i]!),
    );
    return { lang, n: idx.length, exact: s.exact, op: s.fields.op };
  });
  const leaveOneOpOut = ASK_OPS.filter((op) => op !== 'outside' && cases.some((c) => c.query.op === op)).map((op) => {
    const mine = cases.filter((c) => c.query.op === op);
    const read2 = mine.map(
      (c) =>
        read(
          c.q,
          ASK_OPS.filter((o) => o !== op),
        ).op,
    );
    const honest = read2.filter((o) => o === 'outside').length;
    return { op, n: mine.length, honest: honest / mine.length, wrongOp: (mine.length - honest) / mine.length };
  });
  return { all, perPattern, perLang, leaveOneOpOut };
}

export interface FigureCheck {
  /** Lines that give expected figures, and those whose answer states every one. */
  lines: number;
  allStated: number;
  misses: { q: string; missing: string[]; answer: string }[];
}

/**
 * Where a line gives expected figures ("120件", "15:40"), whether the answer states each one,
 * as written (width folded). The caller answers each question as the app would.
 */
export async function checkFigures(cases: readonly AskCase[], answer: (q: string) => Promise<string>): Promise<FigureCheck> {
  const out: FigureCheck = { lines: 0, allStated: 0, misses: [] };
  for (const c of cases) {
    if (c.figures.length === 0) continue;
    out.lines++;
    // A figure as written in the set (「10907 items」) is found however the answer groups its thousands (「10,907 items」).
    const plain = (t: string): string => t.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
    const text = plain(await answer(c.q));
    const missing = c.figures.filter((f) => !text.includes(plain(f)));
    if (missing.length === 0) out.allStated++;
    else out.misses.push({ q: c.q, missing, answer: text });
  }
  return out;
}
