import type { Entities, Intent } from '../api/assistantTypes.js';
import { normalizeText, type EntityResolver } from './entityResolver.js';
import { rankIntents } from './intentClassifier.js';

const HOUR = 3_600_000;

/** 今日 / 昨日 / 過去N時間 / last N hours, as a window ending now. */
export function parseTimeRange(text: string, now: number, dayStart: number): Entities['time_range'] {
  const t = normalizeText(text);
  const hours = /(?:過去|直近|ここ|last|past) ?(\d{1,3}) ?(?:時間|hours?)/.exec(t);
  if (hours) return { from: now - Number(hours[1]) * HOUR, to: now, label: `${hours[1]}h` };
  const minutes = /(?:過去|直近|ここ|last|past) ?(\d{1,4}) ?(?:分|minutes?|mins?)/.exec(t);
  if (minutes) return { from: now - Number(minutes[1]) * 60_000, to: now, label: `${minutes[1]}m` };
  if (/昨日|yesterday/.test(t)) return { from: dayStart - 24 * HOUR, to: dayStart, label: 'yesterday' };
  if (/今日|本日|today/.test(t)) return { from: dayStart, to: now, label: 'today' };
  return null;
}

/**
 * The fallback parser: runs when no intent model is installed or its output fails
 * validation. The intent is the classifier's (weighted evidence of cues and nearest
 * examples, intentClassifier.ts); its confidence is the classifier's, and when the top two
 * intents are close both are given, for the assistant to ask back.
 */
export function intentFromRules(text: string, resolver: EntityResolver, now: number, dayStart: number): Intent {
  const found = resolver.extract(text);
  const entities: Entities = {
    location: found.location,
    process: found.process,
    business_id: found.business_id,
    time_range: parseTimeRange(text, now, dayStart),
  };
  const { ranked, askBack } = rankIntents(text);
  const type = ranked[0]!.intent;
  return {
    intent_type: type,
    entities,
    requires_action: type === 'deadline_optimization',
    confidence: Math.round(ranked[0]!.p * 1000) / 1000,
    source: 'rules',
    ...(askBack ? { alternatives: askBack } : {}),
  };
}
