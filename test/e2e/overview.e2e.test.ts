import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../main/config/clock.js';
import { openStore } from '../../main/store/openStore.js';
import { DEMO_NOW as NOW, useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

/** The latest snapshot per series, straight from SQL: the numbers the overview must show. */
function latestFromStore(dbPath: string, now: number) {
  const db = openStore(dbPath);
  try {
    return db
      .prepare(
        `SELECT location_name, business_id, process_name, total_waiting FROM progress_snapshots p
        WHERE snapshot_time = (SELECT MAX(snapshot_time) FROM progress_snapshots q
                                WHERE q.location_name = p.location_name AND q.business_id = p.business_id
                                  AND q.process_name = p.process_name AND q.snapshot_time <= ?)
          AND snapshot_time >= ? - 9 * 3600000`,
      )
      .all(now, now) as { location_name: string; business_id: string; process_name: string; total_waiting: number }[];
  } finally {
    db.close();
  }
}

describe('site overview in Chromium, wired to the real core', () => {
  const env = useAppInChromium();

  it('shows every site and process with the numbers in the store, and the reference delay', async () => {
    const { page } = env.ui;
    await page.getByTestId('site-札幌').waitFor();
    const expected = latestFromStore(join(env.dataDir, 'genba.sqlite'), parseIsoInstant(NOW));
    expect(expected.length).toBeGreaterThan(40);
    for (const row of expected) {
      const cell = page.getByTestId(`row-${row.location_name}-${row.business_id}-${row.process_name}`).locator('[data-field="remaining"]');
      expect(await cell.textContent(), `${row.location_name} ${row.process_name}`).toBe(row.total_waiting.toLocaleString('ja-JP'));
    }
    expect(await page.locator('tbody tr').count()).toBe(expected.length);

    const ref = page.getByTestId('row-札幌-523201-エントリ1');
    expect(await ref.locator('[data-field="remaining"]').textContent()).toBe('120');
    expect(await ref.locator('[data-field="deadline"]').textContent()).toBe('16:00');
    expect(await ref.locator('[data-field="projected"]').textContent()).toBe('16:04');
    expect(await ref.locator('[data-field="speed"]').textContent()).toBe('5.0');
    expect(await ref.locator('[data-field="required"]').textContent()).toBe('6.0');
    expect(await ref.locator('[data-field="late"]').textContent()).toBe('4分遅れ');
    await expect.poll(() => ref.getAttribute('class')).toContain('status-late');

    expect(await page.getByTestId('freshness').textContent()).toContain('最終同期 0分前');
    // One trend chart per site, drawn by echarts on a canvas.
    expect(await page.locator('.site-card canvas').count()).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: join(TEST_RESULTS, 'overview.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });

  it('switches the UI to English through the settings', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('lang-select').selectOption('en');
    await expect.poll(() => page.getByTestId('nav-overview').textContent()).toBe('Sites');
    expect(env.app.config().lang).toBe('en');
    await page.getByTestId('nav-overview').click();
    const ref = page.getByTestId('row-札幌-523201-エントリ1');
    expect(await ref.locator('[data-field="late"]').textContent()).toBe('4 min late');
    expect(env.ui.problems).toEqual([]);
  });
});
