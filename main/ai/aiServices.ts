import { join } from 'node:path';
import type { EventBus } from '../api/eventBus.js';
import type { ModelImportReport, ModelRole, ModelsStatus, ModelTestResult } from '../api/types.js';
import type { AppEnv } from '../config/appEnv.js';
import type { AppLog } from '../applog/appLog.js';
import { createEmbeddingService, type EmbeddingService } from './embeddingService.js';
import { createLlmService, type LlmService } from './llmService.js';
import { createModelManager, type ModelManager } from './modelManager.js';
import { importModelFolder } from './importModelFolder.js';
import { aiError } from './aiError.js';
import { MANIFEST } from './modelManifest.js';

/** Per-run overrides: `--intent-model`, `--answer-model`, `--embedding-model`. */
export interface ModelOverrides {
  intentModel?: string;
  answerModel?: string;
  embeddingModel?: string;
}

const TEST_TEXTS = ['札幌のエントリ1工程が遅延しています', '盛岡から2名応援できます', 'OCR timeout after 30000 ms', '納期20分前は3名以上移動'];

/** Every local model behind one face: the two LLM roles, the embedder and the models folder. */
export interface AiServices {
  llm: LlmService;
  embeddings: EmbeddingService;
  /** The embedding model's folder when one is installed. */
  embeddingModelDir(): string | null;
  models: ModelManager;
  status(): ModelsStatus;
  load(role: ModelRole): Promise<ModelsStatus>;
  /** Settings → Models "test": a short generation (streamed) or a small embedding batch, timed. */
  test(role: ModelRole): Promise<ModelTestResult>;
  /** Imports every model of a folder (importModelFolder), its progress as `progress` events of the task 'model-import'. */
  importFolder(folder: string): Promise<ModelImportReport>;
  /** The same for a folder the manager picks (the app's folder dialog); null when cancelled, refused where no folder can be picked. */
  importPicked(pickFolder: (() => Promise<string | null>) | undefined): Promise<{ report: ModelImportReport | null }>;
  /** One short sentence from the answer model (a log family's summary); rejects when no answer model is configured. */
  describe(prompt: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * The local AI: LLM roles, embeddings and the models folder, wired from the config.
 * A model given on the command line wins over the config, which wins over the manifest's
 * default when its file is in `<data folder>/models`.
 */
export function createAiServices(deps: {
  dataDir: string;
  env: Pick<AppEnv, 'config' | 'lang'>;
  overrides: ModelOverrides;
  log: AppLog;
  events: EventBus;
}): AiServices {
  const modelsDir = join(deps.dataDir, 'models');
  const models = createModelManager({ modelsDir, manifest: MANIFEST, log: deps.log });
  // What a killed or failed import left (a copy of hundreds of MB on a full disk) goes as the app or a command starts.
  for (const name of models.cleanLeftovers()) deps.log.warn('model import leftover removed', JSON.stringify(name));
  const ai = () => deps.env.config().ai;
  const llm = createLlmService({
    log: deps.log,
    lang: deps.env.lang,
    onProgress: (role, p) => deps.events.emit({ type: 'progress', task: 'model', table: role, done: Math.round(p * 100), total: 100 }),
    settings: () => ({
      models: {
        intent: deps.overrides.intentModel ?? ai().intentModel ?? models.defaultPath('intent'),
        answer: deps.overrides.answerModel ?? ai().answerModel ?? models.defaultPath('answer'),
      },
      gpu: ai().gpu,
      threads: ai().threads,
      contextSize: ai().contextSize,
      idleUnloadMs: ai().idleUnloadMinutes * 60_000,
      requestTimeoutMs: ai().requestTimeoutSeconds * 1000,
      memoryBudgetBytes: ai().memoryBudgetMb === null ? null : ai().memoryBudgetMb! * 1024 * 1024,
    }),
  });
  const embeddingModelDir = (): string | null => deps.overrides.embeddingModel ?? ai().embeddingModel ?? models.defaultPath('embedding');
  const embeddings = createEmbeddingService({
    log: deps.log,
    settings: () => ({
      modelDir: embeddingModelDir(),
      prefix: ai().embeddingPrefix,
      batchSize: 32,
      threads: ai().threads,
    }),
  });

  const status = (): ModelsStatus => ({
    modelsDir,
    backend: llm.backendSeen(),
    roles: llm.status().map((r) => ({ ...r, error: r.error })),
    embedding: embeddings.status(),
    catalog: models.catalog().map(({ name, role, kind, path, present, sizeBytes, sizeLabel, description }) => ({
      name,
      role,
      kind,
      path,
      present,
      sizeBytes,
      sizeLabel,
      description,
    })),
  });

  const importFolder = (folder: string): Promise<ModelImportReport> => {
    // A percentage, as the model load's progress: a few events per model, not one per MiB.
    let lastPct = -1;
    return importModelFolder(folder, {
      models,
      contextSize: ai().contextSize,
      onProgress: (done, total, file) => {
        const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
        if (pct !== lastPct) deps.events.emit({ type: 'progress', task: 'model-import', table: file, done: pct, total: 100 });
        lastPct = pct;
      },
    });
  };
  return {
    llm,
    embeddings,
    embeddingModelDir,
    models,
    status,
    importFolder,
    async importPicked(pickFolder) {
      if (!pickFolder) {
        throw aiError('AI_NO_FOLDER_PICKER', {
          ja: 'ここではフォルダを選べません: genba models import <パス> を使ってください。',
          en: 'No folder can be picked here: use genba models import <path>.',
        });
      }
      const folder = await pickFolder();
      return { report: folder === null ? null : await importFolder(folder) };
    },
    async describe(prompt: string): Promise<string> {
      if (llm.status().find((r) => r.role === 'answer')?.state === 'not_configured') throw new Error('no answer model');
      return (await llm.generate('answer', prompt, { maxTokens: 80, temperature: 0, timeoutMs: null })).text;
    },
    async load(role: ModelRole): Promise<ModelsStatus> {
      if (role === 'embedding') await embeddings.load();
      else await llm.load(role);
      return status();
    },
    async test(role: ModelRole): Promise<ModelTestResult> {
      if (role === 'embedding') {
        const started = performance.now();
        const vectors = await embeddings.embed(TEST_TEXTS, 'passage');
        const ms = performance.now() - started;
        return {
          role,
          text: `${vectors.length} × ${vectors[0]?.length ?? 0}`,
          tokens: 0,
          ms,
          firstTokenMs: null,
          tokensPerSecond: 0,
          backend: 'onnxruntime-cpu',
        };
      }
      const out = await llm.generate(role, '現場の状況を一文で説明してください。', {
        maxTokens: 32,
        onChunk: (text) => deps.events.emit({ type: 'llm-chunk', role, text }),
      });
      return { role, ...out, backend: (await llm.backend()).backend };
    },
    async dispose(): Promise<void> {
      await Promise.all([llm.dispose(), embeddings.dispose()]);
    },
  } satisfies AiServices;
}
