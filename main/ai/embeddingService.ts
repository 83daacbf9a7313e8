import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { AppLog } from '../applog/appLog.js';
import { startWorker } from '../workerThreads.js';
import { aiError } from './aiError.js';

/** How a model wants its inputs marked: e5 and ruri were trained with these prefixes. */
export type PrefixStyle = 'e5' | 'ruri' | 'none';
export type EmbedKind = 'query' | 'passage';

const PREFIXES: Record<PrefixStyle, Record<EmbedKind, string>> = {
  e5: { query: 'query: ', passage: 'passage: ' },
  ruri: { query: '検索クエリ: ', passage: '検索文書: ' },
  none: { query: '', passage: '' },
};

export function prefixFor(style: PrefixStyle, kind: EmbedKind): string {
  return PREFIXES[style][kind];
}

/** 'auto' reads the style from the folder name, as the manifest names them. */
export function resolvePrefixStyle(setting: PrefixStyle | 'auto', modelDir: string): PrefixStyle {
  if (setting !== 'auto') return setting;
  const name = basename(modelDir).toLowerCase();
  return name.includes('e5') ? 'e5' : name.includes('ruri') ? 'ruri' : 'none';
}

export interface EmbeddingSettings {
  modelDir: string | null;
  prefix: PrefixStyle | 'auto';
  batchSize: number;
  threads: number | null;
}
export type EmbeddingState = 'not_configured' | 'missing' | 'on_disk' | 'loading' | 'ready' | 'error';

type Msg =
  | { type: 'ready'; dim: number | null }
  | { type: 'result'; id: number; data: Float32Array; dim: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'failed'; message: string; code: string | null };

export type EmbeddingStatus = { state: EmbeddingState; modelDir: null; dim: null } | { state: EmbeddingState; modelDir: string; dim: number | null };

/** The local embedding model, run in a worker thread. */
export interface EmbeddingService {
  /** Vectors for `texts`, in order; batches run one after another in the worker. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
  /** Loads the model now (the Settings "test" button, start-up warm-up). */
  load(): Promise<void>;
  status(): EmbeddingStatus;
  dispose(): Promise<void>;
}

/**
 * Text embeddings from a local ONNX model through transformers.js, in a worker thread so
 * the UI never waits on it. Inputs get the model's prefixes; vectors come back normalized.
 */
export function createEmbeddingService(deps: { settings: () => EmbeddingSettings; log: AppLog }): EmbeddingService {
  let worker: Worker | null = null;
  let ready: Promise<{ dim: number | null }> | null = null;
  let dir: string | null = null;
  let state: EmbeddingState = 'not_configured';
  let dim: number | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let chain: Promise<unknown> = Promise.resolve();

  const start = (): Promise<{ dim: number | null }> => {
    const s = deps.settings();
    if (ready && dir === s.modelDir) return ready;
    void stop();
    dir = s.modelDir;
    if (!dir) {
      state = 'not_configured';
      return Promise.reject(aiError('AI_NOT_CONFIGURED', { ja: '埋め込みモデルが設定されていません。', en: 'No embedding model is configured.' }));
    }
    if (!existsSync(dir)) {
      state = 'missing';
      return Promise.reject(
        aiError('AI_MODEL_MISSING', {
          ja: `埋め込みモデルのフォルダ ${dir} がありません。設定 → モデル から取り込んでください。`,
          en: `The embedding model folder ${dir} does not exist. Import it in Settings → Models.`,
        }),
      );
    }
    state = 'loading';
    const w = startWorker('embeddingWorker', 'ai/embeddingWorker.ts', { modelDir: dir, threads: s.threads });
    worker = w;
    ready = new Promise((resolve, reject) => {
      w.on('message', (m: Msg) => {
        if (m.type === 'ready') {
          state = 'ready';
          dim = m.dim;
          resolve({ dim: m.dim });
        } else if (m.type === 'failed') {
          state = 'error';
          deps.log.error('embedding model failed to load', m.message);
          reject(
            aiError(
              m.code === 'AI_MODEL_CORRUPT' ? 'AI_MODEL_CORRUPT' : 'AI_LOAD_FAILED',
              {
                ja: `埋め込みモデル ${basename(dir!)} を読み込めませんでした。取り込み直してください。`,
                en: `The embedding model ${basename(dir!)} could not be loaded. Import it again.`,
              },
              m.message,
            ),
          );
        } else {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.type === 'error')
            p?.reject(aiError('AI_EMBEDDING_FAILED', { ja: '埋め込みの計算に失敗しました。', en: 'Computing embeddings failed.' }, m.message));
          else if (p) p.resolve(Array.from({ length: m.data.length / m.dim }, (_, i) => m.data.slice(i * m.dim, (i + 1) * m.dim)));
        }
      });
      w.on('error', (e) => {
        state = 'error';
        reject(e);
      });
    });
    ready.catch(() => {});
    return ready;
  };

  const stop = async (): Promise<void> => {
    const w = worker;
    worker = null;
    ready = null;
    for (const p of pending.values()) p.reject(aiError('AI_CANCELLED', { ja: '埋め込みを中止しました。', en: 'Embedding cancelled.' }));
    pending.clear();
    if (w) await w.terminate();
  };

  return {
    embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
      const run = chain
        .catch(() => {})
        .then(async () => {
          await start();
          const s = deps.settings();
          const prefix = prefixFor(resolvePrefixStyle(s.prefix, s.modelDir!), kind);
          const out: Float32Array[] = [];
          for (let i = 0; i < texts.length; i += s.batchSize) {
            const id = ++nextId;
            const batch = texts.slice(i, i + s.batchSize).map((t) => prefix + t);
            out.push(
              ...(await new Promise<Float32Array[]>((resolve, reject) => {
                pending.set(id, { resolve, reject });
                worker!.postMessage({ id, texts: batch });
              })),
            );
          }
          return out;
        });
      chain = run;
      return run;
    },
    load: () => start().then(() => undefined),
    status: () => {
      const s = deps.settings();
      if (!s.modelDir) return { state: 'not_configured' as EmbeddingState, modelDir: null, dim: null };
      if (!existsSync(s.modelDir)) return { state: 'missing' as EmbeddingState, modelDir: s.modelDir, dim: null };
      return { state: dir === s.modelDir ? state : ('on_disk' as EmbeddingState), modelDir: s.modelDir, dim };
    },
    dispose: stop,
  } satisfies EmbeddingService;
}
