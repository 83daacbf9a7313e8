import type { AskResult } from '../api/assistantTypes.js';
import { inLatin, type LatinNames } from '../api/latinNames.js';

/**
 * An English answer as the English screens write names: the text, the ask-back's question and
 * labels, in Latin letters. What the manager typed, what an ask-back's option sends and the
 * table the text was written from (data, read by scripts and checked against SQL) keep the
 * company's names; the screens write the table's through useName.
 */
export function latinAnswer(r: AskResult, latin: LatinNames): AskResult {
  if (Object.keys(latin).length === 0) return r;
  const l = (text: string): string => inLatin(text, latin);
  return {
    ...r,
    answer: l(r.answer),
    clarify: r.clarify ? { question: l(r.clarify.question), options: r.clarify.options.map((o) => ({ ...o, label: l(o.label) })) } : null,
  };
}
