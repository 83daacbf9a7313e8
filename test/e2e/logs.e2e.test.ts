import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

describe('Logs view in Chromium, on the demo company', () => {
  const env = useAppInChromium();

  it('shows families, the anomalies of the reference incident, templates, search and a template detail', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-logs').click();
    await page.getByTestId('log-scatter').locator('canvas').waitFor();
    await expect.poll(() => page.getByTestId('log-anomalies').textContent(), { timeout: 20_000 }).toContain('ocr-worker');
    expect(await page.getByTestId('log-anomalies').textContent()).toContain('エラーの急増');
    const rows = page.getByTestId('log-templates').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(60, env.app.logs.templates().length));
    expect(await rows.first().locator('svg polyline').count()).toBe(1);

    await page.getByTestId('log-search-input').fill('OCR timeout for image');
    await page.getByTestId('log-search').click();
    await expect.poll(() => rows.first().textContent()).toMatch(/^OCR timeout after <\*> for image/);
    await rows.first().click();
    const detail = page.getByTestId('log-template-detail');
    await expect.poll(() => detail.textContent()).toContain('30000 ms');
    expect(await detail.locator('.samples li').count()).toBe(10);
    await page.screenshot({ path: join(TEST_RESULTS, 'logs.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });
});
