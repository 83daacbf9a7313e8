import { MEASURE_IDS, type MeasureId } from '../../api/askQuery.js';
import type { TaughtWord } from '../../api/taughtWords.js';
import { foldForCues } from '../foldForCues.js';
import { MEASURES } from './measures.js';

const latinCue = new Map<string, RegExp>();
/**
 * Whether a request (folded) holds a cue. A Latin cue is a word or the start of one ('arriv' in "arrivals"), never the
 * inside of another: "at " is not in "what about", "or " not in "operators and". A Japanese cue is found anywhere, spaces aside.
 */
export function hasCue(folded: string, cue: string): boolean {
  const f = foldForCues(cue);
  if (!(f.includes(' ') || /^[a-z]/.test(f))) return folded.replace(/ /g, '').includes(f);
  let re = latinCue.get(f);
  if (!re) latinCue.set(f, (re = new RegExp(`(?:^|[^a-z])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)));
  return re.test(` ${folded} `);
}

const MEASURE_WORDS = MEASURE_IDS.map((id) => ({ id, words: MEASURES[id].words.map(foldForCues) }));

/** A word's weight: a longer cue counts for more, so 「補正待ち」 wins over 「待ち」. */
const weight = (word: string): number => 1 + 0.15 * word.replace(/ /g, '').length;

/** Stands where a taught word was: no cue holds it, and it joins no two words into one. */
const SPENT = '\u0000';

/** Whether `short` is in the text outside every place `long` (which holds it) is. */
const standsAlone = (text: string, short: string, long: string): boolean => hasCue(text.split(long).join(SPENT), short);

/**
 * How strongly a request (folded) speaks for each measure, by the words it uses. A word the company taught
 * (TaughtWord, longest first) counts for its measure as the measure's own words do, and the text it covers is spent:
 * Genba's own words inside it count no more (taught 「物量」 = arrivals, 「札幌の物量は？」 is not the forecast's 物量).
 */
export function measureScores(folded: string, taught: readonly TaughtWord[] = []): Map<MeasureId, number> {
  const s = new Map<MeasureId, number>();
  const mine = new Map<MeasureId, number>();
  let rest = folded;
  for (const t of [...taught].sort((a, b) => b.folded.length - a.folded.length)) {
    if (!hasCue(rest, t.folded)) continue;
    mine.set(t.measure, (mine.get(t.measure) ?? 0) + weight(t.folded));
    rest = rest.split(t.folded).join(SPENT);
  }
  // A longer word of one measure holds a shorter one of another («make it in on time» is late arrivals, its «on time» and
  // «make it» not the deadline's): the shorter counts only where it stands alone.
  const hits = MEASURE_WORDS.flatMap(({ id, words }) => words.filter((w) => hasCue(rest, w)).map((w) => ({ id, w })));
  for (const h of hits) {
    if (hits.some((o) => o.id !== h.id && o.w.length > h.w.length && o.w.includes(h.w) && !standsAlone(rest, h.w, o.w))) continue;
    s.set(h.id, (s.get(h.id) ?? 0) + weight(h.w));
  }
  // Added after Genba's own, so that at equal strength the order is theirs (「物量予測」, taught 物量 = arrivals: the forecast).
  for (const [id, v] of mine) s.set(id, (s.get(id) ?? 0) + v);
  return s;
}

/**
 * The measures a phrase (folded) names by the words taught and Genba's own, with the words that named each: how the
 * chat reads what a word is taught to mean (「到着件数」 → arrivals) and what a word was read as before. A taught word
 * wins over Genba's words inside it, and a longer word over a word inside it (「入荷予定」 is the forecast's, not 入荷's
 * arrivals); two measures with the same word both stay (「落ちて」: speed and incidents).
 */
export function measuresNamed(folded: string, taught: readonly TaughtWord[] = []): Map<MeasureId, string[]> {
  const mine = taught.filter((t) => hasCue(folded, t.folded)).map((t) => ({ id: t.measure, w: t.folded }));
  const own = MEASURE_WORDS.flatMap(({ id, words }) => words.filter((w) => hasCue(folded, w)).map((w) => ({ id, w }))).filter(
    (h) => !mine.some((t) => t.w.includes(h.w)),
  );
  const hits = [...mine, ...own];
  const named = new Map<MeasureId, string[]>();
  for (const h of hits) {
    if (hits.some((o) => o.id !== h.id && o.w !== h.w && o.w.includes(h.w))) continue;
    named.set(h.id, [...(named.get(h.id) ?? []), h.w]);
  }
  return named;
}
