import type { Entities, Intent } from '../api/assistantTypes.js';
import { normalizeText, type EntityResolver } from './entityResolver.js';
import { rankIntents } from './intentClassifier.js';

const HOUR = 3_600_000;

/** 今日 / 昨日 / 先週 / 過去N時間 / 14時ごろから / last N hours / since 2pm: a window (most end now). */
export function parseTimeRange(text: string, now: number, dayStart: number): Entities['time_range'] {
  const t = normalizeText(text);
  const hours = /(?:過去|直近|ここ|last|past) ?(\d{1,3}) ?(?:時間|hours?)/.exec(t);
  if (hours) return { from: now - Number(hours[1]) * HOUR, to: now, label: `${hours[1]}h` };
  const minutes = /(?:過去|直近|ここ|last|past) ?(\d{1,4}) ?(?:分|minutes?|mins?)/.exec(t);
  if (minutes) return { from: now - Number(minutes[1]) * 60_000, to: now, label: `${minutes[1]}m` };
  // "14時ごろから", "14時以降", "since 2pm", "from 14:00": from that hour of today until now.
  const since = /(\d{1,2})(?:時|:00)(?:ごろ|頃|ころ)?(?:から|以降)|since (\d{1,2}) ?(am|pm)?|from (\d{1,2}):00/.exec(t);
  if (since) {
    let h = Number(since[1] ?? since[2] ?? since[4]);
    if (since[3] === 'pm' && h < 12) h += 12;
    if (h <= 23 && dayStart + h * HOUR < now) return { from: dayStart + h * HOUR, to: now, label: `since ${h}:00` };
  }
  // A day ahead: no engine has data for it; the assistant says so instead of answering for today.
  if (/明日|あした|あす(?:の|は)|tomorrow/.test(t)) return { from: dayStart + 24 * HOUR, to: dayStart + 48 * HOUR, label: 'tomorrow' };
  if (/昨日|きのう|yesterday/.test(t)) return { from: dayStart - 24 * HOUR, to: dayStart, label: 'yesterday' };
  if (/先週|せんしゅう|last week/.test(t)) return { from: dayStart - 7 * 24 * HOUR, to: now, label: 'week' };
  if (/今日|本日|today/.test(t)) return { from: dayStart, to: now, label: 'today' };
  return null;
}

/**
 * A time the work must be done by: 「17時に間に合わない」, 「17:30までに」, 「17時の締め」, "by 5pm", "miss 17:00".
 * Epoch ms of that time today, or null.
 */
export function parseByTime(text: string, dayStart: number): number | null {
  const t = normalizeText(text);
  const at = (h: number, min: number): number | null => (h > 23 || min > 59 ? null : dayStart + h * HOUR + min * 60_000);
  const ja = /(\d{1,2})(?::(\d{2})|時(半)?)(?:まで|に(?:間に合|間にあ|まにあ|終わ|おわ|完了)|の(?:納期|締め|しめ))/.exec(t);
  if (ja) return at(Number(ja[1]), ja[2] !== undefined ? Number(ja[2]) : ja[3] ? 30 : 0);
  // English needs a clock time ("5pm", "17:00"): "by 2 people" is not one.
  const en = /\b(?:by|miss|before) (\d{1,2})(?::(\d{2}))? ?(am|pm)?\b/.exec(t);
  if (!en || (en[2] === undefined && en[3] === undefined)) return null;
  const h = Number(en[1]);
  return at(en[3] === 'pm' && h < 12 ? h + 12 : h, en[2] !== undefined ? Number(en[2]) : 0);
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
