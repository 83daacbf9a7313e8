import { freemem } from 'node:os';
import { join } from 'node:path';
import { createEmbeddingService } from '../../main/ai/embeddingService.js';
import { readGgufInfo } from '../../main/ai/ggufInfo.js';
import { createLlmService } from '../../main/ai/llmService.js';
import { estimateModelMemory } from '../../main/ai/memoryEstimate.js';
import { writeModel, type ShapeName } from '../fixtures/models/ggufModels.js';
import { writeBertModel, type BertShapeName } from '../fixtures/models/onnxBert.js';
import { tempDir } from '../helpers/tempDir.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const PROMPT = '札幌のエントリ1工程が遅延しています。残り120件、納期16時、現在の速度は毎分5件です。盛岡と品川から応援を出す案を説明してください。';

async function llmBench(dir: string, shape: ShapeName, threads: number[], tokens: number, record: (n: string, v: string) => void): Promise<void> {
  const path = join(dir, `${shape}.gguf`);
  const t0 = performance.now();
  const { bytes } = writeModel(path, shape);
  record(`${shape}: generated GGUF`, `${(bytes / 1024 / 1024).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const need = await estimateModelMemory(await readGgufInfo(path), 2048);
  if (need > freemem()) {
    record(`${shape}: skipped`, `needs ~${(need / 2 ** 30).toFixed(1)} GB, ${(freemem() / 2 ** 30).toFixed(1)} GB free`);
    return;
  }
  for (const n of threads) {
    const llm = createLlmService({
      log,
      lang: () => 'ja',
      settings: () => ({
        models: { intent: path, answer: null },
        gpu: 'off',
        threads: n,
        contextSize: 2048,
        idleUnloadMs: 600_000,
        requestTimeoutMs: 600_000,
        memoryBudgetBytes: null,
      }),
    });
    const l0 = performance.now();
    await llm.load('intent');
    const loadMs = performance.now() - l0;
    await llm.generate('intent', 'warm-up', { maxTokens: 2 });
    const out = await llm.generate('intent', PROMPT, { maxTokens: tokens, temperature: 0.7 });
    const decodeTps = (out.tokens - 1) / ((out.ms - (out.firstTokenMs ?? 0)) / 1000);
    record(
      `${shape}: ${n} thread${n > 1 ? 's' : ''}`,
      `load ${(loadMs / 1000).toFixed(1)} s, first token ${Math.round(out.firstTokenMs ?? 0)} ms, ${decodeTps.toFixed(1)} tokens/s (${out.tokens} tokens, CPU)`,
    );
    await llm.dispose();
  }
}

async function embeddingBench(dir: string, shape: BertShapeName, texts: number, record: (n: string, v: string) => void): Promise<void> {
  const modelDir = join(dir, `bench-e5-${shape}`);
  const t0 = performance.now();
  const { bytes } = writeBertModel(modelDir, shape);
  record(`embeddings ${shape}: generated ONNX`, `${(bytes / 1024 / 1024).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const svc = createEmbeddingService({ log, settings: () => ({ modelDir, prefix: 'e5', batchSize: 32, threads: null }) });
  await svc.embed(['warm-up'], 'query');
  const items = Array.from({ length: texts }, (_, i) => `${PROMPT.slice(0, 20 + (i % 40))} OCR timeout after ${i} ms`);
  const s0 = performance.now();
  await svc.embed(items, 'passage');
  const sec = (performance.now() - s0) / 1000;
  record(`embeddings ${shape}: throughput`, `${Math.round(texts / sec)} texts/s (${texts} texts, batches of 32, worker thread)`);
  await svc.dispose();
}

/** LLM speed at the real models' shapes, and embedding throughput, on this machine's CPU. */
export async function aiRuntimeBench(record: (name: string, value: string) => void): Promise<void> {
  const dir = tempDir('genba-bench-ai-');
  try {
    await llmBench(dir.path, 'qwen2-0.5b', [1, 2], 64, record);
    await llmBench(dir.path, 'gemma3-4b', [2], 16, record);
    await embeddingBench(dir.path, 'tiny', 512, record);
    await embeddingBench(dir.path, 'e5-small', 256, record);
  } finally {
    dir.remove();
  }
}
