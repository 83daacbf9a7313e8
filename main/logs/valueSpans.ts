import { WILDCARD } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';
import { pairMerges, type SpanMerge } from './templateSpans.js';

/**
 * Words that name a unit of measure (size, time, share): a value written with its unit
 * ("1024 bytes", "3 sec", "1.0 KB") is still one value.
 */
const UNIT = /^(?:[kmgtpe]i?b|bytes?|[kmgtp]|[nuµm]?s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|%|percent)$/i;
/** Whether a word names a unit of measure (KB, bytes, ms, hours, %). */
export const isUnit = (word: string): boolean => UNIT.test(word);
/**
 * One character that is neither a letter nor a digit: a separator or a bracket, as the
 * tokenizer cuts them one by one. A run of symbols standing as a token of its own ("****",
 * "---", "??") is not part of a value: it is a placeholder that says a value is missing
 * (a fan with no reading), which an engineer wants apart.
 */
const PUNCTUATION = /^[^\p{L}\p{N}]$/u;
const LETTER = /\p{L}/u;
/** Constant words the two templates must share outside their values, so that two short messages do not fold together. */
const MIN_ANCHOR_WORDS = 2;
/** Templates longer than this are not aligned (the alignment is quadratic in their lengths). */
const MAX_TOKENS = 64;

/** A masked value or a number: what makes a span a value. */
const holdsValue = (t: string): boolean => t === WILDCARD || /\d/.test(t);
/** What a value may be written with besides its number: its units and punctuation. */
const valuePart = (t: string): boolean => holdsValue(t) || UNIT.test(t) || PUNCTUATION.test(t);
/** What a value's span may reach out to among the tokens both templates share: numbers and units, not the punctuation that frames it ("size=" stays). */
const valueEdge = (t: string): boolean => holdsValue(t) || UNIT.test(t);

/**
 * Length-insensitive templates (rule `valueSpans`): two templates whose constant words align
 * in the same order, with only value spans between them, are one event. A value span is a run
 * of masked values, numbers, units and punctuation: however many tokens it takes ("12 bytes"
 * against "1024 bytes (1.0 KB)", one address against "10.0.0.1,10.0.0.2", "<1 sec" against
 * "1 min 3 sec"), it is one value. A word that is neither a unit nor a number (a state word, a
 * phrase like "in 5 ms" against "", "for invalid user" against "for") keeps them apart. The
 * alignment is the longest common subsequence of the two token lists; each stretch where they
 * differ, grown over the numbers and units both share beside it, must be a value span on both
 * sides and hold a value on both, and at least MIN_ANCHOR_WORDS words must align outside them.
 */
export function findValueSpanMerges(templates: Iterable<MinedTemplate>): SpanMerge[] {
  // Grouped by their first constant word, which no value span can hold.
  const groups = new Map<string, MinedTemplate[]>();
  for (const t of templates) {
    if (t.tokens.length > MAX_TOKENS) continue;
    const first = t.tokens.find((x) => !valuePart(x));
    if (first === undefined) continue;
    const g = groups.get(first);
    if (g) g.push(t);
    else groups.set(first, [t]);
  }
  return pairMerges(groups.values(), valueSpanMerge);
}

/** Pairs of equal positions of `a` and `b` in order: their longest common subsequence. */
function align(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const len = new Uint8Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      len[i * (m + 1) + j] = a[i] === b[j] ? len[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(len[(i + 1) * (m + 1) + j]!, len[i * (m + 1) + j + 1]!);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i++, j++]);
    } else if (len[(i + 1) * (m + 1) + j]! >= len[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function valueSpanMerge(keep: MinedTemplate, other: MinedTemplate): SpanMerge | null {
  const a = keep.tokens;
  const b = other.tokens;
  const pairs = align(a, b);
  // Aligned pairs that stay as they are; the others fall into a value span.
  const inSpan = new Array<boolean>(pairs.length).fill(false);
  // Each stretch where the two differ: between aligned pairs k-1 and k (k = pairs.length: after the last).
  for (let k = 0; k <= pairs.length; k++) {
    const [ia, ib] = k === 0 ? [-1, -1] : pairs[k - 1]!;
    const [ja, jb] = k === pairs.length ? [a.length, b.length] : pairs[k]!;
    if (ja - ia === 1 && jb - ib === 1) continue;
    // Grown over the numbers and units both share on either side, as far as they go.
    let from = k;
    while (from > 0 && valueEdge(a[pairs[from - 1]![0]]!)) from--;
    let to = k;
    while (to < pairs.length && valueEdge(a[pairs[to]![0]]!)) to++;
    const startA = from === 0 ? 0 : pairs[from - 1]![0] + 1;
    const startB = from === 0 ? 0 : pairs[from - 1]![1] + 1;
    const endA = to === pairs.length ? a.length : pairs[to]![0];
    const endB = to === pairs.length ? b.length : pairs[to]![1];
    const spanA = a.slice(startA, endA);
    const spanB = b.slice(startB, endB);
    if (!spanA.every(valuePart) || !spanB.every(valuePart) || !spanA.some(holdsValue) || !spanB.some(holdsValue)) return null;
    for (let x = from; x < to; x++) inSpan[x] = true;
  }
  // The two differ in length (pairMerges pairs no others), so at least one stretch was a value span.
  const anchors = pairs.filter((p, k) => !inSpan[k] && LETTER.test(a[p[0]]!)).length;
  if (anchors < MIN_ANCHOR_WORDS) return null;

  // The merged template: kept pairs as they are, each run of positions outside them one wildcard.
  const tokens: string[] = [];
  const spans: number[] = [];
  const keepAt = new Array<number | null>(a.length).fill(null);
  const absorbAt = new Array<number | null>(b.length).fill(null);
  let pa = 0;
  let pb = 0;
  for (let k = 0; k <= pairs.length; k++) {
    const kept = k < pairs.length && !inSpan[k];
    const [na, nb] = k === pairs.length ? [a.length, b.length] : pairs[k]!;
    if (k === pairs.length || kept) {
      if (na > pa || nb > pb) {
        spans.push(tokens.length);
        tokens.push(WILDCARD);
      }
      if (kept) {
        keepAt[na] = tokens.length;
        absorbAt[nb] = tokens.length;
        tokens.push(a[na]!);
        pa = na + 1;
        pb = nb + 1;
      }
    }
  }
  return { keep, absorb: other, tokens, spans, keepAt, absorbAt };
}
