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

/**
 * Per site whose every series is at 0 now: when it finished, from SQL (each series' first snapshot at 0 after its last
 * one with items left, today, the latest of them) and how many processes it has.
 */
function finishedFromStore(dbPath: string, now: number): { site: string; at: number; processes: number }[] {
  const db = openStore(dbPath);
  try {
    return db
      .prepare(
        `WITH today AS (SELECT location_name, business_id, process_name, snapshot_time, SUM(total_waiting) AS w FROM progress_snapshots
                         WHERE snapshot_time BETWEEN ? - 9 * 3600000 AND ? GROUP BY 1, 2, 3, 4),
              busy AS (SELECT location_name, business_id, process_name, MAX(CASE WHEN w > 0 THEN snapshot_time END) AS last_busy FROM today GROUP BY 1, 2, 3),
              done AS (SELECT t.location_name, t.business_id, t.process_name, MIN(t.snapshot_time) AS at FROM today t JOIN busy b USING (location_name, business_id, process_name)
                        WHERE t.w = 0 AND (b.last_busy IS NULL OR t.snapshot_time > b.last_busy) GROUP BY 1, 2, 3)
         SELECT b.location_name AS site, MAX(d.at) AS at, COUNT(*) AS processes FROM busy b LEFT JOIN done d USING (location_name, business_id, process_name)
         GROUP BY b.location_name HAVING COUNT(d.at) = COUNT(*)`,
      )
      .all(now, now) as { site: string; at: number; processes: number }[];
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
    // Finished rows are folded into one line per site; unfolded, every row is there.
    const folded = page.locator('[data-testid^="done-"]');
    expect(await page.locator('tbody tr').count()).toBeLessThan(expected.length / 2);
    for (let i = 0; i < (await folded.count()); i++) {
      expect(await folded.nth(i).textContent()).toMatch(/完了 \d+工程/);
      await folded.nth(i).click();
    }
    for (const row of expected) {
      const cell = page.getByTestId(`row-${row.location_name}-${row.business_id}-${row.process_name}`).locator('[data-field="remaining"]');
      expect(await cell.textContent(), `${row.location_name} ${row.process_name}`).toBe(row.total_waiting.toLocaleString('ja-JP'));
    }
    expect(await page.locator('tbody tr:not(.folded)').count()).toBe(expected.length);

    const ref = page.getByTestId('row-札幌-523201-エントリ1');
    expect(await ref.locator('[data-field="remaining"]').textContent()).toBe('120');
    expect(await ref.locator('[data-field="deadline"]').textContent()).toBe('16:00');
    expect(await ref.locator('[data-field="projected"]').textContent()).toBe('16:04');
    expect(await ref.locator('[data-field="speed"]').textContent()).toBe('5.0');
    expect(await ref.locator('[data-field="required"]').textContent()).toBe('6.0');
    expect(await ref.locator('[data-field="late"]').textContent()).toBe('4分遅れ');
    await expect.poll(() => ref.getAttribute('class')).toContain('status-late');

    // The company row: the items left in every series' latest snapshot, the 要対応 rows, the next deadline with work left, from SQL.
    const left = expected.filter((r) => r.total_waiting > 0);
    const summary = page.getByTestId('company-summary');
    expect(await summary.locator('[data-field="items-left"] strong').textContent()).toBe(
      `${left.reduce((n, r) => n + r.total_waiting, 0).toLocaleString('ja-JP')}件`,
    );
    const urgentRows = await page.locator('[data-testid^="urgent-"] li, [data-testid="urgent"] li').count();
    expect(await summary.locator('[data-field="at-risk"] strong').textContent()).toBe(`${urgentRows} / 残りのある${left.length}工程`);
    expect(await summary.locator('[data-field="next-deadline"] strong').textContent()).toBe('16:00（納期まで20分）・札幌 エントリ1（SS）・残り120件');

    expect(await page.getByTestId('freshness').textContent()).toContain('最終同期 たった今');
    // One trend chart per site with work left, drawn by echarts on a canvas; a finished site says when it finished instead.
    const finished = finishedFromStore(join(env.dataDir, 'genba.sqlite'), parseIsoInstant(NOW));
    const sitesWithWork = new Set(expected.filter((r) => r.total_waiting > 0).map((r) => r.location_name));
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.filter((f) => sitesWithWork.has(f.site))).toEqual([]);
    for (const site of sitesWithWork) expect(await page.getByTestId(`site-${site}`).locator('canvas').count(), site).toBe(1);
    const hhmm = (ms: number): string =>
      new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    for (const f of finished) {
      const card = page.getByTestId(`site-${f.site}`);
      expect(await card.locator('canvas').count(), f.site).toBe(0);
      expect(await card.getByTestId(`site-done-${f.site}`).textContent()).toBe(
        `本日の作業はすべて完了しました（${f.processes}工程、最後の完了 ${hhmm(f.at)}）`,
      );
    }
    await page.screenshot({ path: join(TEST_RESULTS, 'overview.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });

  it('puts what needs a decision first: the 要対応 strip in the core order, sites by urgency, the consult button', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-overview').click();
    const overview = env.app.overview();
    const strip = page.getByTestId('urgent');
    await strip.waitFor();
    const items = strip.locator('li');
    expect(await items.count()).toBe(overview.urgent.length);
    expect(overview.urgent[0]).toMatchObject({ site: '札幌', process: 'エントリ1', businessId: '523201', minutesLate: 4 });
    // Every entry as the core ranks it, with the figures of the store's snapshot.
    const stored = latestFromStore(join(env.dataDir, 'genba.sqlite'), parseIsoInstant(NOW));
    for (const [i, p] of overview.urgent.entries()) {
      const item = items.nth(i);
      expect(await item.getAttribute('data-testid')).toBe(`urgent-${p.site}-${p.businessId}-${p.process}`);
      const n = stored.find((r) => r.location_name === p.site && r.business_id === p.businessId && r.process_name === p.process)!.total_waiting;
      expect(await item.locator('[data-field="remaining"]').textContent()).toBe(`残り${n.toLocaleString('ja-JP')}件`);
    }
    const first = items.first();
    expect(await first.textContent()).toContain('SS');
    expect(await first.locator('[data-field="late"]').textContent()).toBe('4分遅れ');
    expect(await first.locator('[data-field="left"]').textContent()).toBe('納期まで20分（16:00）');
    // Sites in the core's order: the one with the late process first, the finished ones last.
    const cards = await page.locator('.site-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(cards).toEqual(overview.sites.map((s) => `site-${s.site}`));
    expect(cards[0]).toBe('site-札幌');
    expect(overview.sites.at(-1)!.status).toBe('done');
    // Spare time reads 余裕, never 「…分前」.
    expect(await page.getByTestId('row-札幌-611040-エントリ1').locator('[data-field="late"]').textContent()).toBe('余裕16分');
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(TEST_RESULTS, 'overview-1280-ja.png') });
    // 対策を相談: the chat opens and asks for the proposal at once.
    await first.getByTestId('urgent-consult').click();
    await page.getByTestId('proposal-card').waitFor();
    expect(await page.locator('.bubble.user').last().textContent()).toBe('札幌のエントリ1工程が遅延しています（SS）');
    if (size) await page.setViewportSize(size);
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
    expect(await page.getByTestId('row-札幌-611040-エントリ1').locator('[data-field="late"]').textContent()).toBe('16 min spare');
    expect(await page.getByTestId('urgent').locator('li').first().locator('[data-field="left"]').textContent()).toBe('20 min to deadline (16:00)');
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(TEST_RESULTS, 'overview-1280-en.png') });
    if (size) await page.setViewportSize(size);
    expect(env.ui.problems).toEqual([]);
  });
});
