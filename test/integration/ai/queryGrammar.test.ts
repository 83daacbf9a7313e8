import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grammarJsonSchema, grammarSchema } from '../../../main/ai/jsonSchema.js';
import { QUERY_SCHEMA } from '../../../main/chat/query/queryModel.js';
import { HAND_WRITTEN_QUERY_SCHEMA, MODEL_READING } from '../../fixtures/handWrittenQuerySchema.js';

/** A reading as the model writes it: every field, on the numbers' grid. */
const reading = { ...MODEL_READING, rank: { order: 'top', n: 3 } };

// node-llama-cpp builds (and checks) a grammar with llama.cpp's bindings alone: no model is loaded.
describe("node-llama-cpp's grammar from the query's derived JSON Schema (llama.cpp bindings, no model)", () => {
  let llama: Llama;
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.warn });
  });
  afterAll(async () => {
    await llama.dispose();
  });

  it('builds from the derived schema the very grammar the hand-written schema gave', async () => {
    const derived = await llama.createGrammarForJsonSchema(grammarSchema(grammarJsonSchema(QUERY_SCHEMA)) as never);
    const handWritten = await llama.createGrammarForJsonSchema(grammarSchema(HAND_WRITTEN_QUERY_SCHEMA) as never);
    expect(derived.grammar).toBe(handWritten.grammar);
    // Every operation, measure and time preset is an alternative of its own, null where the field may be null.
    for (const word of ['"\\"whatif\\""', '"\\"forecast_volume\\""', '"\\"day_after_tomorrow\\""', 'null-rule']) expect(derived.grammar).toContain(word);
  });

  it("lets through the model's readings, and none of a shape it must not write (node-llama-cpp's own check of the grammar's schema)", async () => {
    const grammar = await llama.createGrammarForJsonSchema(grammarSchema(grammarJsonSchema(QUERY_SCHEMA)) as never);
    const text = (v: unknown): string => JSON.stringify(v);
    expect(grammar.parse(text(reading))).toEqual(reading);
    expect(grammar.parse(text({ ...reading, measure: null, rank: null, time: null }))).toMatchObject({ measure: null, rank: null });
    // (Its check reads a string enum as any string: which strings the grammar lets through is the grammar's text, above.)
    for (const bad of [
      { ...reading, rank: { order: 'top', n: 11 } },
      { ...reading, rank: { order: 'top' } },
      { ...reading, confidence: 0.83 }, // off the grid of 21 steps
      { ...reading, site: '札幌' },
      { ...reading, measure: 3 },
      Object.fromEntries(Object.entries(reading).filter(([k]) => k !== 'service')),
    ])
      expect(() => grammar.parse(text(bad)), text(bad)).toThrow();
  });

  it("z.toJSONSchema's output as it comes would make a nullable field null only: why grammarJsonSchema rewrites it", async () => {
    const fields = z.object({ measure: QUERY_SCHEMA.shape.measure });
    const raw = await llama.createGrammarForJsonSchema(z.toJSONSchema(fields) as never);
    expect(() => raw.parse(JSON.stringify({ measure: 'remaining' }))).toThrow();
    const derived = await llama.createGrammarForJsonSchema(grammarSchema(grammarJsonSchema(fields)) as never);
    expect(derived.parse(JSON.stringify({ measure: 'remaining' }))).toEqual({ measure: 'remaining' });
    expect(derived.parse(JSON.stringify({ measure: null }))).toEqual({ measure: null });
  });
});
