import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENT_TYPES } from '../../main/api/assistantTypes.js';
import { createEntityResolver } from '../../main/chat/entityResolver.js';
import { parseIntentCases, type IntentCase } from '../../main/chat/intentCases.js';
import { DEFAULT_CLASSIFIER, rankIntents, type ClassifierOptions } from '../../main/chat/intentClassifier.js';
import { scoreIntents } from '../../main/chat/intentEval.js';
import { intentFromRules } from '../../main/chat/intentRules.js';
import { DEMO_MASTER_NAMES } from '../../main/sync/demo/demoDefinition.js';
import { DEMO_BUSINESS_ALIASES, demoReadings } from '../helpers/demoBusinessAliases.js';

type Record = (name: string, value: string) => void;

/** The development set: requests written as managers put them, labelled, grouped by phrasing pattern. */
export const INTENT_DEV_SET = join(import.meta.dirname, '..', 'fixtures', 'intents', 'dev.jsonl');

/**
 * The candidates: every setting of the classifier's two weights on a grid. Equal accuracy
 * goes to the larger `otherBias` (listed first), so that thin evidence reads as out of scope.
 */
function grid(): ClassifierOptions[] {
  const out: ClassifierOptions[] = [];
  for (const otherBias of [2, 1.5, 1, 0.5, 0.25, 0])
    for (const exampleWeight of [0, 1, 2, 4, 6, 8]) out.push({ ...DEFAULT_CLASSIFIER, exampleWeight, otherBias });
  return out;
}

/**
 * Intent accuracy of the model-free classifier, in-sample and by leave-one-phrasing-pattern-out
 * cross-validation: for each pattern (keigo, kana, typos, English, …) the setting best on
 * the others is chosen and scored on it. Also the shipped setting's entity accuracy and
 * confusion, on the demo company's names.
 */
export async function intentAccuracyBench(record: Record): Promise<void> {
  const cases = parseIntentCases(readFileSync(INTENT_DEV_SET, 'utf8'));
  const settings = grid();
  const right = settings.map((o) => cases.map((c) => rankIntents(c.q, o).ranked[0]!.intent === c.intent));
  const accuracy = (k: number, which: (c: IntentCase) => boolean): number => {
    const idx = cases.map((c, i) => (which(c) ? i : -1)).filter((i) => i >= 0);
    return idx.filter((i) => right[k]![i]).length / idx.length;
  };
  const best = (which: (c: IntentCase) => boolean): number => settings.reduce((b, _, k) => (accuracy(k, which) > accuracy(b, which) ? k : b), 0);
  const patterns = [...new Set(cases.map((c) => c.pattern ?? 'none'))];
  let held = 0;
  const perPattern: string[] = [];
  for (const p of patterns) {
    const k = best((c) => (c.pattern ?? 'none') !== p);
    const a = accuracy(k, (c) => (c.pattern ?? 'none') === p);
    held += a * cases.filter((c) => (c.pattern ?? 'none') === p).length;
    perPattern.push(`${p} ${a.toFixed(2)}`);
  }
  const shipped = settings.findIndex((o) => o.exampleWeight === DEFAULT_CLASSIFIER.exampleWeight && o.otherBias === DEFAULT_CLASSIFIER.otherBias);
  const chosen = settings[best(() => true)]!;
  record('intents: development set', `${cases.length} requests, ${patterns.length} phrasing patterns, ${settings.length} settings on the grid`);
  record(
    'intents: accuracy in-sample (shipped setting)',
    `${accuracy(shipped, () => true).toFixed(3)} (best on all: exampleWeight ${chosen.exampleWeight}, otherBias ${chosen.otherBias})`,
  );
  record('intents: accuracy, leave one phrasing pattern out', `${(held / cases.length).toFixed(3)} (${perPattern.join(', ')})`);

  const resolver = createEntityResolver({ ...DEMO_MASTER_NAMES }, DEMO_BUSINESS_ALIASES, await demoReadings());
  const now = Date.parse('2025-10-23T15:40:00+09:00');
  const t0 = performance.now();
  const intents = cases.map((c) => intentFromRules(c.q, resolver, now, now - 15 * 3_600_000));
  const perRequest = (performance.now() - t0) / cases.length;
  const s = scoreIntents(
    cases,
    intents.map((i) => ({ intent: i.intent_type, location: i.entities.location, process: i.entities.process, business_id: i.entities.business_id })),
  );
  record(
    'intents: entity accuracy (site, process, business all right)',
    `${s.entityAccuracy.toFixed(3)} (site ${s.entities.location.toFixed(3)}, process ${s.entities.process.toFixed(3)}, business ${s.entities.business_id.toFixed(3)})`,
  );
  record('intents: asked back (two intents close)', `${intents.filter((i) => i.alternatives).length} of ${cases.length}`);
  record('intents: time per request (rules)', `${(perRequest * 1000).toFixed(0)} µs`);
  const present = INTENT_TYPES.filter((t) => s.perIntent.some((p) => p.intent === t));
  record('intents: confusion (rows truth, columns guess)', present.map((t) => t.split('_')[0]!.slice(0, 6)).join(' '));
  for (const t of present) record(`  ${t}`, present.map((u) => String(s.confusion[t][u]).padStart(6)).join(' '));
}
