import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { englishWithoutReadings, japaneseOnOverview } from '../helpers/englishStart.js';

// A file of its own: the readings, once made, are kept for the whole process.
describe('a screen that asked for the Latin names before their readings were made gets them when they are (no reload, no sync)', () => {
  // The CLI's way: start() does not wait for the readings; the page's first request starts them.
  const env = useAppInChromium({ prepare: englishWithoutReadings });

  it('the overview turns to Latin letters by itself', async () => {
    const { page } = env.ui;
    await expect.poll(() => japaneseOnOverview(page), { timeout: 60_000, interval: 500 }).toEqual([]);
    expect(env.ui.problems).toEqual([]);
  });
});
