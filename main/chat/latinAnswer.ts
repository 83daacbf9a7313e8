import type { AskResult } from '../api/assistantTypes.js';
import { inLatin, type LatinNames } from '../api/latinNames.js';

/**
 * An English answer as the English screens write names: the text, the ask-back's question and
 * labels, and the names in its table, in Latin letters. What the manager typed, and what an
 * ask-back's option sends, stay as written: the parser reads either.
 */
export function latinAnswer(r: AskResult, latin: LatinNames): AskResult {
  if (Object.keys(latin).length === 0) return r;
  const l = (text: string): string => inLatin(text, latin);
  return {
    ...r,
    answer: l(r.answer),
    clarify: r.clarify ? { question: l(r.clarify.question), options: r.clarify.options.map((o) => ({ ...o, label: l(o.label) })) } : null,
    ...(r.table ? { table: { columns: r.table.columns.map(l), rows: r.table.rows.map((row) => row.map((c) => (typeof c === 'string' ? l(c) : c))) } } : {}),
  };
}
