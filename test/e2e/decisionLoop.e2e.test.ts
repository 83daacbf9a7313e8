import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../main/app.js';
import { parseIsoInstant } from '../../main/config/clock.js';
import { DEMO_NOW } from '../helpers/appInChromium.js';
import { copyDemoStore } from '../helpers/demoStore.js';
import { openGenbaPage, TEST_RESULTS, type GenbaPage } from '../helpers/genbaPage.js';
import { tempDir } from '../helpers/tempDir.js';
import { addSnapshotsAtPace, speedBetween } from '../helpers/laterSnapshots.js';

const MINUTE = 60_000;

/**
 * The loop closed on screen (issue 29): the manager approves the reference proposal in the
 * chat, then finds the decision where the problem was — the overview's 要対応 row and the delay
 * alert — with its expected finish; later, with the snapshots the moved people produced, the
 * overview and the approvals list show the promised and the actual speed side by side.
 */
describe('a decision shows where the problem was, and how it went', () => {
  const dir = tempDir();
  let app: GenbaApp | null = null;
  let ui: GenbaPage | null = null;
  const close = async (): Promise<void> => {
    await ui?.close();
    await app?.stop();
    ui = null;
    app = null;
  };
  afterAll(async () => {
    await close();
    dir.remove();
  });
  let proposal = { id: '', site: '', process: '', businessId: '', promised: 0, current: 0 };

  it('approved in the chat, the decision is on the overview and on the alert, with the finish it promises', async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: parseIsoInstant(DEMO_NOW) });
    await app.start();
    ui = await openGenbaPage(app, { width: 1280, height: 720 });
    const { page } = ui;
    // The alerts run as in the app (its background start): the delay's alert before the decision.
    app.alerts.start();
    app.alerts.check();
    const before = app.alerts.list({ status: 'open', kind: 'delay_risk', site: '札幌' }).find((a) => a.process === 'エントリ1')!;
    expect(before.decision).toBeNull();
    await page.getByTestId('nav-alerts').click();
    const alertItem = page.getByTestId(`alert-${before.id}`);
    expect(await alertItem.textContent()).toContain('遅れる見込み');
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('chat-input').fill('札幌のエントリ1工程が遅延しています');
    await page.getByTestId('chat-input').press('Enter');
    const card = page.getByTestId('proposal-card');
    await card.waitFor();
    const p = app.assistant.proposal((await card.getAttribute('data-proposal-id'))!).proposal;
    proposal = {
      id: p.id,
      site: p.site,
      process: p.process,
      businessId: p.businessId,
      promised: p.facts.currentPerMinute + p.facts.addedPerMinute,
      current: p.facts.currentPerMinute,
    };
    await page.getByTestId('approve').click();
    await page.getByTestId('approve-confirmed').click();
    await expect.poll(() => page.getByTestId('proposal-status').textContent()).toBe('承認済み');
    // The card itself, once decided: the promise, and that its effect is being measured.
    await card.getByTestId('decision-measuring').waitFor();
    expect(await card.getByTestId('decision-promised').textContent()).toBe(
      `約束 毎分${(p.facts.currentPerMinute + p.facts.addedPerMinute).toFixed(1)}件・完了見込み 15:58`,
    );

    // The overview: the 要対応 row of 札幌 エントリ1 says it was handled, when, how many, and the finish expected.
    await page.getByTestId('nav-overview').click();
    const urgent = page.getByTestId(`urgent-札幌-${p.businessId}-エントリ1`);
    await urgent.getByTestId('decision-note').waitFor();
    expect(await urgent.getByTestId('decision-head').textContent()).toBe('承認済み 15:40');
    expect(await urgent.getByTestId('decision-moved').textContent()).toBe(`${p.operators.length}名移動`);
    expect(await urgent.getByTestId('decision-promised').textContent()).toBe(`約束 毎分${proposal.promised.toFixed(1)}件・完了見込み 15:58`);
    expect(await urgent.getByTestId('decision-measuring').textContent()).toContain('効果を測定中（15:42から）');
    // Handled: no second consultation offered while the move is being measured.
    expect(await urgent.getByTestId('urgent-consult').count()).toBe(0);
    await page.screenshot({ path: join(TEST_RESULTS, 'decision-overview-1280-ja.png') });
    for (const [width, height] of [
      [1024, 640],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(TEST_RESULTS, `decision-overview-${width}-ja.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    // The delay alert follows the decision at once: no sync and no 今すぐ確認 in between.
    await page.getByTestId('nav-alerts').click();
    const delayNow = () => app!.alerts.list({ status: 'open', kind: 'delay_risk', site: '札幌' }).find((a) => a.process === 'エントリ1')!;
    await expect.poll(() => delayNow().decision !== null, { timeout: 10_000 }).toBe(true);
    const delay = delayNow();
    expect({ id: delay.id, title: delay.title === before.title }).toEqual({ id: before.id, title: false });
    const item = page.getByTestId(`alert-${delay.id}`);
    await item.getByTestId('decision-note').waitFor();
    expect(await item.textContent()).not.toContain('遅れる見込み');
    expect(await item.textContent()).toContain(`札幌 エントリ1（SS）: 15:40に${p.operators.length}名の応援を承認済み・完了見込み 15:58（納期 16:00）`);
    expect(await item.getByTestId('decision-promised').textContent()).toContain('15:58');
    await page.screenshot({ path: join(TEST_RESULTS, 'decision-alert-1280-ja.png') });
    await close();
  }, 180_000);

  it('with the snapshots taken since, the overview and the approvals list put the promised and the actual speed side by side', async () => {
    // The moved people at work: a snapshot every 5 minutes at the promised pace, up to 15:55.
    const until = parseIsoInstant(DEMO_NOW) + 15 * MINUTE;
    const from = addSnapshotsAtPace(dir.path, proposal, proposal.promised, until);
    // What the screen must show: the speed from the first snapshot after the move's start to the last, from SQL.
    const actual = speedBetween(dir.path, proposal, from + 2 * MINUTE, until);

    app = createApp({ dataDir: dir.path, now: until });
    await app.start();
    ui = await openGenbaPage(app, { width: 1280, height: 720 });
    const { page } = ui;
    // No longer late: the row is in its site's card, the decision under it, promised beside actual.
    const row = page.getByTestId(`decision-札幌-${proposal.businessId}-エントリ1`);
    await row.waitFor();
    expect(await row.getByTestId('decision-promised').textContent()).toBe(`約束 毎分${proposal.promised.toFixed(1)}件・完了見込み 15:58`);
    expect(await row.getByTestId('decision-actual').textContent()).toMatch(new RegExp(`^実績 毎分${actual.toFixed(1)}件・完了見込み 15:5\\d$`));
    expect(await row.getByTestId('decision-verdict').textContent()).toBe('効果あり');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(TEST_RESULTS, 'decision-outcome-overview-1280-ja.png') });

    // The approvals list keeps the outcome.
    await page.getByTestId('nav-approvals').click();
    const listed = page.getByTestId(`approval-${proposal.id}`);
    await listed.waitFor();
    const outcome = listed.getByTestId('approval-outcome');
    expect(await outcome.getByTestId('decision-promised').textContent()).toContain(`毎分${proposal.promised.toFixed(1)}件`);
    expect(await outcome.getByTestId('decision-actual').textContent()).toContain(`毎分${actual.toFixed(1)}件`);
    await page.screenshot({ path: join(TEST_RESULTS, 'decision-outcome-approvals-1280-ja.png') });

    // The same in English.
    app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-approvals').click();
    await expect
      .poll(() => listed.getByTestId('approval-outcome').getByTestId('decision-actual').textContent())
      .toContain(`actual ${actual.toFixed(1)} items/min`);
    await page.screenshot({ path: join(TEST_RESULTS, 'decision-outcome-approvals-1280-en.png') });
  }, 180_000);
});
