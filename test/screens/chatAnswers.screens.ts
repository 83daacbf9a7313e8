import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { SCREEN_SIZES, TEST_RESULTS } from '../helpers/genbaPage.js';

/** The Chat view's answers shot: each question in its language, its reading opened, at every size. */
const SHOTS = [
  // A what-if on the work itself: a site stopped for a while.
  { name: 'whatif-work', ja: '佐世保が今から1時間止まったら？', en: 'what if Sasebo stops for 30 min?' },
  // An all-clear about a host that counts its errors and says the warnings it logged, since when.
  { name: 'logs-host-warnings', ja: 'export-01のdisk warning、いつから出てる？', en: 'export-01 disk warnings, since when?' },
  // A time the reading left out, said with the period the figures are of, and the word marked in the reading.
  { name: 'time-left-out', ja: '札幌の月末の残件は？', en: 'September vs October on-time performance?' },
  // Late arrivals, people's: the count and who.
  { name: 'late-arrivals', ja: '今日遅刻した人は？', en: 'who was late today?' },
  // A yes or no on people at fault, asked of everyone.
  { name: 'everyone-on-time', ja: '盛岡は全員遅れずに出勤できた？', en: 'Did everybody at Morioka make it in on time this morning?' },
  // A move between two businesses of one line until a time: the rest at the speed before.
  {
    name: 'whatif-until',
    ja: '札幌の医療レセプトのエントリ1からSSのエントリ1に3人16時まで回したら？',
    en: "What if I pull 3 people out of Sapporo's medical entry 1 and put them on SS entry 1 until 16:00?",
  },
] as const;

/**
 * Screenshots of the Chat view's answers, in Japanese and English at three sizes, into test-results/
 * (`screens-<name>-<width>-<lang>.png`). Looked at, not asserted: `npm run screens`.
 */
describe('Chat view: answers as a manager reads them', () => {
  const env = useAppInChromium();

  it('is shot at three sizes in both languages', async () => {
    const { page } = env.ui;
    for (const shot of SHOTS)
      for (const lang of ['ja', 'en'] as const) {
        env.app.updateSettings({ lang });
        await page.getByTestId('nav-overview').click();
        await page.getByTestId('nav-chat').click();
        await page.getByTestId('conversation-new').click();
        const before = await page.getByTestId('timings').count();
        await page.getByTestId('chat-input').fill(shot[lang]);
        await page.getByTestId('chat-send').click();
        await expect.poll(() => page.getByTestId('timings').count(), { timeout: 30_000 }).toBe(before + 1);
        const read = page.getByTestId('query-read').last();
        await read.locator('summary').click();
        for (const [width, height] of SCREEN_SIZES) {
          await page.setViewportSize({ width, height });
          await read.scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(TEST_RESULTS, `screens-${shot.name}-${width}-${lang}.png`) });
        }
        await page.setViewportSize({ width: 1280, height: 720 });
      }
  }, 300_000);
});
