import { INTENT_TYPES, type IntentType } from '../api/assistantTypes.js';
import { INTENT_CUES } from './intentCues.js';
import { INTENT_EXAMPLES } from './intentExamples.js';

/** The settings cross-validation chooses (see test/bench/intentAccuracy.ts). */
export interface ClassifierOptions {
  /** Weight of the nearest example's similarity (0–1) against the cues' evidence. */
  exampleWeight: number;
  /** Evidence `other` starts with: a request must say more than this for any intent. */
  otherBias: number;
  /** Softmax temperature: turns evidence into a confidence that means what it says. */
  temperature: number;
  /** Ask back with both intents when the top two are closer than this in confidence. */
  askBackMargin: number;
}

/** Chosen on the development set by leave-one-phrasing-pattern-out cross-validation (`npm run bench`, section intents). */
export const DEFAULT_CLASSIFIER: ClassifierOptions = { exampleWeight: 1, otherBias: 1, temperature: 0.25, askBackMargin: 0.3 };

export interface IntentRanking {
  /** Every intent with its confidence (summing to 1), most likely first. */
  ranked: { intent: IntentType; p: number }[];
  /** The two closest intents, when they are too close to choose between. */
  askBack: [IntentType, IntentType] | null;
}

/** Width and case folded, katakana as hiragana (アラート and あらーと meet), spaces kept single. */
export function foldForCues(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Character 1–3-grams of the folded text without spaces, counted. */
function grams(text: string): Map<string, number> {
  const t = text.replace(/ /g, '');
  const out = new Map<string, number>();
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= t.length; i++) out.set(t.slice(i, i + n), (out.get(t.slice(i, i + n)) ?? 0) + 1);
  return out;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const CUES = INTENT_TYPES.map((intent) => ({ intent, cues: INTENT_CUES[intent].map(([cue, w]) => [foldForCues(cue), w] as const) }));
const EXAMPLES = INTENT_EXAMPLES.map((e) => ({ intent: e.intent, grams: grams(foldForCues(e.text)) }));

/**
 * The model-free intent classifier: weighted evidence. Each intent adds up the weights of
 * its cues found in the request (intentCues.ts) and the similarity of its nearest example
 * (intentExamples.ts, character n-grams); `other` starts with a bias, so a request that
 * says little of anything is out of scope rather than a guess. A softmax turns the
 * evidence into confidences; when the top two are close, the caller asks back.
 */
export function rankIntents(text: string, o: ClassifierOptions = DEFAULT_CLASSIFIER): IntentRanking {
  const folded = foldForCues(text);
  const compact = folded.replace(/ /g, '');
  const g = grams(folded);
  const evidence = new Map<IntentType, number>(INTENT_TYPES.map((t) => [t, t === 'other' ? o.otherBias : 0]));
  for (const { intent, cues } of CUES) {
    let e = 0;
    // A cue with a space is an English phrase, matched on the spaced text; others on the text without spaces.
    for (const [cue, w] of cues) if ((cue.includes(' ') ? folded : compact).includes(cue)) e += w;
    evidence.set(intent, evidence.get(intent)! + e);
  }
  if (o.exampleWeight > 0) {
    const nearest = new Map<IntentType, number>();
    for (const ex of EXAMPLES) nearest.set(ex.intent, Math.max(nearest.get(ex.intent) ?? 0, cosine(g, ex.grams)));
    for (const [intent, sim] of nearest) evidence.set(intent, evidence.get(intent)! + o.exampleWeight * sim);
  }
  const max = Math.max(...evidence.values());
  const exp = INTENT_TYPES.map((intent) => ({ intent, e: Math.exp((evidence.get(intent)! - max) / o.temperature) }));
  const sum = exp.reduce((s, x) => s + x.e, 0);
  const ranked = exp.map((x) => ({ intent: x.intent, p: x.e / sum })).sort((a, b) => b.p - a.p);
  const [first, second] = ranked;
  const close = first!.intent !== 'other' && second!.intent !== 'other' && first!.p - second!.p < o.askBackMargin;
  return { ranked, askBack: close ? [first!.intent, second!.intent] : null };
}
