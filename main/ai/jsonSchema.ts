import { z } from 'zod';
import { aiError } from './aiError.js';

/**
 * The part of JSON Schema that node-llama-cpp's `createGrammarForJsonSchema` reads (its
 * `GbnfJsonSchema`) and that Genba writes: what `grammarJsonSchema` derives from a zod schema.
 */
export type JsonSchema =
  | { type: 'string'; maxLength?: number; enum?: readonly string[]; description?: string }
  | { type: 'number' | 'integer'; minimum?: number; maximum?: number; description?: string }
  | { type: 'boolean'; description?: string }
  | { type: 'null' }
  | { type: 'array'; items: JsonSchema; maxItems?: number; description?: string }
  | { type: 'object'; properties: Record<string, JsonSchema>; required?: readonly string[]; additionalProperties?: false; description?: string }
  | { oneOf: readonly JsonSchema[] };

/**
 * A string a model writes, of at most `max` characters. The grammar counts a string's length a
 * little differently from characters (it lets 15 through a maxLength of 12), so the string is cut
 * to `max` (whole characters, at most `max` UTF-16 units as zod counts) before the check; the
 * JSON Schema, and so the grammar, still says maxLength `max`.
 */
export function modelString(max: number): z.ZodString {
  return z
    .string()
    .overwrite((s) => {
      let out = '';
      for (const ch of s) {
        if (out.length + ch.length > max) break;
        out += ch;
      }
      return out;
    })
    .max(max);
}

/**
 * A number a model writes, from `min` to `max` (a whole one with `int`). The grammar offers only
 * a grid of values in range (`grammarSchema`); a value from elsewhere is rounded and clamped into
 * range before the check, as the hand-written validator this replaced did.
 */
export function modelNumber(min: number, max: number, o: { int?: boolean } = {}): z.ZodNumber {
  const n = z.number().overwrite((v) => Math.min(max, Math.max(min, o.int ? Math.round(v) : v)));
  return (o.int ? n.int() : n).min(min).max(max);
}

/** What each type may hold in the grammar's subset; z.toJSONSchema writing anything else is refused, not passed on. */
const KEYS: Record<string, readonly string[]> = {
  string: ['type', 'maxLength', 'enum', 'description'],
  number: ['type', 'minimum', 'maximum', 'description'],
  integer: ['type', 'minimum', 'maximum', 'description'],
  boolean: ['type', 'description'],
  null: ['type'],
  array: ['type', 'items', 'maxItems', 'description'],
  object: ['type', 'properties', 'required', 'additionalProperties', 'description'],
};

/**
 * A zod schema's JSON Schema as node-llama-cpp's grammar reads it: `z.toJSONSchema`, with the
 * one thing the grammar reads differently rewritten. z.toJSONSchema writes a nullable or a union
 * as `anyOf`, which node-llama-cpp does not know: it reads a schema it does not know as `null`
 * without a word (a nullable measure could only ever be written as null). The grammar's
 * `oneOf` is its "any one of these", which is what the union means. The top-level `$schema` is dropped.
 * Anything else outside the subset (`const`, `pattern`, `format`, `$ref`, an
 * `additionalProperties` schema…) throws AI_SCHEMA_INVALID rather than build a grammar that
 * means something else.
 */
export function grammarJsonSchema(schema: z.ZodType): JsonSchema {
  const refuse = (path: string, what: string) =>
    aiError('AI_SCHEMA_INVALID', {
      ja: `JSON スキーマの ${path} の ${what} は文法にできません。`,
      en: `JSON schema ${path}: ${what} cannot be made a grammar.`,
    });
  const subset = (node: Record<string, unknown>, path: string): JsonSchema => {
    const alternatives = node.anyOf ?? node.oneOf;
    if (Array.isArray(alternatives)) {
      const extra = Object.keys(node).filter((k) => k !== 'anyOf' && k !== 'oneOf');
      if (extra.length > 0) throw refuse(path, extra.join(', '));
      return { oneOf: alternatives.map((a: Record<string, unknown>, i) => subset(a, `${path}|${i}`)) };
    }
    const allowed = KEYS[String(node.type)];
    if (!allowed) throw refuse(path, `type ${JSON.stringify(node.type)}`);
    const extra = Object.keys(node).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw refuse(path, extra.join(', '));
    if ('additionalProperties' in node && node.additionalProperties !== false) throw refuse(path, 'additionalProperties');
    if (node.type === 'array') return { ...node, items: subset(node.items as Record<string, unknown>, `${path}[]`) } as JsonSchema;
    if (node.type === 'object') {
      const properties = Object.entries(node.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, subset(v, `${path}.${k}`)]);
      return { ...node, properties: Object.fromEntries(properties) } as JsonSchema;
    }
    return node as JsonSchema;
  };
  const { $schema: _, ...root } = z.toJSONSchema(schema) as Record<string, unknown>;
  return subset(root, '$');
}

/**
 * A model's output read with its zod schema (strings cut to their limit by `modelString`).
 * Anything that does not fit is AI_SCHEMA_INVALID, naming where and why (callers fall back to
 * the rules).
 */
export function parseModelOutput<S extends z.ZodType>(value: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .map((i) => `${i.path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), '$')}: ${i.message}`)
    .join('; ');
  throw aiError('AI_SCHEMA_INVALID', { ja: `モデルの出力がスキーマに合いません（${where}）。`, en: `The model output does not fit the schema (${where}).` });
}

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
      // Rounded onto the grid, and kept in range: the output is checked against minimum and maximum.
      const onGrid = (v: number): number => Math.min(hi, Math.max(lo, schema.type === 'integer' ? Math.round(v) : Math.round(v * 1e4) / 1e4));
      return { enum: [...new Set(steps.map(onGrid))] };
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
