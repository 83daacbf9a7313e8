import { aiError } from './aiError.js';

export type JsonSchema =
  | { type: 'string'; maxLength?: number; enum?: readonly string[]; description?: string }
  | { type: 'number' | 'integer'; minimum?: number; maximum?: number; description?: string }
  | { type: 'boolean'; description?: string }
  | { type: 'null' }
  | { type: 'array'; items: JsonSchema; maxItems?: number; description?: string }
  | { type: 'object'; properties: Record<string, JsonSchema>; required?: readonly string[]; additionalProperties?: false; description?: string }
  | { oneOf: readonly JsonSchema[] };

/**
 * Every free string needs a maxLength and every array a maxItems: an unbounded string
 * lets a small model ramble until the token limit and the JSON never closes.
 */
export function assertBoundedSchema(schema: JsonSchema, path = '$'): void {
  if ('oneOf' in schema) return schema.oneOf.forEach((s, i) => assertBoundedSchema(s, `${path}|${i}`));
  if (schema.type === 'string' && !schema.enum && schema.maxLength === undefined) {
    throw aiError('AI_SCHEMA_INVALID', `JSON スキーマの文字列 ${path} に maxLength がありません。`, `JSON schema string ${path} has no maxLength.`);
  }
  if (schema.type === 'array') {
    if (schema.maxItems === undefined) throw aiError('AI_SCHEMA_INVALID', `JSON スキーマの配列 ${path} に maxItems がありません。`, `JSON schema array ${path} has no maxItems.`);
    assertBoundedSchema(schema.items, `${path}[]`);
  }
  if (schema.type === 'object') for (const [k, v] of Object.entries(schema.properties)) assertBoundedSchema(v, `${path}.${k}`);
}

/**
 * Brings grammar-constrained output fully in line with the schema. The grammar fixes the
 * structure and string lengths but cannot express numeric ranges, so numbers are clamped
 * into [minimum, maximum]; anything else that does not fit is an error (callers fall back
 * to rules).
 */
export function conformToSchema(value: unknown, schema: JsonSchema, path = '$'): unknown {
  const fail = (why: string) => aiError('AI_SCHEMA_INVALID', `モデルの出力がスキーマに合いません（${path}: ${why}）。`, `The model output does not fit the schema (${path}: ${why}).`);
  if ('oneOf' in schema) {
    for (const s of schema.oneOf) {
      try {
        return conformToSchema(value, s, path);
      } catch {
        // try the next alternative
      }
    }
    throw fail('no alternative matches');
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') throw fail('not a string');
      if (schema.enum && !schema.enum.includes(value)) throw fail('not one of the allowed values');
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) throw fail('too long');
      return value;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('not a number');
      let n = schema.type === 'integer' ? Math.round(value) : value;
      if (schema.minimum !== undefined) n = Math.max(schema.minimum, n);
      if (schema.maximum !== undefined) n = Math.min(schema.maximum, n);
      return n;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('not a boolean');
      return value;
    case 'null':
      if (value !== null) throw fail('not null');
      return null;
    case 'array':
      if (!Array.isArray(value)) throw fail('not an array');
      if (schema.maxItems !== undefined && value.length > schema.maxItems) throw fail('too many items');
      return value.map((v, i) => conformToSchema(v, schema.items, `${path}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('not an object');
      const out: Record<string, unknown> = {};
      const obj = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in obj)) throw fail(`missing ${key}`);
      for (const [k, v] of Object.entries(obj)) {
        const sub = schema.properties[k];
        if (!sub) throw fail(`unexpected ${k}`);
        out[k] = conformToSchema(v, sub, `${path}.${k}`);
      }
      return out;
    }
  }
}
