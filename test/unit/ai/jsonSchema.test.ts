import { describe, expect, it } from 'vitest';
import { assertBoundedSchema, conformToSchema, grammarSchema, maxJsonBytes, type JsonSchema } from '../../../main/ai/jsonSchema.js';
import { QUERY_SCHEMA } from '../../../main/chat/query/queryModel.js';

const schema = {
  type: 'object',
  properties: {
    site: { type: 'string', maxLength: 4 },
    kind: { type: 'string', enum: ['a', 'b'] },
    people: { type: 'integer', minimum: 0, maximum: 10 },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    tags: { type: 'array', maxItems: 2, items: { type: 'string', maxLength: 3 } },
  },
  required: ['site', 'kind'],
} as const satisfies JsonSchema;

describe('JSON schema for grammar-constrained output', () => {
  it('requires every string, array and number to be bounded', () => {
    expect(() => assertBoundedSchema(schema)).not.toThrow();
    expect(() => assertBoundedSchema({ type: 'string' })).toThrow(/maxLength/);
    expect(() => assertBoundedSchema({ type: 'array', items: { type: 'boolean' } })).toThrow(/maxItems/);
    expect(() => assertBoundedSchema({ type: 'number', minimum: 0 })).toThrow(/maximum/);
  });

  it('gives the grammar the values a bounded number may take', () => {
    const g = grammarSchema(schema) as { properties: Record<string, { enum?: number[] }> };
    expect(g.properties.people!.enum).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(g.properties.confidence!.enum).toHaveLength(21);
    expect(g.properties.confidence!.enum!.at(-1)).toBe(1);
  });

  it('clamps numbers, cuts strings to their limit, and refuses what does not fit', () => {
    expect(conformToSchema({ site: '札幌市中央区', kind: 'a', people: 14.6, confidence: -3, tags: ['abcd'] }, schema)).toEqual({
      site: '札幌市中',
      kind: 'a',
      people: 10,
      confidence: 0,
      tags: ['abc'],
    });
    expect(() => conformToSchema({ site: 'x', kind: 'c' }, schema)).toThrow(/allowed values/);
    expect(() => conformToSchema({ kind: 'a' }, schema)).toThrow(/missing site/);
    expect(() => conformToSchema({ site: 'x', kind: 'a', extra: 1 }, schema)).toThrow(/unexpected extra/);
    expect(() => conformToSchema({ site: 'x', kind: 'a', tags: ['a', 'b', 'c'] }, schema)).toThrow(/too many/);
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
    for (const s of [schema, QUERY_SCHEMA] as JsonSchema[]) {
      const text = JSON.stringify(longest(s), null, 4) + '\n\n\n\n';
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxJsonBytes(s));
      // …and not wildly more: the limit stays within the context a small model has.
      expect(maxJsonBytes(s)).toBeLessThan(2 * Buffer.byteLength(text) + 200);
    }
  });
});
