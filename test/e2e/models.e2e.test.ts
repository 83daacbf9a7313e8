import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { writeModel } from '../fixtures/models/ggufModels.js';
import { writeBertModel } from '../fixtures/models/onnxBert.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

describe('Settings → Models in Chromium, with generated models on the real runtimes', () => {
  const env = useAppInChromium({
    // The models are there before the first build, which indexes the log templates with the installed embedding model.
    firstBuild: true,
    // Generated models under the manifest's names, as `genba models import` would leave them.
    prepare: (dataDir) => {
      const models = join(dataDir, 'models');
      mkdirSync(models, { recursive: true });
      writeModel(join(models, 'qwen2-0_5b-instruct-q4_k_m.gguf'), 'qwen2-tiny');
      // Big enough that an answer takes seconds on this CPU: the chat's progress and stop button can be seen and used.
      writeModel(join(models, 'gemma-3-4b-it-Q4_K_M.gguf'), 'gemma3-small');
      writeBertModel(join(models, 'multilingual-e5-small'), 'tiny');
      writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ ai: { gpu: 'off', threads: 1, contextSize: 1024 } }));
    },
  });

  it('shows each role on disk, tests the LLM (tokens/s, streamed text) and the embeddings', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-settings').click();
    const intent = page.getByTestId('model-intent');
    await expect.poll(() => intent.locator('[data-field="state"]').textContent()).toContain('保存済み');
    expect(await page.getByTestId('models-backend').textContent()).toContain('まだ使われていません');

    await page.getByTestId('model-test-intent').click();
    await expect
      .poll(() => intent.locator('[data-field="result"]').textContent(), { timeout: 30_000 })
      .toMatch(/[\d.]+ トークン\/秒（最初のトークンまで \d+ ms）/);
    expect(await intent.locator('[data-field="state"]').textContent()).toContain('読み込み済み');
    expect((await intent.locator('[data-field="stream"]').textContent())!.length).toBeGreaterThan(2);
    await expect.poll(() => page.getByTestId('models-backend').textContent()).toContain('CPU · 1 スレッド');

    const embedding = page.getByTestId('model-embedding');
    await page.getByTestId('model-test-embedding').click();
    await expect.poll(() => embedding.locator('[data-field="result"]').textContent(), { timeout: 30_000 }).toMatch(/4 × 32 のベクトルを \d+ ms で計算/);

    await page.getByTestId('models-panel').screenshot({ path: join(TEST_RESULTS, 'settings-models.png') });
    expect(env.ui.problems).toEqual([]);
  });

  it('shows the stages while the local model explains, and stops it: the standard explanation comes instead', async () => {
    const { page } = env.ui;
    // The questions are read by the rules. The generated intent model's reading is random words under the grammar (the
    // same ones every time: it is greedy and no timer cuts it, assistantDeterminism.test.ts); this test is about the
    // explanation, so the intent model is taken away (unloaded, its file removed).
    await env.app.ai.llm.unload('intent');
    rmSync(join(env.dataDir, 'models', 'qwen2-0_5b-instruct-q4_k_m.gguf'));
    expect(env.app.ai.llm.status().find((r) => r.role === 'intent')?.state).toBe('not_configured');
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('chat-input').fill('札幌の補正待ちは何件？');
    await page.getByTestId('chat-send').click();
    const progress = page.getByTestId('chat-progress');
    // The answer model is working: 読み取り, データ done, 説明 current.
    await expect.poll(() => progress.locator('li[aria-current="step"]').textContent(), { timeout: 30_000 }).toBe('説明');
    expect(await progress.locator('li.done').allTextContents()).toEqual(['読み取り', 'データ', '最適化']);
    await page.screenshot({ path: join(TEST_RESULTS, 'chat-running-1280-ja.png') });
    await page.getByTestId('chat-stop').click();
    await page.getByTestId('timings').waitFor({ timeout: 20_000 });
    // The generation was cancelled (the app log says so), and the figures from SQL came as the standard explanation.
    const cancelled = (): number => (readFileSync(join(env.dataDir, 'logs', 'genba.log'), 'utf8').match(/AI_CANCELLED/g) ?? []).length;
    expect(cancelled()).toBe(1);
    expect(await page.getByTestId('chat-answer').last().textContent()).toMatch(/^補正待ち（15:40時点）:\s*- 札幌: \d+ 件/);
    expect(await page.getByTestId('timings').textContent()).toContain('定型の説明');
    await expect.poll(() => page.getByTestId('model-state').textContent()).toContain('説明: 読み込み済み（CPU）');
    // The same in English.
    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('chat-input').fill('How many items wait for correction in Sapporo?');
    await page.getByTestId('chat-send').click();
    await expect.poll(() => progress.locator('li[aria-current="step"]').textContent(), { timeout: 30_000 }).toBe('Explain');
    expect(await page.getByTestId('model-state').textContent()).toContain('Explanations: loaded (CPU)');
    await page.screenshot({ path: join(TEST_RESULTS, 'chat-running-1280-en.png') });
    await page.getByTestId('chat-stop').click();
    await expect.poll(() => page.getByTestId('timings').count(), { timeout: 20_000 }).toBe(2);
    expect(cancelled()).toBe(2);
    expect(await page.getByTestId('chat-answer').last().textContent()).toMatch(/^Waiting for correction \(as of 15:40\):\s*- Sapporo: \d+ items/);
    env.app.updateSettings({ lang: 'ja' });
    if (size) await page.setViewportSize(size);
    expect(env.ui.problems).toEqual([]);
    // Its own waits add up to 100 s (two answers, each up to 30 s to reach 説明 and 20 s to stop); the
    // default 60 s ran out once with the suite's other files loading models beside it (87 s for the file).
  }, 150_000);
});
