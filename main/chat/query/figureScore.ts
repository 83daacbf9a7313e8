import { z } from 'zod';
import type { QueryTable } from '../../api/assistantTypes.js';

/**
 * A figure a labelled line expects its answer to state (test/fixtures/ask/figures.jsonl):
 * a clock time (`unit: "hh:mm"`) is given as minutes after midnight.
 */
export const expectedFigureSchema = z.object({
  value: z.number(),
  unit: z.string().min(1).max(20),
  tol: z.number().min(0),
  what: z.string().max(200),
});
export type ExpectedFigure = z.infer<typeof expectedFigureSchema>;

export interface FoundNumber {
  value: number;
  /** Written as a clock time (15:57), its value in minutes after midnight. */
  clock: boolean;
}

/**
 * Every number of an answer as a manager reads it, after width folding: 1,234 → 1234,
 * 1.2万 → 12000, −4 → −4, 15:57 → a clock time (957 minutes), never two numbers.
 */
export function numbersOf(text: string): FoundNumber[] {
  const folded = text.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  const out: FoundNumber[] = [];
  for (const m of folded.matchAll(/(\d{1,2}):(\d{2})(?!\d)|([-−▲]?)(\d+(?:\.\d+)?)(\s*万)?/g)) {
    if (m[1] !== undefined) out.push({ value: Number(m[1]) * 60 + Number(m[2]), clock: true });
    else out.push({ value: (m[3] ? -1 : 1) * Number(m[4]) * (m[5] ? 10_000 : 1), clock: false });
  }
  return out;
}

/**
 * Whether a number within the figure's tolerance is there. Signs are compared as magnitudes:
 * "4分遅れ" and "余裕 −4分" state the same lateness, "5件減" and "−5件" the same change.
 */
export function figureFound(f: ExpectedFigure, numbers: readonly FoundNumber[]): boolean {
  const clock = f.unit === 'hh:mm';
  return numbers.some((n) => n.clock === clock && Math.abs(Math.abs(n.value) - Math.abs(f.value)) <= f.tol + 1e-9);
}

/** The numbers of an answer's text and of the table it was written from. */
function numbersOfAnswer(a: FigureAnswer): FoundNumber[] {
  const cells = (a.table?.rows ?? []).flat();
  return [...numbersOf(a.answer), ...cells.flatMap((c) => (typeof c === 'number' ? [{ value: c, clock: false }] : typeof c === 'string' ? numbersOf(c) : []))];
}

/** What scoring needs of a labelled line (queryEval.ts's AskCase). */
export interface FigureCase {
  q: string;
  lang: string;
  query: { op: string };
  expected: readonly ExpectedFigure[];
  stores: boolean | null;
}

/** What scoring needs of an answer (AskResult's fields of the same names). */
export interface FigureAnswer {
  answer: string;
  table?: QueryTable | null | undefined;
  proposal: unknown;
  plan?: unknown;
}

export interface FigureGroup {
  key: string;
  lines: number;
  expected: number;
  found: number;
  allRight: number;
}

export interface AnswerScore {
  figures: { expected: number; found: number };
  /** Lines that give figures, and those whose answer states every one within its tolerance. */
  lines: { withFigures: number; allRight: number };
  perOp: FigureGroup[];
  perLang: FigureGroup[];
  /** Lines whose answer could have stored something (every answered line), and those that stored what was not asked for. */
  storesChecked: number;
  storesViolations: { q: string; stored: 'proposal' | 'plan' }[];
  misses: { q: string; missing: string[]; answer: string }[];
}

function group(rows: readonly { key: string; expected: number; found: number }[]): FigureGroup[] {
  const by = new Map<string, FigureGroup>();
  for (const r of rows) {
    const g = by.get(r.key) ?? { key: r.key, lines: 0, expected: 0, found: 0, allRight: 0 };
    g.lines++;
    g.expected += r.expected;
    g.found += r.found;
    if (r.found === r.expected) g.allRight++;
    by.set(r.key, g);
  }
  return [...by.values()];
}

/**
 * Each line that gives figures (or says whether it may store) answered as the app answers it:
 * a figure is found when a number of the answer's text or table is within its tolerance; a
 * line with `stores: false` (the default) whose answer stored a proposal or a plan is a violation.
 */
export async function scoreAnswers(cases: readonly FigureCase[], ask: (q: string) => Promise<FigureAnswer>): Promise<AnswerScore> {
  const scored: { key: string; lang: string; expected: number; found: number }[] = [];
  const out: AnswerScore = {
    figures: { expected: 0, found: 0 },
    lines: { withFigures: 0, allRight: 0 },
    perOp: [],
    perLang: [],
    storesChecked: 0,
    storesViolations: [],
    misses: [],
  };
  for (const c of cases) {
    if (c.expected.length === 0 && c.stores === null) continue;
    const a = await ask(c.q);
    out.storesChecked++;
    if (c.stores !== true) {
      if (a.proposal) out.storesViolations.push({ q: c.q, stored: 'proposal' });
      else if (a.plan) out.storesViolations.push({ q: c.q, stored: 'plan' });
    }
    if (c.expected.length === 0) continue;
    const numbers = numbersOfAnswer(a);
    const missing = c.expected.filter((f) => !figureFound(f, numbers));
    const found = c.expected.length - missing.length;
    out.figures.expected += c.expected.length;
    out.figures.found += found;
    out.lines.withFigures++;
    if (missing.length === 0) out.lines.allRight++;
    else out.misses.push({ q: c.q, missing: missing.map((f) => `${f.what}: ${formatFigure(f)}`), answer: a.answer });
    scored.push({ key: c.query.op, lang: c.lang, expected: c.expected.length, found });
  }
  out.perOp = group(scored);
  out.perLang = group(scored.map((s) => ({ ...s, key: s.lang })));
  return out;
}

/** A figure as a reviewer reads it: "384 items", "16:04". */
export function formatFigure(f: ExpectedFigure): string {
  if (f.unit === 'hh:mm') return `${Math.floor(f.value / 60)}:${String(f.value % 60).padStart(2, '0')}`;
  return `${f.value} ${f.unit}`;
}
