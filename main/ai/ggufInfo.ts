import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { GgufInsights, Llama } from 'node-llama-cpp';
import { aiError } from './aiError.js';

/** What Genba needs of a GGUF file before it lets llama.cpp load it. */
export interface GgufInfo {
  path: string;
  fileBytes: number;
  architecture: string;
  name: string | null;
  /** node-llama-cpp's reading of the file: tensor sizes for every ggml type, and resource estimates per architecture. */
  insights: GgufInsights;
}

/** Architectures llama.cpp runs that Genba's roles are meant for (the chat templates are known). */
export const SUPPORTED_ARCHITECTURES = ['qwen2', 'qwen3', 'llama', 'gemma', 'gemma2', 'gemma3', 'phi3', 'mistral', 'granite', 'olmo2'];

/**
 * Reads a GGUF file's header without loading it, with node-llama-cpp's own parser: its
 * architecture, and whether the file really holds all its tensor data (a truncated copy
 * from a USB stick is caught here, with a clear message, instead of deep inside
 * llama.cpp). Pass the app's Llama when it is up; without one, node-llama-cpp starts a
 * slim instance with no backend, once per process (docs/bench/2026-11-26-start-up-costs.md), to
 * know the ggml type sizes.
 */
export async function readGgufInfo(path: string, llama?: Llama): Promise<GgufInfo> {
  if (!existsSync(path)) {
    throw aiError('AI_MODEL_MISSING', {
      ja: `モデルファイル ${path} がありません。設定 → モデル から取得または取り込みをしてください。`,
      en: `The model file ${path} does not exist. Get or import it in Settings → Models.`,
    });
  }
  const corrupt = (why: string) =>
    aiError('AI_MODEL_CORRUPT', {
      ja: `モデルファイル ${basename(path)} が壊れているか、GGUF 形式ではありません（${why}）。もう一度取得するか取り込み直してください。`,
      en: `The model file ${basename(path)} is damaged or not a GGUF file (${why}). Download or import it again.`,
    });
  const fileBytes = statSync(path).size;
  if (fileBytes === 0) throw corrupt('empty file');
  const { readGgufFileInfo, GgufInsights } = await import('node-llama-cpp');
  let insights: GgufInsights;
  try {
    const info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false, spliceSplitFiles: false });
    insights = await GgufInsights.from(info, llama);
  } catch {
    // The parser's errors (bad magic, a header cut short, an unknown value type) all mean the same to a manager.
    // Their words quote the file's bytes (`got "root"` of a link to /etc/shadow): neither the refusal nor the
    // app log may repeat what a file that is no model holds, so the reason is said without them.
    throw corrupt('no GGUF header');
  }
  const info = insights.ggufFileInfo;
  // modelSize counts the tensors' bytes by their ggml types; the data starts at infoEndOffset.
  // It leaves out the alignment padding between tensors (at most 31 bytes each), so a file
  // short by less than that gets through to llama.cpp, which then refuses it (AI_LOAD_FAILED).
  const needed = (info.infoEndOffset ?? 0) + insights.modelSize;
  if (needed > fileBytes) throw corrupt(`${fileBytes} of ${needed} bytes`);
  const arch = info.metadata.general?.architecture;
  if (typeof arch !== 'string') throw corrupt('no architecture');
  const name = info.metadata.general?.name;
  return { path, fileBytes, architecture: arch, name: typeof name === 'string' ? name : null, insights };
}

export function checkSupported(info: GgufInfo): void {
  if (!SUPPORTED_ARCHITECTURES.includes(info.architecture)) {
    throw aiError('AI_MODEL_UNSUPPORTED', {
      ja: `モデル ${basename(info.path)} のアーキテクチャ「${info.architecture}」には対応していません。対応: ${SUPPORTED_ARCHITECTURES.join(', ')}`,
      en: `The model ${basename(info.path)} has the unsupported architecture "${info.architecture}". Supported: ${SUPPORTED_ARCHITECTURES.join(', ')}`,
    });
  }
}
