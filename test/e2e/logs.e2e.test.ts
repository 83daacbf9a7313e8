import Database from 'better-sqlite3';
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
    await expect.poll(() => rows.first().locator('code').textContent()).toMatch(/^OCR timeout after <\*> for image/);
    await rows.first().click();
    const detail = page.getByTestId('log-template-detail');
    await expect.poll(() => detail.textContent()).toContain('30000 ms');
    expect(await detail.locator('.samples li').count()).toBe(10);
    // The selected template on the site's time axis: its lines in the window, as the store counts them.
    const id = Number((await rows.first().getAttribute('data-testid'))!.replace('log-template-', ''));
    const timeline = env.app.alerts.timeline('札幌', {}, id);
    const lines = timeline.template!.points.reduce((n, p) => n + p.lines, 0);
    expect(lines).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('timeline-template').textContent()).toContain(`${lines.toLocaleString('ja-JP')}行`);
    // Parameters named from the text before them, not only by position; no raw similarity score in the results.
    expect(await detail.locator('.params code').allTextContents()).toContain('queue');
    expect(await rows.first().textContent()).not.toMatch(/ 0\.\d\d$/);
    // The OCR timeout spike is badged in the list.
    expect(await rows.first().getByTestId('log-template-badge').textContent()).toBe('急増');
    await page.getByTestId('log-search-clear').click();
    await expect.poll(() => page.getByTestId('log-search-input').inputValue()).toBe('');
    await page.screenshot({ path: join(TEST_RESULTS, 'logs.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });

  it('opens the timeline on the site of the incident, with its effect on the speed, and filters templates as the core does', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-logs').click();
    // The urgent site first: the OCR incident is 札幌's.
    await expect.poll(() => page.getByTestId('timeline-site').inputValue(), { timeout: 20_000 }).toBe('札幌');
    const incidents = page.getByTestId('timeline-incidents');
    await expect.poll(() => incidents.textContent(), { timeout: 20_000 }).toContain('ocr-sapporo-01');
    const text = (await incidents.textContent())!;
    expect(text).toContain('13:50〜');
    expect(text).toMatch(/影響: 札幌 エントリ1（業務 \d+）の速度 毎分[\d.]+ → [\d.]+件（\d\d:\d\dから）/);
    await page.getByTestId('site-timeline').locator('canvas').waitFor();

    // The volume chart, by level, over the last 24 hours: its error lines add up to the store's.
    await page.getByTestId('log-volume').locator('canvas').waitFor();
    const volume = env.app.logs.volume({});
    expect(volume.bucketMinutes).toBe(15);
    const errors = volume.buckets.reduce((n, b) => n + b.ERROR, 0);
    const db = new Database(join(env.dataDir, 'genba.sqlite'), { readonly: true });
    const stored = (db.prepare("SELECT COUNT(*) AS n FROM app_logs WHERE level = 'ERROR' AND ts >= ? AND ts < ?").get(volume.from, volume.to) as { n: number })
      .n;
    db.close();
    expect(errors).toBe(stored);
    // A family picked in the list narrows the templates to its own.
    const families = env.app.logs.clusters();
    const biggest = [...families].sort((a, b) => b.templates.length - a.templates.length)[0]!;
    await page.getByTestId(`log-family-${biggest.id}`).click();
    const shown = Math.min(60, env.app.logs.templates(300).filter((x) => x.clusterId === biggest.id).length);
    await expect.poll(() => page.getByTestId('log-templates').locator('tbody tr').count()).toBe(shown);
    await page.getByTestId('log-family-clear').click();

    // Level and period narrow the list exactly as the core's filter does (the period ends at the app's clock).
    const now = env.app.status().clock.now;
    const expected = env.app.logs.templates(300, { level: 'ERROR', from: now - 6 * 3_600_000, to: now }).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(env.app.logs.templates(300).length);
    await page.getByTestId('log-filter-level').selectOption('ERROR');
    await page.getByTestId('log-filter-period').selectOption('6');
    await page.getByTestId('log-filter-apply').click();
    await expect.poll(() => page.getByTestId('log-filter-active').textContent()).toBe(`絞り込み中: ${expected}件のテンプレート`);
    expect(await page.getByTestId('log-templates').locator('tbody tr').count()).toBe(Math.min(60, expected));

    // As a manager's laptop shows it, in both languages.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(TEST_RESULTS, 'logs-timeline-1280-ja.png') });
    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-logs').click();
    await expect
      .poll(() => page.getByTestId('timeline-incidents').textContent(), { timeout: 20_000 })
      .toMatch(/Affects: 札幌 エントリ1 \(business \d+\) speed/);
    await page.getByTestId('site-timeline').locator('canvas').waitFor();
    await page.screenshot({ path: join(TEST_RESULTS, 'logs-timeline-1280-en.png') });
    env.app.updateSettings({ lang: 'ja' });
    if (size) await page.setViewportSize(size);
    expect(env.ui.problems).toEqual([]);
  });
});
