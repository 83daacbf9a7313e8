import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Citation } from '../../../main/api/assistantTypes.js';
import type { LlmService } from '../../../main/ai/llmService.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { proposalFacts } from '../../../main/chat/answerTexts.js';
import { composeAnswer } from '../../../main/chat/composeAnswer.js';
import { checkNumbers } from '../../../main/chat/numericGuard.js';
import { tempDir } from '../../helpers/tempDir.js';
import { installTestModels } from '../../helpers/testModels.js';

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };
const Q = '札幌のエントリ1工程が遅延しています';
const FACTS = '札幌 エントリ1は残り120件、納期16:00まで20分。3名の移動で完了見込みは15:57。';

/** Only `generate` of the answer role is used: a scripted text stands in for what a model might write. */
const scripted = (text: string): LlmService =>
  ({
    generate: async (_role: string, _prompt: string, o: { onChunk?: (t: string) => void }) => {
      o.onChunk?.(text);
      return { text, tokens: 1, ms: 1, firstTokenMs: 1, tokensPerSecond: 1 };
    },
  }) as unknown as LlmService;

describe('the numeric guard on the answer', () => {
  const run = (text: string) =>
    composeAnswer({
      llm: scripted(text),
      log: silentLog,
      question: '札幌のエントリ1工程が遅延しています',
      facts: FACTS,
      citations: [] as Citation[],
      template: 'TEMPLATE',
      lang: 'ja',
    });
  it('keeps an answer that only uses computed numbers', async () => {
    expect(await run('残り120件を16:00までに終えるため3名を移動し、15:57に完了する見込みです。')).toEqual({
      text: '残り120件を16:00までに終えるため3名を移動し、15:57に完了する見込みです。',
      source: 'model',
    });
  });
  it('replaces an answer with an invented number by the templated one', async () => {
    expect(await run('5名を移動すれば30分の遅延を解消できます。')).toEqual({ text: 'TEMPLATE', source: 'template_guarded' });
  });
});

describe('the placement assistant with generated models (real llama.cpp and ONNX, CPU)', () => {
  const dir = tempDir();
  let app: GenbaApp;

  beforeAll(async () => {
    const models = installTestModels(dir.path, {
      onnx: ['multilingual-e5-small'],
      gguf: { 'qwen2-intent.gguf': 'qwen2-tiny', 'gemma3-answer.gguf': 'gemma3-tiny' },
      contextSize: 2048,
    });
    app = createApp({
      dataDir: dir.path,
      now: Date.parse('2025-10-23T15:40+09:00'),
      models: { intentModel: join(models, 'qwen2-intent.gguf'), answerModel: join(models, 'gemma3-answer.gguf') },
    });
    await app.start();
  }, 180_000);
  afterAll(async () => {
    await app.stop();
    dir.remove();
  });

  it('runs the whole pipeline: model intent validated or replaced by the rules, the same proposal, a guarded streamed answer', async () => {
    const chunks: string[] = [];
    const off = app.events.on((e) => {
      if (e.type === 'chat-chunk' && e.requestId === 'r1') chunks.push(e.text);
    });
    const r = await app.assistant.ask(Q, 'r1');
    off();
    // A random model's entities rarely name a real site: then the rules decide, and say so.
    expect(['model', 'rules']).toContain(r.query!.readBy);
    expect(r.query!.read).toMatchObject({ site: ['札幌'], process: ['エントリ1'] });
    expect(r.query!.answeredBy === 'propose' || r.query!.readBy === 'model').toBe(true);
    // What the tiny model writes differs between machines (its logits are near-uniform, so a CPU's floating point picks the
    // token): whichever reading was used, the same reading chosen by hand gives the same proposal, card or none.
    const again = await app.assistant.ask(Q, 'r2', r.query!.read);
    expect(again.query!.readBy).toBe('chosen');
    expect(again.proposal?.operators.map((o) => o.id) ?? null).toEqual(r.proposal?.operators.map((o) => o.id) ?? null);
    // The rules' reading is the late line's own: three people.
    if (r.query!.readBy === 'rules') expect(r.proposal!.operators).toHaveLength(3);
    if (r.proposal) {
      expect(r.timings.answer_ms).toBeGreaterThan(0);
      expect(['model', 'template', 'template_guarded']).toContain(r.answerSource);
      if (r.answerSource === 'model') {
        // Whatever the model wrote got through only because every number in it is a computed fact.
        expect(checkNumbers(r.answer, `${proposalFacts(r.proposal, { lang: 'ja', timeZone: 'Asia/Tokyo' })}\n${r.question}`).ok).toBe(true);
        expect(chunks.join('').trim()).toBe(r.answer);
      } else {
        expect(r.answer).toContain('札幌 エントリ1へ');
      }
    }
    expect(r.timings.read_ms).toBeGreaterThan(0);
    // The model read the query too: its reading is used only when every name it gives is a synced one and it parses as a
    // query; the tiny model's are refused, with the reason in the app log, and the rules' reading is the one shown.
    if (r.query!.readBy === 'rules') {
      expect(readFileSync(join(dir.path, 'logs', 'genba.log'), 'utf8')).toContain('query model output not used');
      expect(r.query!.read).toEqual(app.assistant.readQuery(Q).query);
    } else expect(r.query!.read.site).toEqual(['札幌']);
  }, 180_000);

  it('embeds the know-how with the installed ONNX model and still finds the rule', async () => {
    const hits = await app.assistant.knowledge.search('納期20分前に何名移動するか', 3);
    expect(hits.map((h) => h.heading)).toContain('納期直前の増員');
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    expect((db.prepare('SELECT DISTINCT model FROM knowledge_vectors').all() as { model: string }[]).map((m) => m.model)).toEqual([
      'onnx:multilingual-e5-small',
    ]);
    db.close();
  });
});
