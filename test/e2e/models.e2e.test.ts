import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { writeModel } from '../fixtures/models/ggufModels.js';
import { writeBertModel } from '../fixtures/models/onnxBert.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

describe('Settings → Models in Chromium, with generated models on the real runtimes', () => {
  const env = useAppInChromium({
    // Generated models under the manifest's names, as `genba models import` would leave them.
    prepare: (dataDir) => {
      const models = join(dataDir, 'models');
      mkdirSync(models, { recursive: true });
      writeModel(join(models, 'qwen2-0_5b-instruct-q4_k_m.gguf'), 'qwen2-tiny');
      writeModel(join(models, 'gemma-3-4b-it-Q4_K_M.gguf'), 'gemma3-tiny');
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
});
