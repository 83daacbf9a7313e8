import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApp, type GenbaApp } from '../../main/app.js';
import { parseIsoInstant } from '../../main/config/clock.js';
import { updateConfig } from '../../main/config/updateConfig.js';
import { DEMO_NOW } from '../helpers/appInChromium.js';
import { copyDemoStore } from '../helpers/demoStore.js';
import { openGenbaPage, TEST_RESULTS, type GenbaPage } from '../helpers/genbaPage.js';
import { tempDir } from '../helpers/tempDir.js';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The people of the newest proposal card in the chat, by the core's own record of it. */
async function newestCard(page: Page, app: GenbaApp, count: number): Promise<{ id: string; operators: number[] }> {
  const cards = page.getByTestId('proposal-card');
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(count);
  const id = (await cards.nth(count - 1).getAttribute('data-proposal-id'))!;
  return { id, operators: app.assistant.proposal(id).proposal.operators.map((op) => op.id) };
}

/**
 * Issue 62's decision loop on an English screen, in Chromium against the real core: the overview's and the alert's
 * buttons send a request (the line and the operation), not a sentence, so each gives a card in English; a rejection is
 * remembered by the next proposal; an approval turns the line and its alert into a decision at once, without a sync.
 */
describe('the consult buttons, a rejection and an approval, in English', () => {
  const dir = tempDir();
  let app: GenbaApp | null = null;
  let ui: GenbaPage | null = null;
  afterAll(async () => {
    await ui?.close();
    await app?.stop();
    dir.remove();
  });

  it('gives a card from either button, keeps a rejected proposal out of the next, and reads an approved line as decided', async () => {
    await copyDemoStore(dir.path);
    updateConfig(dir.path, (c) => ({ ...c, lang: 'en' }));
    app = createApp({ dataDir: dir.path, now: parseIsoInstant(DEMO_NOW) });
    await app.start();
    app.alerts.start();
    app.alerts.check();
    ui = await openGenbaPage(app, { width: 1280, height: 720 });
    const { page } = ui;
    const line = app.overview().urgent.find((p) => p.site === '札幌' && p.process === 'エントリ1')!;
    const delay = app.alerts.list({ status: 'open', kind: 'delay_risk', site: '札幌' }).find((a) => a.process === 'エントリ1')!;
    const badge = page.getByTestId('alert-count');
    await badge.waitFor();
    const alertsBefore = Number(await badge.textContent());

    // The overview's "Get a proposal": a card, in a conversation whose title is in English.
    const row = page.getByTestId(`urgent-札幌-${line.businessId}-エントリ1`);
    await row.getByTestId('urgent-consult').click();
    const first = await newestCard(page, app, 1);
    expect(first.operators.length).toBeGreaterThan(0);
    const title = (await page.getByTestId('conversation-open').first().getAttribute('title'))!;
    expect(title).toMatch(/^Sapporo Entry 1 is late/);
    expect(title).not.toMatch(JAPANESE);

    // Rejected with a reason.
    const card = page.getByTestId('proposal-card').first();
    await card.getByTestId('reject').click();
    await card.getByTestId('decision-reason').fill('Morioka is busy this afternoon');
    await card.getByTestId('confirm-decision').click();
    await expect.poll(() => card.getByTestId('proposal-status').textContent()).toBe('Rejected');

    // The alert's "Propose a fix": a card again, naming the rejection and proposing none of its people.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId(`alert-${delay.id}`).click();
    await page.getByTestId('alert-propose').click();
    const second = await newestCard(page, app, 1);
    expect(second.id).not.toBe(first.id);
    expect(second.operators.filter((id) => first.operators.includes(id))).toEqual([]);
    const log = await page.getByTestId('chat-log').innerText();
    expect(log).toContain('The proposal rejected at 15:40');
    expect(log).toContain('Morioka is busy this afternoon');

    // Approved: the line reads as decided on the overview, the badge counts one alert fewer, and the alert offers no
    // second consultation. No sync, no check by hand.
    const approved = page.getByTestId('proposal-card').first();
    await approved.getByTestId('approve').click();
    await approved.getByTestId('approve-confirmed').click();
    await expect.poll(() => approved.getByTestId('proposal-status').textContent()).toBe('Approved');
    await page.getByTestId('nav-overview').click();
    await expect.poll(() => row.getAttribute('class'), { timeout: 10_000 }).toBe('status-decided');
    expect(await row.locator('[data-field="late"]').textContent()).toBe('Handled');
    expect(await row.getByTestId('urgent-consult').count()).toBe(0);
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe(String(alertsBefore - 1));
    await page.screenshot({ path: join(TEST_RESULTS, 'decided-overview-1280-en.png') });
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId(`alert-${delay.id}`).click();
    await page.getByTestId(`alert-${delay.id}`).getByTestId('decision-note').waitFor();
    expect(await page.getByTestId('alert-propose').count()).toBe(0);
    await page.screenshot({ path: join(TEST_RESULTS, 'decided-alert-1280-en.png') });

    // The approvals list: the rejection says who it would have moved.
    await page.getByTestId('nav-approvals').click();
    const rejected = page.getByTestId(`approval-${first.id}`);
    await rejected.waitFor();
    expect(await rejected.getByTestId('approval-not-moved').textContent()).toMatch(new RegExp(`^${first.operators.length} proposed, not moved: \\w`));
    for (const [width, height] of [
      [1024, 640],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(TEST_RESULTS, `decided-approvals-${width}-en.png`) });
      await page.getByTestId('nav-overview').click();
      await row.waitFor();
      await page.screenshot({ path: join(TEST_RESULTS, `decided-overview-${width}-en.png`) });
      await page.getByTestId('nav-approvals').click();
    }
    expect(ui.problems).toEqual([]);
  }, 240_000);
});
