import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GenbaEvent } from '../../main/api/types.js';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { writeModel } from '../fixtures/models/ggufModels.js';
import { writeBertModel } from '../fixtures/models/onnxBert.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';
import { tempDir } from '../helpers/tempDir.js';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Settings → Models → import from a folder, as an air-gapped manager does from a USB stick: the folder
 * holds two generated GGUF models listed in its SHA256SUMS (one whose copy was damaged: its listed sum
 * is not its own), a generated one it does not list, a file that is not GGUF, and an ONNX model folder.
 * The app's folder dialog is the test's folder.
 */
describe('import models from a folder in Settings (Chromium, real core, generated models)', () => {
  const stick = tempDir('genba-usb-');
  afterAll(() => stick.remove());
  mkdirSync(stick.path, { recursive: true });
  writeModel(join(stick.path, 'site-intent-tiny.gguf'), 'qwen2-tiny');
  writeModel(join(stick.path, 'damaged-copy.gguf'), 'qwen2-tiny');
  writeModel(join(stick.path, 'unlisted.gguf'), 'qwen2-tiny');
  writeFileSync(join(stick.path, 'notes.gguf'), 'not a model, only text with the wrong extension');
  writeBertModel(join(stick.path, 'multilingual-e5-small'), 'tiny');
  writeFileSync(join(stick.path, 'readme.txt'), 'ignored: neither a GGUF file nor a model folder');
  // As `sha256sum *.gguf > SHA256SUMS` writes it; the damaged copy's line is of another file.
  writeFileSync(
    join(stick.path, 'SHA256SUMS'),
    `${sha256(join(stick.path, 'site-intent-tiny.gguf'))}  site-intent-tiny.gguf\n${'0'.repeat(64)} *damaged-copy.gguf\n`,
  );
  let picked = 0;
  const env = useAppInChromium({
    options: {
      pickFolder: async () => {
        picked++;
        return stick.path;
      },
    },
  });

  it('imports what it should with its sha256, refuses the wrong file and the damaged one with their reasons, and shows the progress', async () => {
    const { page } = env.ui;
    const events: GenbaEvent[] = [];
    const off = env.app.events.on((e) => void events.push(e));
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('model-import-start').click();
    const report = page.getByTestId('model-import-report');
    await report.waitFor({ timeout: 60_000 });
    off();
    expect(picked).toBe(1);

    // Every model found, in name order; nothing else (readme.txt, SHA256SUMS).
    expect(await report.locator('li').evaluateAll((li) => li.map((l) => [l.getAttribute('data-testid'), l.getAttribute('data-outcome')]))).toEqual([
      ['model-import-damaged-copy.gguf', 'refused'],
      ['model-import-multilingual-e5-small', 'imported'],
      ['model-import-notes.gguf', 'refused'],
      ['model-import-site-intent-tiny.gguf', 'imported'],
      ['model-import-unlisted.gguf', 'imported'],
    ]);
    const models = join(env.dataDir, 'models');
    // Listed and matching: copied byte for byte, said so, with its memory need against this machine's memory.
    const listed = page.getByTestId('model-import-site-intent-tiny.gguf');
    expect(sha256(join(models, 'site-intent-tiny.gguf'))).toBe(sha256(join(stick.path, 'site-intent-tiny.gguf')));
    expect(await listed.textContent()).toContain('sha256 が SHA256SUMS と一致');
    expect(await listed.textContent()).toMatch(new RegExp(`メモリ 約\\d+ MB 必要（このパソコン ${(totalmem() / 1024 ** 3).toFixed(1)} GB）`));
    // Not listed anywhere: copied, its sha256 shown, and that nothing checked it.
    const sum = sha256(join(stick.path, 'unlisted.gguf'));
    expect(await page.getByTestId('model-import-unlisted.gguf').textContent()).toContain(
      `sha256 ${sum.slice(0, 12)}…（SHA256SUMS にも一覧にもないため照合なし）`,
    );
    expect(sha256(join(models, 'unlisted.gguf'))).toBe(sum);
    // The damaged copy: refused with the reason, and not copied.
    expect(await page.getByTestId('model-import-damaged-copy.gguf').locator('[data-field="reason"]').textContent()).toBe(
      'damaged-copy.gguf の sha256 がフォルダの SHA256SUMS と一致しません。コピーの途中で壊れたか、別のファイルです。',
    );
    expect(existsSync(join(models, 'damaged-copy.gguf'))).toBe(false);
    // Not a GGUF file: refused before anything is copied.
    expect(await page.getByTestId('model-import-notes.gguf').locator('[data-field="reason"]').textContent()).toMatch(/GGUF/);
    expect(existsSync(join(models, 'notes.gguf'))).toBe(false);
    // The ONNX folder: the catalogue's embedding model by its folder's name.
    expect(await page.getByTestId('model-import-multilingual-e5-small').textContent()).toContain('multilingual-e5-small 取り込みました');
    expect(existsSync(join(models, 'multilingual-e5-small', 'tokenizer.json'))).toBe(true);

    // The progress: percentages that only grow, to 100, as the panel shows at the end.
    const pct = events.flatMap((e) => (e.type === 'progress' && e.task === 'model-import' ? [e.done] : []));
    expect(pct.length).toBeGreaterThan(2);
    expect(pct.at(-1)).toBe(100);
    expect(pct.every((p, i) => i === 0 || p >= pct[i - 1]!)).toBe(true);
    expect(await page.getByTestId('model-import-progress').getAttribute('data-pct')).toBe('100');
    await page.getByTestId('models-panel').screenshot({ path: join(TEST_RESULTS, 'settings-model-import-ja.png') });
    expect(env.ui.problems).toEqual([]);
  });
});
