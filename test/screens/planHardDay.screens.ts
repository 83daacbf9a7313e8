import { join } from 'node:path';
import { describe, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { SCREEN_SIZES, TEST_RESULTS } from '../helpers/genbaPage.js';

/**
 * Screenshots of the Plan view on a hard day (the demo's Monday 10/27, planned at 10/23 15:40: the whole-day step runs,
 * with moves across sites and a wide stated gap), at 1024×640, 1280×720 and 1920×1080, in Japanese and English, into
 * test-results/. Looked at, not asserted: not part of `npm test` (the suite does not pay for a hard day's plan again);
 * `npm run screens` takes them.
 */
const DAY = process.env.GENBA_SCREENS_DAY ?? '2025-10-27';

describe(`Plan view of ${DAY}`, () => {
  const env = useAppInChromium();

  it('is shot at three sizes in both languages', async () => {
    const { page } = env.ui;
    // The plan made by the core, as the view's button makes it; the view shows the day's newest plan.
    await env.app.planning.plan(DAY);
    const md = `${Number(DAY.slice(5, 7))}/${Number(DAY.slice(8, 10))}`;
    for (const lang of ['ja', 'en'] as const) {
      env.app.updateSettings({ lang });
      await page.getByTestId('nav-overview').click();
      await page.getByTestId('nav-plan').click();
      await page.locator('.plan-dates button', { hasText: md }).first().click();
      await page.getByTestId('plan-summary').waitFor({ timeout: 120_000 });
      await page.getByTestId('plan-site').first().locator('canvas').first().waitFor();
      for (const [width, height] of SCREEN_SIZES) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: join(TEST_RESULTS, `screens-plan-${DAY}-${width}-${lang}.png`) });
      }
      await page.setViewportSize({ width: 1280, height: 720 });
      if ((await page.getByTestId('plan-moves').count()) > 0) {
        await page.getByTestId('plan-moves').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(TEST_RESULTS, `screens-plan-${DAY}-moves-1280-${lang}.png`) });
      }
    }
  }, 300_000);
});
