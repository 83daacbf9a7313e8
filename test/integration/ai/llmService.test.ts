import { truncateSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmService, type LlmService, type LlmSettings } from '../../../main/ai/llmService.js';
import { z } from 'zod';
import { modelString } from '../../../main/ai/jsonSchema.js';
import { writeGguf } from '../../fixtures/models/ggufWriter.js';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { tempDir } from '../../helpers/tempDir.js';

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

const INTENT_TYPES = ['deadline_optimization', 'delay_risk_detection', 'simple_query', 'other'] as const;
const INTENT_SCHEMA = z.object({
  intent_type: z.enum(INTENT_TYPES),
  entities: z.object({ location: modelString(12), process: modelString(12) }),
  requires_action: z.boolean(),
  confidence: z.number().min(0).max(1),
});

describe('LLM service on generated GGUF models (real llama.cpp, CPU)', () => {
  const dir = tempDir();
  const qwen = join(dir.path, 'qwen2-tiny.gguf');
  const gemma = join(dir.path, 'gemma3-tiny.gguf');
  let settings: LlmSettings;
  let llm: LlmService;
  const progress: number[] = [];

  beforeAll(() => {
    writeModel(qwen, 'qwen2-tiny');
    writeModel(gemma, 'gemma3-tiny');
    settings = {
      models: { intent: qwen, answer: gemma },
      gpu: 'off',
      threads: 1,
      contextSize: 1024,
      idleUnloadMs: 60_000,
      requestTimeoutMs: 30_000,
      memoryBudgetBytes: null,
    };
    llm = createLlmService({ settings: () => settings, log: silentLog, lang: () => 'ja', onProgress: (_r, p) => progress.push(p) });
  });
  afterAll(async () => {
    await llm.dispose();
    dir.remove();
  });

  it('loads lazily with progress and chats, streaming the text', async () => {
    expect(llm.status().map((s) => s.state)).toEqual(['on_disk', 'on_disk']);
    const chunks: string[] = [];
    const out = await llm.generate('intent', '札幌のエントリ1工程が遅延しています', { maxTokens: 24, onChunk: (c) => chunks.push(c) });
    expect(out.tokens).toBeGreaterThan(0);
    expect(out.tokens).toBeLessThanOrEqual(24);
    expect(chunks.join('')).toBe(out.text);
    expect(out.firstTokenMs).not.toBeNull();
    expect(progress.at(-1)).toBe(1);
    expect(llm.status()[0]).toMatchObject({ state: 'loaded', architecture: 'qwen2' });
    expect((await llm.backend()).backend).toBe('cpu');
  });

  it('returns JSON that parses and conforms to the schema, 30 times out of 30', async () => {
    for (let i = 0; i < 30; i++) {
      const r = await llm.json('intent', `要求 ${i}: 札幌のエントリ1が遅れています`, INTENT_SCHEMA);
      expect(INTENT_TYPES).toContain(r.intent_type);
      const e = r.entities;
      expect(typeof e.location).toBe('string');
      expect([...e.location].length).toBeLessThanOrEqual(12);
      expect(typeof r.requires_action).toBe('boolean');
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('runs the gemma3 answer model with its own chat template', async () => {
    const r = await llm.json('answer', '説明してください', INTENT_SCHEMA);
    expect(INTENT_TYPES).toContain(r.intent_type);
    expect(llm.status()[1]).toMatchObject({ state: 'loaded', architecture: 'gemma3' });
  });

  it('queues two requests on one role: the second starts after the first ends', async () => {
    const events: string[] = [];
    const one = llm.generate('intent', 'one', { maxTokens: 16, onChunk: () => events.push('a') }).then((r) => {
      events.push('A-done');
      return r;
    });
    const two = llm.generate('intent', 'two', { maxTokens: 16, onChunk: () => events.push('b') }).then((r) => {
      events.push('B-done');
      return r;
    });
    await Promise.all([one, two]);
    const firstB = events.indexOf('b');
    expect(events.indexOf('A-done')).toBeLessThan(firstB === -1 ? events.indexOf('B-done') : firstB);
  });

  it('stops on abort and on timeout, and keeps working afterwards', async () => {
    const ac = new AbortController();
    await expect(llm.generate('intent', 'long', { maxTokens: 2000, onChunk: () => ac.abort(), signal: ac.signal })).rejects.toMatchObject({
      code: 'AI_CANCELLED',
    });
    await expect(llm.generate('intent', 'long', { maxTokens: 2000, timeoutMs: 1 })).rejects.toMatchObject({ code: 'AI_TIMEOUT' });
    expect((await llm.generate('intent', 'again', { maxTokens: 4 })).tokens).toBeGreaterThan(0);
  });

  it('unloads and reloads, disposes cleanly, and refuses any use after dispose', async () => {
    await llm.unload('answer');
    expect(llm.status()[1]?.state).toBe('on_disk');
    expect((await llm.generate('answer', 'reloaded', { maxTokens: 4 })).tokens).toBeGreaterThan(0);
    await llm.dispose();
    expect(llm.status().map((s) => s.state)).toEqual(['on_disk', 'on_disk']);
    for (const use of [() => llm.generate('intent', 'after dispose', { maxTokens: 4 }), () => llm.load('answer'), () => llm.backend()]) {
      await expect(use()).rejects.toMatchObject({ code: 'AI_DISPOSED' });
    }
    expect(llm.status().map((s) => s.state)).toEqual(['on_disk', 'on_disk']);
  });

  it('refuses a schema with an unbounded string', async () => {
    await expect(llm.json('intent', 'x', z.object({ free: z.string() }))).rejects.toMatchObject({ code: 'AI_SCHEMA_INVALID' });
  });

  describe('errors the manager can act on', () => {
    const attempt = async (path: string | null, patch: Partial<LlmSettings> = {}) => {
      const s = { ...settings, ...patch, models: { intent: path, answer: null } };
      const service = createLlmService({ settings: () => s, log: silentLog, lang: () => 'ja' });
      try {
        await service.generate('intent', 'x', { maxTokens: 2 });
        throw new Error('expected a failure');
      } catch (error) {
        return { error: error as { code: string; messageIn(l: 'ja' | 'en'): string }, status: service.status()[0]! };
      } finally {
        await service.dispose();
      }
    };

    it('names a missing file, a file that is not GGUF and a truncated one', async () => {
      expect((await attempt(join(dir.path, 'nope.gguf'))).error.code).toBe('AI_MODEL_MISSING');
      const text = join(dir.path, 'readme.gguf');
      writeFileSync(text, 'This is not a model.\n'.repeat(50));
      const notGguf = await attempt(text);
      expect(notGguf.error.code).toBe('AI_MODEL_CORRUPT');
      expect(notGguf.error.messageIn('ja')).toContain('GGUF 形式ではありません');
      const cut = join(dir.path, 'cut.gguf');
      copyFileSync(qwen, cut);
      truncateSync(cut, 100_000);
      const truncated = await attempt(cut);
      expect(truncated.error.code).toBe('AI_MODEL_CORRUPT');
      expect(truncated.status).toMatchObject({ state: 'error', error: { code: 'AI_MODEL_CORRUPT' } });
    });

    it('refuses an unsupported architecture', async () => {
      const odd = join(dir.path, 'mamba.gguf');
      writeGguf(odd, { 'general.architecture': { type: 'string', value: 'mamba' } }, []);
      const r = await attempt(odd);
      expect(r.error.code).toBe('AI_MODEL_UNSUPPORTED');
      expect(r.error.messageIn('en')).toContain('"mamba"');
    });

    it('refuses to load what does not fit in memory, before touching llama.cpp', async () => {
      const r = await attempt(qwen, { memoryBudgetBytes: 1024 * 1024 });
      expect(r.error.code).toBe('AI_OUT_OF_MEMORY');
      expect(r.error.messageIn('ja')).toContain('GB のメモリが必要');
    });

    it('says when no model is configured', async () => {
      expect((await attempt(null)).error.code).toBe('AI_NOT_CONFIGURED');
    });
  });
});
