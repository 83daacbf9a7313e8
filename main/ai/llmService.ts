import { basename } from 'node:path';
import { statSync, existsSync } from 'node:fs';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaJsonSchemaGrammar, LlamaModel } from 'node-llama-cpp';
import { describeError, type ErrorPayload, GenbaError } from '../errors.js';
import type { AppLog } from '../applog/appLog.js';
import { aiError } from './aiError.js';
import { checkSupported, readGgufInfo } from './ggufInfo.js';
import type { z } from 'zod';
import { assertBoundedSchema, grammarJsonSchema, grammarSchema, maxJsonBytes, parseModelOutput } from './jsonSchema.js';
import { checkMemory } from './memoryEstimate.js';

export type LlmRole = 'intent' | 'answer';
export const LLM_ROLES: readonly LlmRole[] = ['intent', 'answer'];

export interface LlmSettings {
  models: Record<LlmRole, string | null>;
  gpu: 'auto' | 'off';
  /** Threads for the CPU math; null: the machine's math cores. The library default is very slow on small machines. */
  threads: number | null;
  contextSize: number;
  idleUnloadMs: number;
  requestTimeoutMs: number;
  /** Memory the models may use; null: what the OS reports free. */
  memoryBudgetBytes: number | null;
}

export type LlmState = 'not_configured' | 'missing' | 'on_disk' | 'loading' | 'loaded' | 'error';
export interface LlmRoleStatus {
  role: LlmRole;
  path: string | null;
  state: LlmState;
  sizeBytes: number | null;
  architecture: string | null;
  loadProgress: number | null;
  error: ErrorPayload | null;
}

export interface GenerateOptions {
  /** Instructions before the prompt; none by default. */
  systemPrompt?: string;
  /** Default 512. */
  maxTokens?: number;
  /** Default 0.7. */
  temperature?: number;
  /** Receives the text as it streams; none by default. */
  onChunk?: (text: string) => void;
  /** Cancels the request (the role's next request then starts). */
  signal?: AbortSignal;
  /**
   * Default: ai.requestTimeoutSeconds from the config. null: no timer: the request ends at its token limit, or when
   * `signal` cancels it. What a manager reads (a reading of a question, an answer, a summary) is asked for with null, so
   * that no clock and no load on the machine decides what it says.
   */
  timeoutMs?: number | null;
}
export interface Generation {
  text: string;
  tokens: number;
  ms: number;
  firstTokenMs: number | null;
  tokensPerSecond: number;
}

interface Loaded {
  path: string;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  idle?: NodeJS.Timeout;
}

/** The two llama.cpp roles: one request at a time per role, models loaded on first use and unloaded when idle. */
export interface LlmService {
  load(role: LlmRole): Promise<void>;
  unload(role: LlmRole): Promise<void>;
  generate(role: LlmRole, prompt: string, o?: GenerateOptions & { grammar?: LlamaGrammar }): Promise<Generation>;
  /** JSON that conforms to `schema`: generated under the grammar of its JSON Schema, then parsed with it (zod). */
  json<S extends z.ZodType>(role: LlmRole, prompt: string, schema: S, o?: GenerateOptions): Promise<z.output<S>>;
  /** The "test" button: a short prompt, timed. */
  test(role: LlmRole): Promise<Generation>;
  /** Which accelerator llama.cpp uses (cuda, metal, vulkan or cpu) and the thread count. */
  backend(): Promise<{ backend: string; threads: number }>;
  /** The same, without starting llama.cpp: null until something used it. */
  backendSeen(): { backend: string; threads: number } | null;
  status(): LlmRoleStatus[];
  /** Unloads every model and llama.cpp; any later use is refused with AI_DISPOSED. */
  dispose(): Promise<void>;
}

/**
 * The two local LLM roles on llama.cpp. Models load lazily (with progress), run one
 * request at a time per role (a queue: two chats never share a context mid-answer),
 * stream, cancel, time out, and unload after being idle.
 */
export function createLlmService(deps: {
  settings: () => LlmSettings;
  log: AppLog;
  lang: () => 'ja' | 'en';
  onProgress?: (role: LlmRole, progress: number) => void;
}): LlmService {
  let llama: Promise<Llama> | null = null;
  const loaded = new Map<LlmRole, Loaded>();
  const loading = new Map<LlmRole, { promise: Promise<Loaded>; progress: number }>();
  const errors = new Map<LlmRole, GenbaError>();
  const queues = new Map<LlmRole, Promise<unknown>>();
  const grammars = new Map<string, LlamaJsonSchemaGrammar<never>>();
  let backendSeen: { backend: string; threads: number } | null = null;

  // After dispose() nothing may start llama.cpp again: a late request (a timer, a stray IPC
  // call during shutdown) would otherwise load a model into a process that is exiting.
  let disposed = false;
  const refuseIfDisposed = (): void => {
    if (disposed) {
      throw aiError('AI_DISPOSED', { ja: 'モデルは終了処理済みです。アプリを再起動してください。', en: 'The models have been shut down. Restart the app.' });
    }
  };

  const getLlama = (): Promise<Llama> => {
    refuseIfDisposed();
    llama ??= import('node-llama-cpp').then(({ getLlama: get, LlamaLogLevel }) =>
      get({
        gpu: deps.settings().gpu === 'off' ? false : 'auto',
        logLevel: LlamaLogLevel.warn,
        // llama.cpp's own messages go to the app log, never to the manager.
        logger: (level, text) => deps.log.info(`llama.cpp ${level}`, text.trim()),
      }),
    );
    return llama;
  };

  const unload = async (role: LlmRole): Promise<void> => {
    const l = loaded.get(role);
    if (!l) return;
    clearTimeout(l.idle);
    loaded.delete(role);
    await l.context.dispose();
    await l.model.dispose();
    deps.log.info('model unloaded', role);
  };

  const load = async (role: LlmRole): Promise<Loaded> => {
    refuseIfDisposed();
    const s = deps.settings();
    const path = s.models[role];
    const current = loaded.get(role);
    if (current && current.path === path) return current;
    if (current) await unload(role);
    if (!path) {
      throw aiError('AI_NOT_CONFIGURED', {
        ja: `「${role === 'intent' ? '意図解析' : '回答'}」のモデルが設定されていません。設定 → モデル から選んでください。`,
        en: `No model is set for the ${role} role. Choose one in Settings → Models.`,
      });
    }
    const pending = loading.get(role);
    if (pending) return pending.promise;
    const entry = {
      progress: 0,
      promise: (async () => {
        const ll = await getLlama();
        const info = await readGgufInfo(path, ll);
        checkSupported(info);
        // On a GPU, node-llama-cpp decides the layers and checks VRAM and RAM itself; a
        // budget set in the config is still honoured.
        if (s.memoryBudgetBytes !== null || s.gpu === 'off' || !ll.gpu) {
          await checkMemory(info, Math.min(s.contextSize, info.insights.trainContextSize ?? s.contextSize), s.memoryBudgetBytes ?? undefined);
        }
        let model: LlamaModel;
        try {
          model = await ll.loadModel({
            modelPath: path,
            gpuLayers: s.gpu === 'off' ? 0 : 'auto',
            onLoadProgress: (p) => {
              entry.progress = p;
              deps.onProgress?.(role, p);
            },
          });
        } catch (error) {
          deps.log.error(`loading ${path} failed`, describeError(error));
          const message = String((error as Error).message ?? error);
          if (/memory|alloc/i.test(message)) {
            throw aiError(
              'AI_OUT_OF_MEMORY',
              {
                ja: `モデル ${basename(path)} を読み込むメモリが足りません。他のアプリを閉じるか、小さいモデルを選んでください。`,
                en: `Not enough memory to load ${basename(path)}. Close other apps or choose a smaller model.`,
              },
              message,
            );
          }
          throw aiError(
            'AI_LOAD_FAILED',
            {
              ja: `モデル ${basename(path)} を読み込めませんでした。ファイルを取り込み直してください。詳細はアプリのログにあります。`,
              en: `The model ${basename(path)} could not be loaded. Import it again; details are in the app log.`,
            },
            message,
          );
        }
        let context: LlamaContext;
        try {
          context = await model.createContext({ contextSize: Math.min(s.contextSize, model.trainContextSize), threads: s.threads ?? ll.cpuMathCores });
        } catch (error) {
          // The weights are loaded by now: give their memory back before reporting.
          await model.dispose().catch(() => {});
          deps.log.error(`creating a context for ${path} failed`, describeError(error));
          throw aiError(
            'AI_OUT_OF_MEMORY',
            {
              ja: `モデル ${basename(path)} の作業領域（コンテキスト）を確保できません。他のアプリを閉じるか、設定でコンテキスト長を短くしてください。`,
              en: `Could not set up the working memory (context) of ${basename(path)}. Close other apps, or shorten the context size in the settings.`,
            },
            String((error as Error).message ?? error),
          );
        }
        const l: Loaded = { path, model, context, sequence: context.getSequence() };
        backendSeen = { backend: ll.gpu || 'cpu', threads: s.threads ?? ll.cpuMathCores };
        loaded.set(role, l);
        deps.log.info('model loaded', `${role} ${path} backend=${ll.gpu || 'cpu'} threads=${s.threads ?? ll.cpuMathCores}`);
        return l;
      })(),
    };
    loading.set(role, entry);
    try {
      const l = await entry.promise;
      errors.delete(role);
      return l;
    } catch (error) {
      if (error instanceof GenbaError) errors.set(role, error);
      throw error;
    } finally {
      loading.delete(role);
    }
  };

  /** One request at a time per role; the next starts when the previous settles. */
  const enqueue = <T>(role: LlmRole, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(role) ?? Promise.resolve()).catch(() => {}).then(work);
    queues.set(role, run);
    return run;
  };

  const scheduleUnload = (role: LlmRole, l: Loaded): void => {
    clearTimeout(l.idle);
    l.idle = setTimeout(() => void enqueue(role, () => unload(role)), deps.settings().idleUnloadMs);
    l.idle.unref?.();
  };

  const generate = (role: LlmRole, prompt: string, o: GenerateOptions & { grammar?: LlamaGrammar } = {}): Promise<Generation> =>
    enqueue(role, async () => {
      const l = await load(role);
      const { LlamaChatSession } = await import('node-llama-cpp');
      const timeoutMs = o.timeoutMs === undefined ? deps.settings().requestTimeoutMs : o.timeoutMs;
      const timeout = timeoutMs === null ? null : AbortSignal.timeout(timeoutMs);
      const signals = [o.signal, timeout].filter((s): s is AbortSignal => s !== undefined && s !== null);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const session = new LlamaChatSession({ contextSequence: l.sequence, ...(o.systemPrompt ? { systemPrompt: o.systemPrompt } : {}) });
      const started = performance.now();
      let firstTokenMs: number | null = null;
      let tokens = 0;
      try {
        const text = await session.prompt(prompt, {
          maxTokens: o.maxTokens ?? 512,
          temperature: o.temperature ?? 0.7,
          ...(signal ? { signal } : {}),
          ...(o.grammar ? { grammar: o.grammar } : {}),
          onToken: (t) => {
            firstTokenMs ??= performance.now() - started;
            tokens += t.length;
          },
          onTextChunk: (chunk) => o.onChunk?.(chunk),
        });
        const ms = performance.now() - started;
        return { text, tokens, ms, firstTokenMs, tokensPerSecond: tokens / (ms / 1000) };
      } catch (error) {
        if (timeout?.aborted) {
          throw aiError('AI_TIMEOUT', {
            ja: `モデルの応答が ${Math.round(timeoutMs! / 1000)} 秒以内に終わりませんでした。`,
            en: `The model did not finish within ${Math.round(timeoutMs! / 1000)} s.`,
          });
        }
        if (o.signal?.aborted) throw aiError('AI_CANCELLED', { ja: '生成を中止しました。', en: 'Generation cancelled.' });
        throw error;
      } finally {
        session.dispose({ disposeSequence: false });
        await l.sequence.clearHistory();
        scheduleUnload(role, l);
      }
    });

  return {
    load: (role: LlmRole) => enqueue(role, () => load(role)).then(() => undefined),
    unload: (role: LlmRole) => enqueue(role, () => unload(role)),
    generate,
    async json<S extends z.ZodType>(role: LlmRole, prompt: string, schema: S, o: GenerateOptions = {}): Promise<z.output<S>> {
      const jsonSchema = grammarJsonSchema(schema);
      assertBoundedSchema(jsonSchema);
      const key = JSON.stringify(jsonSchema);
      let grammar = grammars.get(key);
      if (!grammar) {
        grammar = (await (await getLlama()).createGrammarForJsonSchema(grammarSchema(jsonSchema) as never)) as LlamaJsonSchemaGrammar<never>;
        grammars.set(key, grammar);
      }
      // The token limit is the schema's: a lower one cuts a grammar-constrained answer short. Greedy (temperature 0):
      // the same prompt gives the same JSON every time.
      const out = await generate(role, prompt, { temperature: 0, ...o, maxTokens: maxJsonBytes(jsonSchema), grammar });
      let parsed: unknown;
      try {
        // The grammar guarantees JSON; its own parse() also checks lengths, counting them
        // differently from the grammar (it lets 15 characters through a maxLength of 12).
        parsed = JSON.parse(out.text);
      } catch (error) {
        throw aiError('AI_SCHEMA_INVALID', { ja: 'モデルの出力が途中で切れました。', en: 'The model output was cut short.' }, String(error));
      }
      return parseModelOutput(parsed, schema);
    },
    test: (role: LlmRole) => generate(role, '現場の状況を一文で説明してください。', { maxTokens: 32 }),
    async backend(): Promise<{ backend: string; threads: number }> {
      const ll = await getLlama();
      backendSeen = { backend: ll.gpu || 'cpu', threads: deps.settings().threads ?? ll.cpuMathCores };
      return backendSeen;
    },
    backendSeen: () => backendSeen,

    status(): LlmRoleStatus[] {
      const s = deps.settings();
      return LLM_ROLES.map((role) => {
        const path = s.models[role];
        const err = errors.get(role);
        const base = {
          role,
          path,
          architecture: null as string | null,
          loadProgress: null as number | null,
          error: err ? { code: err.code, message: err.messageIn(deps.lang()) } : null,
        };
        if (!path) return { ...base, state: 'not_configured', sizeBytes: null };
        if (!existsSync(path)) return { ...base, state: 'missing', sizeBytes: null };
        const sizeBytes = statSync(path).size;
        const l = loading.get(role);
        if (l) return { ...base, state: 'loading', sizeBytes, loadProgress: l.progress };
        if (loaded.get(role)?.path === path)
          return { ...base, state: 'loaded', sizeBytes, architecture: loaded.get(role)!.model.fileInfo.metadata.general.architecture ?? null };
        return { ...base, state: err ? 'error' : 'on_disk', sizeBytes };
      });
    },

    async dispose(): Promise<void> {
      disposed = true;
      for (const role of LLM_ROLES) await enqueue(role, () => unload(role)).catch(() => {});
      grammars.clear();
      const ll = llama;
      llama = null;
      if (ll) await (await ll).dispose();
    },
  } satisfies LlmService;
}
