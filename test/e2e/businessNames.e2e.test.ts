import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

describe('Settings → Business names in Chromium, wired to the real core', () => {
  const env = useAppInChromium();

  it("shows the demo company's names as the data source's, and a name saved there is the one the overview and the assistant use", async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-settings').click();
    const row = page.getByTestId('business-523201');
    await row.waitFor();
    expect(await page.getByTestId('business-name-523201').inputValue()).toBe('SS');
    expect(await row.locator('[data-field="from"]').textContent()).toBe('データソース');

    await page.getByTestId('business-name-523201').fill('健診入力');
    await page.getByTestId('business-aliases-523201').fill('けんしん、KS');
    await page.getByTestId('business-save-523201').click();
    await expect.poll(() => row.locator('[data-field="from"]').textContent()).toBe('この画面');
    expect(env.app.assistant.businessNames().find((b) => b.id === '523201')).toMatchObject({ name: '健診入力', aliases: ['けんしん', 'KS'], from: 'settings' });
    expect(env.app.overview().businessNames['523201']).toBe('健診入力');
    expect(env.app.assistant.readQuery('けんしんは間に合う？').query.business).toEqual(['523201']);

    await page.getByTestId('nav-overview').click();
    await expect.poll(() => page.getByTestId('urgent').locator('li').first().textContent()).toContain('健診入力');

    // An empty name gives the data source's name back.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('business-name-523201').fill('');
    await page.getByTestId('business-save-523201').click();
    await expect.poll(() => row.locator('[data-field="from"]').textContent()).toBe('データソース');
    expect(await page.getByTestId('business-name-523201').inputValue()).toBe('SS');

    // A long list of aliases is shown whole at the smallest window: the field wraps and grows instead of cutting it.
    const aliases = page.getByTestId('business-aliases-704518');
    await aliases.fill('アンケート、お客様アンケート、満足度調査、customer survey、CS調査、アンケート入力、顧客満足度アンケート');
    await page.setViewportSize({ width: 1024, height: 640 });
    await aliases.scrollIntoViewIfNeeded();
    const box = await aliases.evaluate((el) => ({ cutX: el.scrollWidth - el.clientWidth, cutY: el.scrollHeight - el.clientHeight, rows: el.clientHeight }));
    expect({ cutX: box.cutX <= 1, cutY: box.cutY <= 1 }).toEqual({ cutX: true, cutY: true });
    expect(box.rows).toBeGreaterThan(30); // more than one line
    await page.getByTestId('business-save-704518').click();
    await expect.poll(() => env.app.assistant.businessNames().find((b) => b.id === '704518')?.aliases.length).toBe(7);

    // As a manager sees the panel: at 1280x720 and 1024x640, in Japanese and English.
    const size = page.viewportSize();
    for (const lang of ['ja', 'en'] as const) {
      await page.getByTestId('lang-select').selectOption(lang);
      await expect.poll(() => env.app.config().lang).toBe(lang);
      await row.scrollIntoViewIfNeeded();
      for (const [width, height] of [
        [1280, 720],
        [1024, 640],
      ] as const) {
        await page.setViewportSize({ width, height });
        await row.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(TEST_RESULTS, `business-names-${width}-${lang}.png`) });
      }
    }
    if (size) await page.setViewportSize(size);
    expect(env.ui.problems).toEqual([]);
  });

  it('lists the words taught in the chat in Settings → Words taught, and forgets one there for the next question (issue 60)', async () => {
    const { page } = env.ui;
    await env.app.assistant.ask('物量は到着件数のこと');
    expect(env.app.assistant.readQuery('札幌の物量は？').query.measure).toBe('arrivals');
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-settings').click();
    const row = page.getByTestId('taught-物量');
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toMatch(/到着件数|items arrived/);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(TEST_RESULTS, `taught-words-${env.app.config().lang}.png`) });
    await page.getByTestId('taught-forget-物量').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(env.app.assistant.words()).toEqual([]);
    expect(env.app.assistant.readQuery('札幌の物量は？').query.measure).not.toBe('arrivals');
    expect(env.ui.problems).toEqual([]);
  });
});
