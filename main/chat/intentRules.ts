import type { Entities, Intent, IntentType } from '../api/assistantTypes.js';
import { hashedNgramEmbedder } from '../logs/templateEmbedder.js';
import { normalizeText, type EntityResolver } from './entityResolver.js';

const HOUR = 3_600_000;

/** Keyword rules, most specific first; the first that matches decides. */
const RULES: { type: IntentType; pattern: RegExp; action: boolean }[] = [
  { type: 'log_investigation', pattern: /ログ|エラー|例外|障害|タイムアウト|ocr|ワーカー|\blogs?\b|error|exception|timeout|stack ?trace|crash/, action: false },
  { type: 'alert_improvement', pattern: /アラート|通知|しきい値|閾値|誤報|alert|notification|threshold|false alarm/, action: false },
  { type: 'knowledge_query', pattern: /ノウハウ|ルール|基準|方針|マニュアル|手順|know-?how|\brules?\b|polic(y|ies)|guideline|procedure/, action: false },
  { type: 'impact_analysis', pattern: /影響|もし|したら|した場合|減らすと|増やすと|what if|impact|effect of|if we (move|add|remove)/, action: false },
  {
    type: 'delay_risk_detection',
    pattern:
      /(遅延|遅れ|間に合).*(リスク|危な|可能性|しそう|どこ|拠点は|ある拠点|工程は)|リスク|at risk|which (sites?|processes?)|(will|might|could) (be )?(late|miss)/,
    action: false,
  },
  {
    type: 'deadline_optimization',
    pattern:
      /遅延|遅れ|間に合|納期|増員|応援|人員|移動|配置|人が足り|不足|助けて|手伝|やばい|まずい|ピンチ|delay|\blate\b|behind|deadline|reassign|move (people|staff|operators)|more (people|staff)|short(-|\s)?handed|need help/,
    action: true,
  },
  { type: 'productivity_analysis', pattern: /生産性|効率|速度|スピード|処理量|ペース|productivity|throughput|speed|pace|per (hour|minute)/, action: false },
  { type: 'simple_query', pattern: /何件|残り|状況|進捗|教えて|どうなって|how many|status|progress|remaining|left|show me/, action: false },
];

/** Examples for requests no keyword catches: the nearest by character n-grams decides, with low confidence. */
const EXAMPLES: { type: IntentType; text: string }[] = [
  { type: 'deadline_optimization', text: '札幌のエントリ1が終わりそうにない 人を回してほしい' },
  { type: 'deadline_optimization', text: 'we will not finish entry 1 in time, send operators' },
  { type: 'delay_risk_detection', text: '今日危ない工程はどれ' },
  { type: 'productivity_analysis', text: '今日のオペレータの処理件数はどう' },
  { type: 'simple_query', text: '札幌の今の数字は' },
  { type: 'log_investigation', text: 'システムがおかしい 何が起きている' },
  { type: 'knowledge_query', text: 'ベテランの判断のしかたを知りたい' },
  { type: 'other', text: 'こんにちは ありがとう' },
  { type: 'other', text: 'hello thanks' },
];

const embedder = hashedNgramEmbedder();
let exampleVectors: Promise<Float32Array[]> | null = null;
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** 今日 / 昨日 / 過去N時間 / last N hours, as a window ending now. */
export function parseTimeRange(text: string, now: number, dayStart: number): Entities['time_range'] {
  const t = normalizeText(text);
  const hours = /(?:過去|直近|ここ|last|past)(\d{1,3})(?:時間|hours?)/.exec(t);
  if (hours) return { from: now - Number(hours[1]) * HOUR, to: now, label: `${hours[1]}h` };
  const minutes = /(?:過去|直近|ここ|last|past)(\d{1,4})(?:分|minutes?|mins?)/.exec(t);
  if (minutes) return { from: now - Number(minutes[1]) * 60_000, to: now, label: `${minutes[1]}m` };
  if (/昨日|yesterday/.test(t)) return { from: dayStart - 24 * HOUR, to: dayStart, label: 'yesterday' };
  if (/今日|本日|today/.test(t)) return { from: dayStart, to: now, label: 'today' };
  return null;
}

/**
 * The fallback parser: runs when no intent model is installed or its output fails
 * validation. Keyword rules in Japanese and English, then n-gram similarity to examples.
 */
export async function intentFromRules(text: string, resolver: EntityResolver, now: number, dayStart: number): Promise<Intent> {
  // Rules read the text with its spaces (English phrases); the examples compare folded text.
  const plain = text.normalize('NFKC').toLowerCase();
  const t = normalizeText(text);
  const found = resolver.extract(text);
  const entities: Entities = {
    location: found.location,
    process: found.process,
    business_id: found.business_id,
    time_range: parseTimeRange(text, now, dayStart),
  };
  const rule = RULES.find((r) => r.pattern.test(plain));
  if (rule) return { intent_type: rule.type, entities, requires_action: rule.action, confidence: 0.7, source: 'rules' };
  exampleVectors ??= embedder.embed(
    EXAMPLES.map((e) => normalizeText(e.text)),
    'passage',
  );
  const [q] = await embedder.embed([t], 'query');
  const vectors = await exampleVectors;
  let best = 0;
  let bestScore = -1;
  vectors.forEach((v, i) => {
    const s = dot(q!, v);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  const type = bestScore >= 0.2 ? EXAMPLES[best]!.type : 'other';
  return {
    intent_type: type,
    entities,
    requires_action: type === 'deadline_optimization',
    confidence: Math.max(0.1, Math.min(0.5, bestScore)),
    source: 'rules',
  };
}
