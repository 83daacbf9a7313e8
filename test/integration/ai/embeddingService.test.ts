import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddingService, type EmbeddingSettings } from '../../../main/ai/embeddingService.js';
import { writeBertModel } from '../../fixtures/models/onnxBert.js';
import { tempDir } from '../../helpers/tempDir.js';

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };
const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('embedding service on a generated ONNX model (transformers.js in a worker)', () => {
  const dir = tempDir();
  const modelDir = join(dir.path, 'test-e5-tiny');
  const services: ReturnType<typeof createEmbeddingService>[] = [];
  const service = (s: Partial<EmbeddingSettings> = {}) => {
    const settings: EmbeddingSettings = { modelDir, prefix: 'auto', batchSize: 16, threads: 1, ...s };
    const svc = createEmbeddingService({ settings: () => settings, log: silentLog });
    services.push(svc);
    return svc;
  };

  beforeAll(() => {
    writeBertModel(modelDir, 'tiny');
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.dispose()));
    dir.remove();
  });

  it('embeds off the main thread into normalized vectors, in order, across batches', async () => {
    const svc = service();
    expect(svc.status().state).toBe('on_disk');
    const texts = Array.from({ length: 40 }, (_, i) => `札幌のエントリ1工程 ${i} OCR timeout after ${i * 100} ms`);
    const vectors = await svc.embed(texts, 'passage');
    expect(vectors).toHaveLength(40);
    expect(svc.status()).toMatchObject({ state: 'ready', dim: 32 });
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    const [alone] = await svc.embed([texts[23]!], 'passage');
    expect(cosine(alone!, vectors[23]!)).toBeCloseTo(1, 5);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeLessThan(0.99999);
  });

  it("adds the model's own prefixes: e5 (query:/passage:) inferred from the folder name", async () => {
    const e5 = service();
    const plain = service({ prefix: 'none' });
    const [q] = await e5.embed(['納期に間に合わない'], 'query');
    const [manual] = await plain.embed(['query: 納期に間に合わない'], 'query');
    expect(cosine(q!, manual!)).toBeCloseTo(1, 5);
    const [p] = await e5.embed(['納期に間に合わない'], 'passage');
    expect(cosine(q!, p!)).toBeLessThan(0.99999);
  });

  it('names a missing model folder and one without an ONNX file', async () => {
    await expect(service({ modelDir: join(dir.path, 'nope') }).embed(['x'], 'query')).rejects.toMatchObject({ code: 'AI_MODEL_MISSING' });
    const empty = join(dir.path, 'empty-model');
    mkdirSync(empty);
    writeFileSync(join(empty, 'config.json'), '{}');
    await expect(service({ modelDir: empty }).embed(['x'], 'query')).rejects.toMatchObject({ code: 'AI_MODEL_CORRUPT' });
  });
});
