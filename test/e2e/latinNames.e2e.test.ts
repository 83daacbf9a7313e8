import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

describe('English screens write the company names in Latin letters (real core, real readings, Chromium)', () => {
  const env = useAppInChromium();

  it('shows sites, processes, businesses and people in Latin letters in English (processes by their English words), and requests keep the names', async () => {
    const { page } = env.ui;
    // The start-up work makes the readings (kuromoji) and tells the screens.
    await env.app.assistant.prepare({ solver: false });
    const latin = env.app.assistant.latinNames();
    expect(latin['札幌']).toBe('Sapporo');
    expect(latin['エントリ1']).toBe('Entry 1');

    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    const sites = env.app.overview().sites.map((s) => s.site);
    for (const site of sites) {
      await expect.poll(() => page.getByTestId(`site-${site}`).locator('h2').textContent()).toBe(latin[site] ?? site);
    }
    // Nothing on the English overview is left in Japanese: names, summary, the urgent strip and every card.
    const text = (await page.locator('main').innerText()).split('\n').filter((line) => JAPANESE.test(line));
    expect(text).toEqual([]);
    await page.screenshot({ path: join(TEST_RESULTS, 'latin-names-overview-1280-en.png') });

    // The alerts' titles, and the approvals' people, in Latin letters too.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alert-list').locator('li').first().waitFor();
    const titles = await page.getByTestId('alert-list').locator('li > div').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((t) => JAPANESE.test(t))).toEqual([]);

    // The request a button sends carries the line itself (its reading), not words to parse: written in Latin letters, it
    // still gives a proposal for the company's own line.
    await page.getByTestId('nav-overview').click();
    const consult = page.getByTestId('urgent-consult').first();
    const urgent = env.app.overview().urgent[0];
    if ((await consult.count()) > 0 && urgent) {
      await consult.click();
      const card = page.getByTestId('proposal-card').first();
      await card.waitFor({ timeout: 30_000 });
      const proposal = env.app.assistant.proposal((await card.getAttribute('data-proposal-id'))!).proposal;
      expect([proposal.site, proposal.process, proposal.businessId]).toEqual([urgent.site, urgent.process, urgent.businessId]);
      // The request as the chat shows it (its first line) is in English.
      expect((await page.getByTestId('chat-entry').first().innerText()).split('\n')[0]).not.toMatch(JAPANESE);
    }

    // Japanese screens keep the names as the company writes them.
    env.app.updateSettings({ lang: 'ja' });
    await page.getByTestId('nav-overview').click();
    await expect.poll(() => page.getByTestId(`site-${sites[0]}`).locator('h2').textContent()).toBe(sites[0]);
    expect(env.ui.problems).toEqual([]);
  });
});
