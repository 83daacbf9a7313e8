import { INTENT_TYPES, type IntentType } from '../api/assistantTypes.js';
import type { IntentCase } from './intentCases.js';

/** What a parser said about one request. */
export interface IntentGuess {
  intent: IntentType;
  location: string | null;
  process: string | null;
  business_id: string | null;
}

export interface IntentScore {
  n: number;
  /** Share of requests whose intent is right. */
  accuracy: number;
  /** Share of requests whose site, process and business are all right (none named: none expected). */
  entityAccuracy: number;
  entities: { location: number; process: number; business_id: number };
  perIntent: { intent: IntentType; n: number; precision: number; recall: number }[];
  /** confusion[truth][guess]: how many requests of one intent were read as each. */
  confusion: Record<IntentType, Record<IntentType, number>>;
  /** The requests read wrong, for people to look at. */
  misses: { q: string; intent: IntentType; guess: IntentType }[];
}

/** Accuracy, per-intent precision and recall, the confusion matrix and entity accuracy of guesses against labels. */
export function scoreIntents(cases: readonly IntentCase[], guesses: readonly IntentGuess[]): IntentScore {
  const confusion = Object.fromEntries(INTENT_TYPES.map((t) => [t, Object.fromEntries(INTENT_TYPES.map((u) => [u, 0]))])) as IntentScore['confusion'];
  let right = 0;
  let allEntities = 0;
  const entities = { location: 0, process: 0, business_id: 0 };
  const misses: IntentScore['misses'] = [];
  cases.forEach((c, i) => {
    const g = guesses[i]!;
    confusion[c.intent][g.intent]++;
    if (g.intent === c.intent) right++;
    else misses.push({ q: c.q, intent: c.intent, guess: g.intent });
    let all = true;
    for (const k of ['location', 'process', 'business_id'] as const) {
      if (g[k] === c[k]) entities[k]++;
      else all = false;
    }
    if (all) allEntities++;
  });
  const n = cases.length;
  const perIntent = INTENT_TYPES.map((t) => {
    const truth = INTENT_TYPES.reduce((s, u) => s + confusion[t][u], 0);
    const said = INTENT_TYPES.reduce((s, u) => s + confusion[u][t], 0);
    return { intent: t, n: truth, precision: said === 0 ? 0 : confusion[t][t] / said, recall: truth === 0 ? 0 : confusion[t][t] / truth };
  }).filter((x) => x.n > 0);
  return {
    n,
    accuracy: right / n,
    entityAccuracy: allEntities / n,
    entities: { location: entities.location / n, process: entities.process / n, business_id: entities.business_id / n },
    perIntent,
    confusion,
    misses,
  };
}
