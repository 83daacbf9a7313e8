import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../main/config/clock.js';
import { CLICKHOUSE_PASSWORD as SECRET_NAME, memorySecretStore } from '../../main/config/secretStore.js';
import { generateSql } from '../bench/clickhouseScale.js';
import { openAppInChromium, DEMO_NOW, type AppInChromium } from '../helpers/appInChromium.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../helpers/clickhouse.js';
import { SCREEN_SIZES, TEST_RESULTS } from '../helpers/genbaPage.js';

const NOW = parseIsoInstant(DEMO_NOW);
/** Two animation frames of the page (a script: this file is not compiled with the DOM's types): laid out and painted. */
const TWO_FRAMES = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))';
/** A count as the screen writes it ("1,234"). */
const num = (s: string | null): number => Number((s ?? '').replace(/[^\d]/g, ''));

/**
 * Issue 42: the demo company with its logs in ClickHouse (60,000 demo-like lines over the last
 * day), synced as groups; a manager opens a template in the Logs view and asks for its detail
 * from ClickHouse. The drill-down's count is ClickHouse's, and equals the laptop's own count of
 * the same lines shown above it.
 */
describe('a template drilled into ClickHouse from the Logs view, in Chromium', () => {
  let ch: ClickHouse;
  let env: AppInChromium;

  beforeAll(async () => {
    ch = await startClickHouse();
    await ch.exec('CREATE DATABASE logs');
    await ch.exec(`CREATE TABLE logs.app_logs (ts DateTime, service String, host String, level String, message String, trace_id String)
      ENGINE = MergeTree PARTITION BY toYYYYMMDD(ts) ORDER BY (service, ts)`);
    await ch.exec(generateSql(60_000, 1, Math.floor(NOW / 1000)));
    env = await openAppInChromium({
      prepare: (dir) => writeFileSync(join(dir, 'config.json'), JSON.stringify({ logs: logsConfig(ch.url, { keepRawDays: 7 }) })),
      options: { secrets: memorySecretStore({ [SECRET_NAME]: CLICKHOUSE_PASSWORD }) },
    });
    await env.app.syncNow();
  }, 300_000);

  afterAll(async () => {
    await env?.close();
    await ch?.destroy();
  });

  it('shows the finer shapes and newest lines from ClickHouse, with the same count as the laptop’s', async () => {
    const { page } = env.ui;
    /** The drill-down at the three sizes, each laid out again before it is taken (a resized page scrolled at once drew half its height). */
    const shoot = async (lang: string): Promise<void> => {
      for (const [width, height] of SCREEN_SIZES) {
        await page.setViewportSize({ width, height });
        await page.evaluate(TWO_FRAMES);
        await page.getByTestId('log-drill-shapes').scrollIntoViewIfNeeded();
        await page.evaluate(TWO_FRAMES);
        await page.screenshot({ path: join(TEST_RESULTS, `logs-drill-${width}-${lang}.png`) });
      }
    };
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('nav-logs').click();
    const rows = page.getByTestId('log-templates').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    // The busiest template: the entry API's POST with its batch, duration and user.
    const busiest = await rows.evaluateAll(
      (rs) =>
        rs
          .map((r) => ({
            id: r.getAttribute('data-testid') ?? '',
            n: Number((r.querySelector('[data-testid="log-template-count"]')?.textContent ?? '').replace(/\D/g, '')),
          }))
          .sort((a, b) => b.n - a.n)[0]!,
    );
    await page.getByTestId(busiest.id).click();
    await page.getByTestId('log-template-detail').waitFor();
    // The laptop's count of the template's lines in the range: its row in the list.
    const laptop = busiest.n;
    // The values' counts are of the groups' sampled messages, and the heading says so.
    expect(await page.getByTestId('log-template-detail').textContent()).toContain('サーバーが集計した行から取った見本の数');
    await page.getByTestId('log-drill').click();
    await page.getByTestId('log-drill-total').waitFor({ timeout: 60_000 });
    expect(num(await page.getByTestId('log-drill-total').textContent())).toBe(laptop);
    const shapes = page.getByTestId('log-drill-shapes').locator('li');
    expect(await shapes.count()).toBeGreaterThan(1);
    expect(await page.getByTestId('log-drill-lines').locator('li').count()).toBe(20);
    // The shapes' lines are those ClickHouse counts for the template's text, without the laptop in between.
    const [server] = await ch.query<{ n: string }>(
      `SELECT toString(count()) AS n FROM logs.app_logs WHERE message LIKE 'POST /api/v1/batches/%' AND ts >= toDateTime(${NOW / 1000 - 86_400}) AND ts < toDateTime(${NOW / 1000})`,
    );
    expect(laptop).toBe(Number(server!.n));
    await shoot('ja');

    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-logs').click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await page.getByTestId(busiest.id).click();
    await page.getByTestId('log-drill').click();
    await page.getByTestId('log-drill-total').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('log-drill-total').textContent()).toBe(`${laptop.toLocaleString('en-US')} lines in ClickHouse in this period`);
    await shoot('en');
    env.app.updateSettings({ lang: 'ja' });
  }, 240_000);
});
