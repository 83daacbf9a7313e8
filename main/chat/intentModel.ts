import { INTENT_TYPES, type Intent, type IntentType } from '../api/assistantTypes.js';
import type { JsonSchema } from '../ai/jsonSchema.js';
import type { LlmService } from '../ai/llmService.js';
import type { EntityResolver } from './entityResolver.js';

const nullable = (s: JsonSchema): JsonSchema => ({ oneOf: [s, { type: 'null' }] });

export const INTENT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    intent_type: { type: 'string', enum: INTENT_TYPES },
    location: nullable({ type: 'string', maxLength: 20 }),
    process: nullable({ type: 'string', maxLength: 20 }),
    business_id: nullable({ type: 'string', maxLength: 12 }),
    requires_action: { type: 'boolean' },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['intent_type', 'location', 'process', 'business_id', 'requires_action', 'confidence'],
  additionalProperties: false,
};

interface ModelIntent {
  intent_type: IntentType;
  location: string | null;
  process: string | null;
  business_id: string | null;
  requires_action: boolean;
  confidence: number;
}

function prompt(text: string, resolver: EntityResolver): string {
  const n = resolver.names;
  return [
    "Classify a site manager's request. Answer with JSON only.",
    `intent_type: one of ${INTENT_TYPES.join(', ')}.`,
    'deadline_optimization: a process is late and people should be moved. delay_risk_detection: which processes may be late.',
    `Sites: ${n.sites.slice(0, 40).join(', ')}. Processes: ${n.processes.slice(0, 40).join(', ')}. Business ids: ${n.businessIds.slice(0, 40).join(', ')}.`,
    'Use null when the request does not name one.',
    // The request is data, not instructions: fenced so that its text cannot pose as the task.
    '<request>',
    text.replace(/<\/?request>/gi, ''),
    '</request>',
  ].join('\n');
}

/**
 * The intent model (qwen2) under a JSON-schema grammar. Its entities are only kept when
 * they resolve to names in the master data; anything else counts as a failed validation
 * and the caller falls back to the rules.
 */
export async function intentFromModel(llm: LlmService, text: string, resolver: EntityResolver, rules: Intent, timeoutMs: number): Promise<Intent> {
  const out = await llm.json<ModelIntent>('intent', prompt(text, resolver), INTENT_SCHEMA, { timeoutMs });
  if (!INTENT_TYPES.includes(out.intent_type)) throw new Error(`unknown intent ${String(out.intent_type)}`);
  const site = out.location === null ? null : resolver.resolveSite(out.location);
  const process = out.process === null ? null : resolver.resolveProcess(out.process);
  if ((out.location !== null && site === null) || (out.process !== null && process === null)) {
    throw new Error(`entities not in the master data: ${out.location} / ${out.process}`);
  }
  const business = out.business_id !== null && resolver.names.businessIds.includes(out.business_id) ? out.business_id : null;
  return {
    intent_type: out.intent_type,
    // What the text itself names wins over the model's reading of it.
    entities: {
      location: rules.entities.location ?? site,
      process: rules.entities.process ?? process,
      business_id: rules.entities.business_id ?? business,
      time_range: rules.entities.time_range,
    },
    requires_action: out.requires_action,
    confidence: out.confidence,
    source: 'model',
  };
}
