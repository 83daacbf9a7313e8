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
  const l = (text: string): string => englishPunctuation(inLatin(text, latin));
  return {
    ...r,
    answer: l(r.answer),
    clarify: r.clarify ? { question: l(r.clarify.question), options: r.clarify.options.map((o) => ({ ...o, label: l(o.label) })) } : null,
  };
}

const JA = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー';
/** Japanese brackets around words the English text wrote (a name once in Latin letters, a figure); not inside a Japanese line quoted as written. */
const ROUND = new RegExp(`(?<![${JA}])（([^（）${JA}]*)）`, 'gu');

/**
 * An English text's own punctuation where the answer's words were joined the Japanese way:
 * 「…」 quotes become "…", and （Morioka） after a name becomes " (Morioka)". A Japanese log
 * line quoted as evidence keeps its own brackets inside the quotes.
 */
export function englishPunctuation(text: string): string {
  return text
    .replace(/「([^「」]*)」/g, '"$1"')
    .replace(ROUND, (_m, inner: string, at: number, all: string) => `${/\s|^$/.test(all[at - 1] ?? '') ? '' : ' '}(${inner})`);
}
