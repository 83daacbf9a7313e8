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
 * Every free string needs a maxLength, every array a maxItems and every number a range:
 * an unbounded value lets a small model ramble (a string, or digits) until the token
 * limit and the JSON never closes.
 */
export function assertBoundedSchema(schema: JsonSchema, path = '$'): void {
  if ('oneOf' in schema) return schema.oneOf.forEach((s, i) => assertBoundedSchema(s, `${path}|${i}`));
  if (schema.type === 'string' && !schema.enum && schema.maxLength === undefined) {
    throw aiError('AI_SCHEMA_INVALID', { ja: `JSON スキーマの文字列 ${path} に maxLength がありません。`, en: `JSON schema string ${path} has no maxLength.` });
  }
  if ((schema.type === 'number' || schema.type === 'integer') && (schema.minimum === undefined || schema.maximum === undefined)) {
    throw aiError('AI_SCHEMA_INVALID', {
      ja: `JSON スキーマの数値 ${path} に minimum と maximum がありません。`,
      en: `JSON schema number ${path} needs a minimum and a maximum.`,
    });
  }
  if (schema.type === 'array') {
    if (schema.maxItems === undefined)
      throw aiError('AI_SCHEMA_INVALID', { ja: `JSON スキーマの配列 ${path} に maxItems がありません。`, en: `JSON schema array ${path} has no maxItems.` });
    assertBoundedSchema(schema.items, `${path}[]`);
  }
  if (schema.type === 'object') for (const [k, v] of Object.entries(schema.properties)) assertBoundedSchema(v, `${path}.${k}`);
}

/**
 * The schema as the grammar sees it. A grammar cannot bound a number's digits, so a
 * bounded number becomes the list of values it may take: every integer of a small range,
 * otherwise 21 evenly spaced steps (enough for scores and shares).
 */
export function grammarSchema(schema: JsonSchema): unknown {
  if ('oneOf' in schema) return { oneOf: schema.oneOf.map(grammarSchema) };
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const lo = schema.minimum!;
      const hi = schema.maximum!;
      if (schema.type === 'integer' && hi - lo <= 200) return { enum: Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) };
      const steps = Array.from({ length: 21 }, (_, i) => lo + ((hi - lo) * i) / 20);
      return { enum: [...new Set(steps.map((v) => (schema.type === 'integer' ? Math.round(v) : Math.round(v * 1e4) / 1e4)))] };
    }
    case 'array':
      return { ...schema, items: grammarSchema(schema.items) };
    case 'object':
      return { ...schema, properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, grammarSchema(v)])) };
    default:
      return schema;
  }
}

/**
 * The most bytes the grammar for `schema` lets a model write, and so the token limit that can
 * never cut a constrained answer short (a token is at least one byte). A string character may
 * come as an escape (\\uXXXX, 6 bytes), and the grammar's length limit lets a few more through
 * than maxLength; the grammar's optional whitespace is a newline and 4 spaces per level; the
 * answer ends in 4 newlines. A small model fills every field to its limit, so a fixed limit
 * that fits a real model's answers cut its JSON short at random.
 */
export function maxJsonBytes(schema: JsonSchema, depth = 0): number {
  const space = 1 + 4 * (depth + 1);
  const bytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v));
  if ('oneOf' in schema) return Math.max(...schema.oneOf.map((s) => maxJsonBytes(s, depth)));
  switch (schema.type) {
    case 'string':
      return schema.enum ? Math.max(...schema.enum.map(bytes)) : 2 + (schema.maxLength! + 8) * 6;
    case 'number':
    case 'integer':
      return Math.max(...(grammarSchema(schema) as { enum: number[] }).enum.map(bytes));
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    case 'array':
      return 2 + space + schema.maxItems! * (maxJsonBytes(schema.items, depth + 1) + 1 + space);
    case 'object':
      return (
        2 +
        space +
        Object.entries(schema.properties).reduce((n, [k, v]) => n + bytes(k) + 2 + maxJsonBytes(v, depth + 1) + 1 + space, 0) +
        (depth === 0 ? 4 : 0)
      );
  }
}

/**
 * Brings grammar-constrained output fully in line with the schema. The grammar fixes the
 * structure; its length limit counts a little differently from characters, and numbers
 * come from a grid, so strings are cut to maxLength and numbers clamped into range.
 * Anything else that does not fit is an error (callers fall back to rules).
 */
export function conformToSchema(value: unknown, schema: JsonSchema, path = '$'): unknown {
  const fail = (why: string) =>
    aiError('AI_SCHEMA_INVALID', {
      ja: `モデルの出力がスキーマに合いません（${path}: ${why}）。`,
      en: `The model output does not fit the schema (${path}: ${why}).`,
    });
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
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return [...value].slice(0, schema.maxLength).join('');
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
