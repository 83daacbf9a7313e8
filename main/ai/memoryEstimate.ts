import { freemem } from 'node:os';
import { basename } from 'node:path';
import { aiError } from './aiError.js';
import type { GgufInfo } from './ggufInfo.js';

const MB = 1024 * 1024;

/**
 * RAM a model needs on the CPU: node-llama-cpp's estimates of the weights and of a context
 * of this size (the KV cache for the file's architecture, and the compute buffers).
 */
export async function estimateModelMemory(info: GgufInfo, contextSize: number): Promise<number> {
  const model = await info.insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 });
  const context = await info.insights.estimateContextResourceRequirementsV2({ contextSize, modelGpuLayers: 0 });
  return model.cpuRam + context.cpuRam;
}

/**
 * Refuses to load what would not fit in RAM: better a clear message than a machine swapping
 * to a halt. For the CPU only; with a GPU, node-llama-cpp places the layers itself and
 * raises its own InsufficientMemoryError, which the LLM service reports as AI_OUT_OF_MEMORY.
 */
export async function checkMemory(info: GgufInfo, contextSize: number, budgetBytes: number = freemem()): Promise<number> {
  const need = await estimateModelMemory(info, contextSize);
  if (need > budgetBytes) {
    const gb = (n: number) => (n / 1024 / MB).toFixed(1);
    throw aiError('AI_OUT_OF_MEMORY', {
      ja: `モデル ${basename(info.path)} には約 ${gb(need)} GB のメモリが必要ですが、使えるのは ${gb(budgetBytes)} GB です。他のアプリを閉じるか、小さいモデル（量子化の強いもの）を選んでください。`,
      en: `The model ${basename(info.path)} needs about ${gb(need)} GB of memory, but only ${gb(budgetBytes)} GB is available. Close other apps or choose a smaller (more quantized) model.`,
    });
  }
  return need;
}
