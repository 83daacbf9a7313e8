import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

describe('hostile text and diagnostics in Chromium', () => {
  const env = useAppInChromium();

  it('shows log lines with NUL, escape codes and HTML as visible text, never as markup', async () => {
    const file = join(env.dataDir, 'hostile.log');
    writeFileSync(file, '2025-10-23 15:39:00 ERROR hostile-marker nul \u0000 esc \u001b[31m <img src=x onerror=alert(1)><b>bold</b>\n');
    expect(env.app.logs.ingestFiles([file]).lines).toBe(1);
    await env.app.logs.refresh();
    const { page } = env.ui;
    await page.getByTestId('nav-logs').click();
    await page.getByTestId('log-search-input').fill('hostile-marker nul esc');
    await page.getByTestId('log-search').click();
    const row = page.getByTestId('log-templates').locator('tbody tr', { hasText: 'hostile-marker' }).first();
    await row.waitFor();
    await row.click();
    const sample = page.getByTestId('log-sample').first();
    await expect.poll(() => sample.textContent()).toContain('\\x00');
    const text = (await sample.textContent())!;
    expect(text).toContain('\\x1b[31m');
    expect(text).toContain('<img src=x onerror=alert(1)><b>bold</b>');
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(env.ui.problems).toEqual([]);
  });

  it('runs the diagnostics from Settings, the same checks as genba doctor', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('doctor-run').click();
    const checks = page.getByTestId('doctor-checks');
    await checks.waitFor({ timeout: 30_000 });
    for (const id of ['data_dir', 'database', 'backups', 'index', 'models', 'gpu', 'source']) expect(await page.getByTestId(`check-${id}`).count()).toBe(1);
    expect(await page.getByTestId('check-database').textContent()).toContain('整合性に問題なし');
    await page.getByTestId('diagnostics').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(TEST_RESULTS, 'diagnostics.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });
});
