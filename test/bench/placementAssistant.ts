import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AskResult, AskTimings } from '../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../main/app.js';
import { writeModel } from '../fixtures/models/ggufModels.js';
import { tempDir } from '../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const MUST_SHOW = '札幌のエントリ1工程が遅延しています';
const MIXED = [
  MUST_SHOW,
  'Sapporo entry 1 is running late',
  '遅延リスクのある工程は？',
  '横浜の生産性はどう？',
  'OCRのエラーが増えている原因を調べて',
  '納期直前の増員ルールは？',
  'エントリ1が遅れている。人を回して',
  '品川の補正を手伝って',
];

const pct = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
/** Stages that run no model: retrieval, data, optimizer, and the intent when the rules decide it. */
const nonLlm = (t: AskTimings, intentByModel = false): number => (intentByModel ? 0 : t.read_ms) + t.retrieval_ms + t.data_ms + t.optimize_ms;
const STAGES: (keyof AskTimings)[] = ['read_ms', 'retrieval_ms', 'data_ms', 'optimize_ms', 'answer_ms', 'total_ms'];

function stageRows(label: string, results: AskResult[], record: (n: string, v: string) => void, intentByModel = false): void {
  for (const s of STAGES) {
    const v = results.map((r) => r.timings[s]);
    record(`${label}: ${s.replace('_ms', '')} p50 / p95`, `${pct(v, 50).toFixed(1)} / ${pct(v, 95).toFixed(1)} ms`);
  }
  const n = results.map((r) => nonLlm(r.timings, intentByModel));
  record(
    `${label}: ${intentByModel ? 'retrieval+data+optimize' : 'non-LLM stages'} p50 / p95`,
    `${pct(n, 50).toFixed(1)} / ${pct(n, 95).toFixed(1)} ms (${results.length} asks)`,
  );
}

async function askMany(app: GenbaApp, questions: string[], times: number): Promise<AskResult[]> {
  const out: AskResult[] = [];
  for (let i = 0; i < times; i++) for (const q of questions) out.push(await app.assistant.ask(q));
  return out;
}

/** The placement assistant's stage timings, without models and with generated ones. */
export async function placementAssistantBench(record: (n: string, v: string) => void): Promise<void> {
  const dir = tempDir('genba-bench-assistant-');
  try {
    const app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    const p0 = performance.now();
    await app.assistant.prepare();
    record('start-up work (solver compile, know-how index, names)', `${(performance.now() - p0).toFixed(0)} ms`);
    const first = await app.assistant.ask(MUST_SHOW);
    record(
      'first ask in the process, non-LLM stages',
      `${nonLlm(first.timings).toFixed(1)} ms (${first.proposal?.operators.length ?? 0} moved: ${first.proposal?.changes.map((c) => `${c.from} ${c.count}`).join(', ')})`,
    );
    stageRows('no models, 「札幌のエントリ1…」', await askMany(app, [MUST_SHOW], 50), record);
    stageRows('no models, 8 mixed requests', await askMany(app, MIXED, 10), record);
    const k = Array.from({ length: 50 }, () => 0);
    for (let i = 0; i < k.length; i++) {
      const t = performance.now();
      await app.assistant.knowledge.search('納期20分前に何名移動するか', 3);
      k[i] = performance.now() - t;
    }
    record('know-how search alone p50 / p95 (hashed embedder)', `${pct(k, 50).toFixed(2)} / ${pct(k, 95).toFixed(2)} ms`);
    await app.stop();

    const bin = resolve('bin/genba.mjs');
    const cli = Array.from({ length: 5 }, () => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [bin, 'ask', MUST_SHOW, '--json', '--data-dir', dir.path, '--now', ANCHOR], { encoding: 'utf8' });
      return { wall: performance.now() - t, r: r.status === 0 ? (JSON.parse(r.stdout) as AskResult) : null };
    });
    if (cli.every((c) => c.r)) {
      record(
        'genba ask --json (a fresh process each): non-LLM p50',
        `${pct(
          cli.map((c) => nonLlm(c.r!.timings)),
          50,
        ).toFixed(1)} ms, process wall p50 ${pct(
          cli.map((c) => c.wall),
          50,
        ).toFixed(0)} ms`,
      );
    } else {
      record('genba ask --json', 'skipped: run npm run build first');
    }

    // With generated models of the real shapes: random weights, so only the timings mean anything.
    const models = join(dir.path, 'models');
    mkdirSync(models, { recursive: true });
    writeModel(join(models, 'qwen2.gguf'), 'qwen2-0.5b');
    writeModel(join(models, 'gemma3.gguf'), 'gemma3-4b');
    const withModels = createApp({
      dataDir: dir.path,
      now: Date.parse(ANCHOR),
      models: { intentModel: join(models, 'qwen2.gguf'), answerModel: join(models, 'gemma3.gguf') },
    });
    await withModels.start();
    await withModels.assistant.prepare();
    await withModels.ai.load('intent');
    await withModels.ai.load('answer');
    const results = await askMany(withModels, [MUST_SHOW], 3);
    stageRows('qwen2-0.5B + gemma3-4B shapes (CPU)', results, record, true);
    record('  read by / answer from', results.map((r) => `${r.query?.readBy ?? 'rules'}/${r.answerSource}`).join(', '));
    await withModels.stop();
  } finally {
    dir.remove();
  }
}
