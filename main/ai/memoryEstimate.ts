import { freemem } from 'node:os';
import { basename } from 'node:path';
import { aiError } from './aiError.js';
import type { GgufInfo } from './ggufInfo.js';

const MB = 1024 * 1024;

/**
 * Memory a model needs to run: its weights, the KV cache for the context (f16 keys and
 * values per layer) and a compute buffer. Deliberately simple and a little generous.
 */
export function estimateModelMemory(info: GgufInfo, contextSize: number): number {
  const weights = info.tensorBytes ?? info.fileBytes;
  const layers = info.blockCount ?? 32;
  const headDim = info.keyLength ?? (info.embeddingLength && info.headCount ? info.embeddingLength / info.headCount : 128);
  const kvHeads = info.headCountKv ?? info.headCount ?? 8;
  const kvCache = 2 * layers * contextSize * kvHeads * headDim * 2;
  const compute = Math.max(64 * MB, weights * 0.05);
  return Math.round(weights + kvCache + compute);
}

/** Refuses to load what would not fit: better a clear message than a machine swapping to a halt. */
export function checkMemory(info: GgufInfo, contextSize: number, budgetBytes: number = freemem()): number {
  const need = estimateModelMemory(info, contextSize);
  if (need > budgetBytes) {
    const gb = (n: number) => (n / 1024 / MB).toFixed(1);
    throw aiError(
      'AI_OUT_OF_MEMORY',
      `モデル ${basename(info.path)} には約 ${gb(need)} GB のメモリが必要ですが、使えるのは ${gb(budgetBytes)} GB です。他のアプリを閉じるか、小さいモデル（量子化の強いもの）を選んでください。`,
      `The model ${basename(info.path)} needs about ${gb(need)} GB of memory, but only ${gb(budgetBytes)} GB is available. Close other apps or choose a smaller (more quantized) model.`,
    );
  }
  return need;
}
