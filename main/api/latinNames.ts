/**
 * Proper names in Latin letters, for English screens and texts: the company's Japanese name
 * → its romanization (札幌 → Sapporo, エントリ1 → Entori 1, 高山 麻由子 → Takayama Mayuko).
 * Made from the names' readings (chat/nameReadings.ts); a name without one is not here and
 * stays as the company wrote it. The names themselves remain the keys of every request.
 */
export type LatinNames = Readonly<Record<string, string>>;

/** Japanese script: a name next to it is part of a Japanese text (a quoted log line), not a name of the English one. */
const JAPANESE = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー]';

/**
 * An English text with the company's names in it, each written in Latin letters. The longest
 * name is replaced first, so 札幌第2 is not read as 札幌 followed by 第2. A name inside
 * Japanese words (「札幌センターのOCRが停止」, a log line quoted as evidence) stays as written.
 */
export function inLatin(text: string, names: LatinNames): string {
  const pattern = patternOf(names);
  return pattern ? text.replace(pattern, (m) => names[m] ?? m) : text;
}

/** One pattern per set of names, made at its first use: a list of 500 alerts is not 500 compilations. */
const patterns = new WeakMap<LatinNames, RegExp | null>();
function patternOf(names: LatinNames): RegExp | null {
  let pattern = patterns.get(names);
  if (pattern === undefined) {
    // A name already in Latin letters (an alias: "medical" for 医療レセプト) is written as it was: "medical claims" is not
    // rewritten "Medical claims claims".
    const keys = Object.keys(names)
      .filter((k) => k.length > 0 && !/^[\x20-\x7e]+$/.test(k))
      .sort((a, b) => b.length - a.length);
    const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = keys.length === 0 ? null : new RegExp(`(?<!${JAPANESE})(?:${escaped.join('|')})(?!${JAPANESE})`, 'gu');
    patterns.set(names, pattern);
  }
  return pattern;
}
