import { z } from 'zod';
import { INTENT_TYPES, type IntentType } from '../api/assistantTypes.js';
import { GenbaError, type Localized } from '../errors.js';

/** One labelled request: what a manager asked and what it means. `pattern` groups phrasings for cross-validation. */
export interface IntentCase {
  q: string;
  intent: IntentType;
  location: string | null;
  process: string | null;
  business_id: string | null;
  pattern: string | null;
}

const CASE = z
  .object({
    q: z.string().trim().min(1).max(2000),
    intent: z.enum(INTENT_TYPES),
    location: z.string().min(1).max(50).nullable().optional(),
    process: z.string().min(1).max(50).nullable().optional(),
    business_id: z.string().min(1).max(50).nullable().optional(),
    pattern: z.string().min(1).max(50).optional(),
  })
  .strict();

/**
 * Reads labelled requests, one JSON object a line (`{"q": …, "intent": …, "location"?: …,
 * "process"?: …, "business_id"?: …}`); blank lines are skipped. A bad line is refused with
 * its number and what is wrong, in both languages: an evaluation on half a file would
 * report a figure nobody measured.
 */
export function parseIntentCases(text: string): IntentCase[] {
  const cases: IntentCase[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw bad(i + 1, { ja: `JSON として読めません（${(error as Error).message}）`, en: `not JSON (${(error as Error).message})` });
    }
    const r = CASE.safeParse(raw);
    if (!r.success) {
      const what = r.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ');
      throw bad(i + 1, { ja: what, en: what });
    }
    const v = r.data;
    cases.push({
      q: v.q,
      intent: v.intent,
      location: v.location ?? null,
      process: v.process ?? null,
      business_id: v.business_id ?? null,
      pattern: v.pattern ?? null,
    });
  });
  if (cases.length === 0) throw new GenbaError('INVALID_INPUT', { ja: '評価する質問が1件もありません', en: 'The file holds no request to evaluate' });
  return cases;
}

function bad(line: number, why: Localized): GenbaError {
  return new GenbaError('INVALID_INPUT', { ja: `${line}行目が正しくありません: ${why.ja}`, en: `Line ${line} is not valid: ${why.en}` });
}
