import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { englishWithoutReadings, japaneseOnOverview } from '../helpers/englishStart.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

describe('an app started in English shows no Japanese name on its first screen (real core, real readings, Chromium)', () => {
  const env = useAppInChromium({ prepare: englishWithoutReadings, options: { namesBeforeStart: true } });

  it('the overview, as first drawn, writes every site, process and business in Latin letters', async () => {
    const { page } = env.ui;
    expect(await japaneseOnOverview(page)).toEqual([]);
    await page.screenshot({ path: join(TEST_RESULTS, 'english-start-overview-1280-en.png') });
    expect(env.ui.problems).toEqual([]);
  });
});
