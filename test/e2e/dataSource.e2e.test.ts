import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenbaApp } from '../../main/app.js';
import { parseIsoInstant } from '../../main/config/clock.js';
import { memorySecretStore } from '../../main/config/secretStore.js';
import { seedCompany } from '../helpers/companyDb.js';
import { openAppInChromium, type AppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS, type GenbaPage } from '../helpers/genbaPage.js';
import { startMariaDb, type MariaDb } from '../helpers/mariadb.js';
import { recordDecision } from '../helpers/recordDecision.js';

describe('Settings → Data source in Chromium, against a real MariaDB', () => {
  let env: AppInChromium;
  let maria: MariaDb;
  let app: GenbaApp;
  let ui: GenbaPage;

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 5000 });
    await conn.end();
    env = await openAppInChromium({ options: { secrets: memorySecretStore() } });
    ({ app, ui } = env);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
    await maria?.destroy();
  });

  it('tests the connection, saves it, syncs, and shows the fresh data and pending decisions', async () => {
    const { page } = ui;
    const bar = page.getByTestId('status-bar');
    await expect.poll(() => bar.textContent()).toContain('デモ会社');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('ds-host').fill('127.0.0.1');
    await page.getByTestId('ds-port').fill(String(maria.port));
    await page.getByTestId('ds-database').fill(maria.database);
    await page.getByTestId('ds-user').fill('genba');
    await page.getByTestId('ds-password').fill('wrong');
    await page.getByTestId('ds-test').click();
    await expect.poll(() => page.getByTestId('ds-result').textContent()).toContain('ログインできません');

    await page.getByTestId('ds-password').fill('genba-pw');
    await page.getByTestId('ds-test').click();
    await expect.poll(() => page.getByTestId('ds-result').textContent()).toContain('接続できました');
    expect(await page.getByTestId('ds-result').textContent()).toContain('app_logs: 5,000行');

    await page.getByTestId('ds-save').click();
    await expect.poll(() => bar.textContent(), { timeout: 30_000 }).toContain(`${maria.database}@127.0.0.1`);
    await expect.poll(() => app.status().tables.find((t) => t.table === 'app_logs')?.rows, { timeout: 30_000 }).toBe(5000);
    await expect.poll(() => page.getByTestId('last-sync').textContent()).toBe('最終同期 たった今');

    await page.getByTestId('nav-overview').click();
    const ref = page.getByTestId('row-札幌-523201-エントリ1');
    await expect.poll(() => ref.locator('[data-field="remaining"]').textContent()).toBe('120');

    // The company database goes down: a decision waits, visibly, and the error is shown.
    await maria.stop();
    recordDecision(app, {
      suggestion_id: 'e2e-1',
      changes: '[]',
      impact: '{}',
      action_type: 'approved',
      action_user: 'e2e',
      feedback_reason: null,
      decided_at: parseIsoInstant('2025-10-23T15:41+09:00'),
    });
    await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 20_000 }).toBe('送信待ちの承認 1件');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-error').textContent(), { timeout: 20_000 }).toContain('接続できません');
    await page.screenshot({ path: join(TEST_RESULTS, 'data-source-offline.png'), fullPage: true });
    expect(ui.problems).toEqual([]);
  });
});
