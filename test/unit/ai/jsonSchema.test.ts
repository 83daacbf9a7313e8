import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  assertBoundedSchema,
  grammarJsonSchema,
  grammarSchema,
  maxJsonBytes,
  modelNumber,
  modelString,
  parseModelOutput,
  type JsonSchema,
} from '../../../main/ai/jsonSchema.js';
import { QUERY_SCHEMA } from '../../../main/chat/query/queryModel.js';
import { HAND_WRITTEN_QUERY_SCHEMA, MODEL_READING } from '../../fixtures/handWrittenQuerySchema.js';

const schema = z.object({
  site: modelString(4),
  kind: z.enum(['a', 'b']),
  people: modelNumber(0, 10, { int: true }).optional(),
  confidence: modelNumber(0, 1).optional(),
  tags: z.array(modelString(3)).max(2).optional(),
});

/** A reading as the model writes it; each example below changes one thing. */
const reading = MODEL_READING;

describe('JSON schema for grammar-constrained output, derived from zod', () => {
  it("derives the intent model's grammar schema from its zod schema: the one it replaces, unchanged", () => {
    expect(grammarJsonSchema(QUERY_SCHEMA)).toEqual(HAND_WRITTEN_QUERY_SCHEMA);
    expect(grammarSchema(grammarJsonSchema(QUERY_SCHEMA))).toEqual(grammarSchema(HAND_WRITTEN_QUERY_SCHEMA));
  });

  it("rewrites z.toJSONSchema's anyOf (which node-llama-cpp reads as null) as oneOf, and drops $schema", () => {
    const raw = z.toJSONSchema(z.object({ m: z.enum(['x']).nullable() }));
    expect(raw).toHaveProperty('$schema');
    expect(raw).toHaveProperty('properties.m.anyOf');
    expect(grammarJsonSchema(z.object({ m: z.enum(['x']).nullable() }))).toEqual({
      type: 'object',
      properties: { m: { oneOf: [{ type: 'string', enum: ['x'] }, { type: 'null' }] } },
      required: ['m'],
      additionalProperties: false,
    });
  });

  it('refuses what the grammar cannot say, instead of building a grammar that means something else', () => {
    expect(() => grammarJsonSchema(z.object({ k: z.literal('x') }))).toThrow(/\$\.k: const/);
    expect(() => grammarJsonSchema(z.object({ k: z.string().regex(/^a/) }))).toThrow(/\$\.k: pattern/);
    expect(() => grammarJsonSchema(z.record(z.string(), z.boolean()))).toThrow(/additionalProperties|propertyNames/);
    expect(() => grammarJsonSchema(z.object({ k: z.string().max(3) }).loose())).toThrow(/additionalProperties/);
  });

  it('requires every string, array and number to be bounded', () => {
    expect(() => assertBoundedSchema(grammarJsonSchema(schema))).not.toThrow();
    expect(() => assertBoundedSchema(grammarJsonSchema(QUERY_SCHEMA))).not.toThrow();
    expect(() => assertBoundedSchema(grammarJsonSchema(z.string()))).toThrow(/maxLength/);
    expect(() => assertBoundedSchema(grammarJsonSchema(z.array(z.boolean())))).toThrow(/maxItems/);
    expect(() => assertBoundedSchema(grammarJsonSchema(z.number().min(0)))).toThrow(/maximum/);
  });

  it('gives the grammar the values a bounded number may take', () => {
    const g = grammarSchema(grammarJsonSchema(schema)) as { properties: Record<string, { enum?: number[] }> };
    expect(g.properties.people!.enum).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(g.properties.confidence!.enum).toHaveLength(21);
    expect(g.properties.confidence!.enum!.at(-1)).toBe(1);
  });

  it('clamps numbers, cuts strings to their limit, and refuses what does not fit, saying where and why', () => {
    expect(parseModelOutput({ site: '札幌市中央区', kind: 'a', people: 14.6, confidence: -3, tags: ['abcd'] }, schema)).toEqual({
      site: '札幌市中',
      kind: 'a',
      people: 10,
      confidence: 0,
      tags: ['abc'],
    });
    // A character outside the BMP is two UTF-16 units: it is cut whole, never split.
    expect(parseModelOutput({ site: 'ab😀😀', kind: 'b' }, schema)).toEqual({ site: 'ab😀', kind: 'b' });
    expect(() => parseModelOutput({ site: 'x', kind: 'c' }, schema)).toThrow(/does not fit the schema \(\$\.kind: Invalid option/);
    expect(() => parseModelOutput({ kind: 'a' }, schema)).toThrow(/\$\.site: Invalid input: expected string/);
    expect(() => parseModelOutput({ site: 'x', kind: 'a', tags: ['a', 'b', 'c'] }, schema)).toThrow(/\$\.tags: Too big/);
    expect(() => parseModelOutput({ site: 'x', kind: 'a', tags: ['a', 7] }, schema)).toThrow(/\$\.tags\[1\]: Invalid input/);
    expect(() => parseModelOutput({ site: 'x', kind: 'a' }, schema)).not.toThrow();
  });

  it("accepts and refuses the intent model's readings as the hand-written validator did", () => {
    const fits = (v: unknown): boolean => {
      try {
        parseModelOutput(v, QUERY_SCHEMA);
        return true;
      } catch (error) {
        expect(error).toMatchObject({ code: 'AI_SCHEMA_INVALID' });
        return false;
      }
    };
    const accepted = [
      reading,
      { ...reading, measure: null, time: null, op: 'status' },
      { ...reading, rank: { order: 'bottom', n: 3 }, by: 'site' },
      { ...reading, site: ['札幌', '盛岡', '品川'], operator: ['高山 麻由子'] },
    ];
    const refused = [
      { ...reading, op: 'guess' }, // not an operation
      { ...reading, measure: 'weather' }, // not a measure
      { ...reading, time: 'last_3h' }, // a pattern, not a named preset
      { ...reading, site: ['a', 'b', 'c', 'd'] }, // more than three names
      { ...reading, site: '札幌' }, // not a list
      { ...reading, rank: { order: 'top' } }, // rank without n
      { ...reading, rank: { order: 'top', n: 2, extra: 1 } }, // a key the schema does not have
      { ...reading, by: 'week' }, // not a dimension
      { ...reading, confidence: '0.5' }, // not a number
      { ...reading, extra: true }, // a key the schema does not have
      Object.fromEntries(Object.entries(reading).filter(([k]) => k !== 'service')), // a field left out
      null,
      [reading],
    ];
    for (const v of accepted) expect(fits(v), JSON.stringify(v)).toBe(true);
    for (const v of refused) expect(fits(v), JSON.stringify(v)).toBe(false);
    // Brought within the schema as before: names cut to 20 characters, numbers rounded and clamped.
    expect(parseModelOutput({ ...reading, site: ['あ'.repeat(25)], rank: { order: 'top', n: 12.4 }, confidence: 1.5 }, QUERY_SCHEMA)).toMatchObject({
      site: ['あ'.repeat(20)],
      rank: { order: 'top', n: 10 },
      confidence: 1,
    });
  });

  it('bounds the bytes a constrained answer may take: the longest value the grammar allows, written out with escapes and indentation, fits', () => {
    // The longest value: every string at its limit plus the grammar's slack, each character an escape; arrays full; the largest numbers.
    const longest = (s: JsonSchema): unknown => {
      if ('oneOf' in s) return s.oneOf.map(longest).sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
      if (s.type === 'string') return s.enum ? [...s.enum].sort((a, b) => b.length - a.length)[0] : '\u0001'.repeat(s.maxLength! + 8);
      if (s.type === 'number' || s.type === 'integer')
        return (grammarSchema(s) as { enum: number[] }).enum.sort((a, b) => String(b).length - String(a).length)[0];
      if (s.type === 'array') return Array.from({ length: s.maxItems! }, () => longest(s.items));
      if (s.type === 'object') return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, longest(v)]));
      return s.type === 'boolean' ? false : null;
    };
    for (const s of [grammarJsonSchema(schema), grammarJsonSchema(QUERY_SCHEMA)]) {
      const text = JSON.stringify(longest(s), null, 4) + '\n\n\n\n';
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxJsonBytes(s));
      // …and not wildly more: the limit stays within the context a small model has.
      expect(maxJsonBytes(s)).toBeLessThan(2 * Buffer.byteLength(text) + 200);
    }
  });
});
