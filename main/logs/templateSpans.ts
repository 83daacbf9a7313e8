import { tokenChunks, WILDCARD } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';

/** Templates compared pairwise per (first token, last token) group: the busiest this many. */
const MAX_GROUP = 128;
/** Word constants the two templates must share around the value, so that two short messages do not fold together. */
const MIN_ANCHOR_WORDS = 2;
const LETTER = /[A-Za-z\u3040-\u30ff\u4e00-\u9fff]/;

/** One event whose value the tokenizer cut into a different number of tokens: `absorb` folds into `keep`. */
export interface SpanMerge {
  keep: MinedTemplate;
  absorb: MinedTemplate;
  /** The template they become: their common tokens, one wildcard for each value written differently. */
  tokens: string[];
  /** The wildcards of `tokens` that stand for such a value (their values are too mixed to keep). */
  spans: number[];
  /** Where each position of `keep` and of `absorb` went in `tokens`; null: into one of the `spans`. */
  keepAt: (number | null)[];
  absorbAt: (number | null)[];
}

/**
 * Finds templates that differ only in the number of tokens one value was cut into:
 * "synchronized to 10.100.20.250, stratum 3" and "synchronized to LOCAL(0), stratum 10" are
 * the same event, but splitting at punctuation gives them 6 and 9 tokens, and the prefix
 * tree never compares messages of different lengths. A pair folds when both differ only
 * between a common prefix and a common suffix, each differing part holds a wildcard, and
 * each was written as one white-space separated chunk of its message, as values are: a
 * phrase of several words ("for invalid user <*>" against "for <*>") is a different event
 * and stays apart. Templates without a sample message (loaded from storage) are left alone.
 */
export function findSpanMerges(templates: Iterable<MinedTemplate>): SpanMerge[] {
  const groups = new Map<string, MinedTemplate[]>();
  for (const t of templates) {
    if (t.sample === undefined || t.tokens.length < 3) continue;
    const k = `${t.tokens[0]}\u0001${t.tokens[t.tokens.length - 1]}`;
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  const chunks = new Map<MinedTemplate, number[]>();
  const chunksOf = (t: MinedTemplate): number[] => {
    let c = chunks.get(t);
    if (!c) chunks.set(t, (c = tokenChunks(t.sample!)));
    return c;
  };
  return pairMerges(groups.values(), (keep, other) => spanMerge(keep, other, chunksOf));
}

/**
 * The merges `merge` finds within each group, between templates of different lengths: the
 * busiest first, so that the largest keeps its id; at most MAX_GROUP of a group compared (the
 * busiest), and each template in one merge at most per call.
 */
export function pairMerges(groups: Iterable<MinedTemplate[]>, merge: (keep: MinedTemplate, other: MinedTemplate) => SpanMerge | null): SpanMerge[] {
  const merges: SpanMerge[] = [];
  for (const group of groups) {
    if (group.length < 2 || new Set(group.map((t) => t.tokens.length)).size < 2) continue;
    const list = [...group].sort((a, b) => b.count - a.count).slice(0, MAX_GROUP);
    const used = new Set<MinedTemplate>();
    for (let i = 0; i < list.length; i++) {
      const keep = list[i]!;
      if (used.has(keep)) continue;
      for (let j = i + 1; j < list.length; j++) {
        const other = list[j]!;
        if (used.has(other) || other.tokens.length === keep.tokens.length) continue;
        const m = merge(keep, other);
        if (!m) continue;
        merges.push(m);
        used.add(keep);
        used.add(other);
        break;
      }
    }
  }
  return merges;
}

function spanMerge(keep: MinedTemplate, other: MinedTemplate, chunksOf: (t: MinedTemplate) => number[]): SpanMerge | null {
  const [a, b] = keep.tokens.length < other.tokens.length ? [keep.tokens, other.tokens] : [other.tokens, keep.tokens];
  let p = 0;
  while (p < a.length - 1 && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p - 1 && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  if (p === 0 || s === 0) return null;
  const anchors = [...a.slice(0, p), ...a.slice(a.length - s)].filter((x) => x !== WILDCARD && LETTER.test(x)).length;
  if (anchors < MIN_ANCHOR_WORDS) return null;
  for (const t of [keep, other]) {
    const end = t.tokens.length - s;
    if (!t.tokens.slice(p, end).includes(WILDCARD)) return null;
    const c = chunksOf(t);
    if (c.length !== t.tokens.length) return null;
    for (let k = p + 1; k < end; k++) if (c[k] !== c[p]) return null;
  }
  const at = (t: MinedTemplate): (number | null)[] => {
    const d = t.tokens.length - (p + 1 + s);
    return t.tokens.map((_, pos) => (pos < p ? pos : pos < t.tokens.length - s ? null : pos - d));
  };
  return { keep, absorb: other, tokens: [...a.slice(0, p), WILDCARD, ...a.slice(a.length - s)], spans: [p], keepAt: at(keep), absorbAt: at(other) };
}
