import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

/**
 * One line of work, every view: the reference line (札幌 エントリ1, SS, at 15:40: 120 items left,
 * 5.0 a minute against 6.0 needed, deadline 16:00, finish 16:04, 4 minutes late) as the overview's row,
 * the 要対応 strip, the delay alert, the chat's answers about it and the proposal for it show it. Each
 * figure must be written the same way wherever it appears: one formatter, one rounding rule per unit.
 */
describe('the reference line written the same way in every view (Chromium, demo company)', () => {
  const env = useAppInChromium();

  const ask = async (page: Page, question: string): Promise<Locator> => {
    await page.getByTestId('nav-chat').click();
    const before = await page.getByTestId('chat-entry').count();
    await page.getByTestId('chat-input').fill(question);
    await page.getByTestId('chat-send').click();
    await expect.poll(() => page.getByTestId('timings').count(), { timeout: 30_000 }).toBe(before + 1);
    return page.getByTestId('chat-entry').nth(before);
  };

  it('speed, needed speed, items left, deadline, finish and lateness read the same in the overview, the strip, the alert and the chat', async () => {
    const { page } = env.ui;
    const views: Record<string, string> = {};
    const row = page.getByTestId('row-札幌-523201-エントリ1');
    await row.waitFor();
    views.row = (await row.innerText()).replace(/\s+/g, ' ');
    views.strip = (await page.getByTestId('urgent-札幌-523201-エントリ1').innerText()).replace(/\s+/g, ' ');

    env.app.alerts.check();
    await page.getByTestId('nav-alerts').click();
    const delay = env.app.alerts.list({ status: 'open', kind: 'delay_risk', site: '札幌' }).find((a) => a.process === 'エントリ1')!;
    await page.getByTestId(`alert-${delay.id}`).click();
    views.alert = (await page.getByTestId('alert-detail').innerText()).replace(/\s+/g, ' ');

    views.status = (await (await ask(page, '札幌のエントリ1の状況は？')).innerText()).replace(/\s+/g, ' ');
    views.speed = (await (await ask(page, '札幌のエントリ1（SS）の処理速度は？')).innerText()).replace(/\s+/g, ' ');
    views.needed = (await (await ask(page, '札幌のエントリ1（SS）の必要な速度は？')).innerText()).replace(/\s+/g, ' ');
    views.proposal = (await (await ask(page, '札幌のエントリ1工程が遅延しています')).innerText()).replace(/\s+/g, ' ');
    await page.screenshot({ path: join(TEST_RESULTS, 'reference-line-chat-1280-ja.png') });

    // Every view that gives the items left names 120, and its finish at the current speed as 16:04 where it gives one.
    for (const view of ['row', 'strip', 'alert', 'status', 'proposal']) expect(views[view], view).toMatch(/(^|[^\d,])120([^\d]|$)/);
    for (const view of ['row', 'alert']) expect(views[view], view).toContain('16:04');
    // The speed now is 5.0 and the speed needed 6.0 wherever they are written: never 5 or 6 alone, never a second decimal.
    for (const view of ['row', 'strip', 'alert', 'speed', 'proposal']) expect(views[view], view).toMatch(/(^|[^\d.])5\.0([^\d]|$)/);
    for (const view of ['row', 'strip', 'alert', 'needed', 'proposal']) expect(views[view], view).toMatch(/(^|[^\d.])6\.0([^\d]|$)/);
    for (const [view, text] of Object.entries(views)) {
      expect(text.match(/毎分[56]件|[^\d.][56]\/min|[56] items\/min|[56]\.\d\d/g), view).toBeNull();
    }
    // The proposal's post-switch figure is another measure: named as such, beside the overview's 6.0.
    expect(views.proposal).toMatch(/今から納期までに必要な速度は毎分6\.0件、移動の切替2分の後には毎分6\.1件が必要/);
    expect(env.ui.problems).toEqual([]);
  });
});
