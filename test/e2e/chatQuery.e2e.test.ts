import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

/**
 * Under each answer, 「読み取った内容」 says what the request was read as (operation, measure by
 * its name, sites, time, confidence), and a comparison, ranking or list of figures is drawn
 * as a small bar chart with the measure's unit.
 */
describe('Chat: what Genba understood, and the chart of a planned answer, in Chromium on the demo company', () => {
  const env = useAppInChromium();

  /** Asks in the Chat view; the new entry once its answer is in. */
  const ask = async (page: Page, question: string): Promise<Locator> => {
    const before = await page.getByTestId('chat-entry').count();
    await page.getByTestId('chat-input').fill(question);
    await page.getByTestId('chat-send').click();
    // The first answer of a fresh app loads the readers (over a second on a busy machine): not the default second's poll.
    await expect.poll(() => page.getByTestId('timings').count(), { timeout: 15_000 }).toBe(before + 1);
    return page.getByTestId('chat-entry').nth(before);
  };

  /** Opens the entry's 「読み取った内容」 and returns its fields as shown. */
  const understood = async (entry: Locator): Promise<Record<string, string>> => {
    const read = entry.getByTestId('query-read');
    await read.locator('summary').click();
    expect(await read.getAttribute('open')).not.toBeNull();
    const fields: Record<string, string> = {};
    for (const dd of await read.locator('dd').all()) fields[(await dd.getAttribute('data-testid'))!.replace(/^query-/, '')] = (await dd.textContent()) ?? '';
    return fields;
  };

  /** The chart under an answer: one canvas, drawn at a size that can be read. */
  const expectChart = async (entry: Locator): Promise<void> => {
    const chart = entry.getByTestId('query-chart');
    await chart.locator('canvas').waitFor();
    const box = await chart.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(150);
    expect(box!.height).toBeLessThanOrEqual(200);
    expect(box!.width).toBeGreaterThan(300);
  };

  /** The entry's answer, chart and details in view (the details' bottom at the viewport's bottom where they do not all fit). */
  const shoot = async (page: Page, entry: Locator, name: string): Promise<void> => {
    await entry.getByTestId('query-read').scrollIntoViewIfNeeded();
    await entry.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: join(TEST_RESULTS, name) });
  };

  it("in Japanese: a comparison of two sites with its chart, a ranking asked in English, and tomorrow's roster from the attendance records", async () => {
    const { page } = env.ui;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('conversation-new').click();

    const compare = await ask(page, '大阪と品川はどっちが進んでる？');
    expect(await compare.getByTestId('chat-answer').textContent()).toContain('進捗率');
    // Closed, it says the gist; the answer says the operation it answered (not the intents' 「対象外」).
    expect(await compare.getByTestId('query-read').locator('summary').textContent()).toMatch(/^読み取った内容比較 · 進捗率 · (品川 · 大阪|大阪 · 品川)$/);
    expect(await compare.getByTestId('timings').textContent()).toContain('比較として回答');
    const c = await understood(compare);
    expect(c.op).toBe('比較（拠点ごと）');
    expect(c.measure).toBe('進捗率 · 単位: %');
    expect(c.sites!.split('・').sort()).toEqual(['品川', '大阪'].sort());
    expect(c.time).toBe('指定なし');
    expect(c.confidence).toMatch(/^\d{1,3}% · 読み取った内容から集計して回答$/);
    await expectChart(compare);
    expect(await compare.getByTestId('query-chart').getAttribute('aria-label')).toBe('進捗率のグラフ（%）');
    await shoot(page, compare, 'chat-query-compare-1280-ja.png');

    const rank = await ask(page, 'Which site has the most items left?');
    const r = await understood(rank);
    expect(r.op).toBe('順位（上位1・拠点ごと）');
    expect(r.measure).toBe('残件 · 単位: 件');
    expect(r.scope).toBe('全体（指定なし）');
    await expectChart(rank);
    expect(await rank.getByTestId('query-chart').getAttribute('aria-label')).toBe('残件のグラフ（件）');
    await shoot(page, rank, 'chat-query-rank-1280-ja.png');

    const attendance = await ask(page, '明日の出勤予定は？');
    expect(await attendance.getByTestId('chat-answer').textContent()).toContain('10/24（金）の出勤状況');
    const a = await understood(attendance);
    expect(a.op).toBe('数値の確認');
    expect(a.measure).toBe('勤怠（出勤・欠勤） · 単位: 人');
    expect(a.time).toBe('明日');
    // Nothing to draw for one day's roster: the table has no series over time.
    expect(await attendance.getByTestId('query-chart').count()).toBe(0);
    await shoot(page, attendance, 'chat-query-attendance-1280-ja.png');

    // Names, never the codes of the query: no measure or operation id is shown.
    for (const entry of [compare, rank, attendance]) {
      const text = (await entry.getByTestId('query-read').textContent()) ?? '';
      expect(text).not.toMatch(/\b(compare|rank|value|progress|remaining|attendance|tomorrow|site)\b/);
    }

    // A word Genba does not know and an exclusion it could not use are marked under the reading, and the exclusion is said first.
    const unread = await ask(page, '札幌のエントリ1が遅れてる、残業なしで誰を回せる？');
    expect(await unread.getByTestId('chat-answer').textContent()).toMatch(/^※ 質問の「なしで」を読み取れず/);
    const u = await understood(unread);
    expect(u.unused).toBe('なしで');
    expect(await unread.getByTestId('query-unused').locator('mark.negation').getAttribute('title')).toBe('答えに反映していません');
    await shoot(page, unread, 'chat-query-unused-1280-ja.png');

    // The smallest window the app supports: the chart and the details still fit.
    await page.setViewportSize({ width: 1024, height: 640 });
    await expectChart(compare);
    await shoot(page, compare, 'chat-query-compare-1024-ja.png');
    await shoot(page, rank, 'chat-query-rank-1024-ja.png');
    expect(env.ui.problems).toEqual([]);
  });

  it('in English: the same questions read back in English words', async () => {
    const { page } = env.ui;
    await page.setViewportSize({ width: 1280, height: 720 });
    // English screens write the names in Latin letters once their readings are made (the app makes them at start).
    await env.app.assistant.prepare({ solver: false });
    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('conversation-new').click();
    try {
      const compare = await ask(page, '大阪と品川はどっちが進んでる？');
      expect(await compare.getByTestId('query-read').locator('summary').textContent()).toMatch(/^What Genba understood/);
      const c = await understood(compare);
      expect(c.op).toBe('a comparison (by site)');
      expect(c.measure).toBe('progress · unit: %');
      expect(c.sites!.split(', ').sort()).toEqual(['Osaka', 'Shinagawa']);
      expect(c.time).toBe('none named');
      expect(c.confidence).toMatch(/^\d{1,3}% · answered by computing this reading$/);
      await expectChart(compare);
      expect(await compare.getByTestId('query-chart').getAttribute('aria-label')).toBe('Chart of progress (%)');
      await shoot(page, compare, 'chat-query-compare-1280-en.png');

      const rank = await ask(page, 'Which site has the most items left?');
      const r = await understood(rank);
      expect(r.op).toBe('a ranking (top 1, by site)');
      expect(r.measure).toBe('items left · unit: items');
      expect(await rank.getByTestId('timings').textContent()).toContain('answered as a ranking');
      await expectChart(rank);
      await shoot(page, rank, 'chat-query-rank-1280-en.png');

      const attendance = await ask(page, '明日の出勤予定は？');
      const a = await understood(attendance);
      expect(a.measure).toBe('attendance · unit: people');
      expect(a.time).toBe('tomorrow');
      expect(await attendance.getByTestId('query-chart').count()).toBe(0);
      await shoot(page, attendance, 'chat-query-attendance-1280-en.png');
      expect(env.ui.problems).toEqual([]);
    } finally {
      env.app.updateSettings({ lang: 'ja' });
    }
  });

  /** The line of a trend: its table's times on the x axis, one point per step. */
  const expectTrend = async (entry: Locator, unit: string): Promise<void> => {
    await expectChart(entry);
    const answer = (await entry.getByTestId('chat-answer').textContent()) ?? '';
    // Every step says its time and its unit, after the summary line (start → end, highest, lowest).
    expect(answer).toContain('→');
    expect(answer.match(new RegExp(`\\d ${unit}`, 'g'))!.length).toBeGreaterThanOrEqual(7);
  };

  for (const lang of ['ja', 'en'] as const) {
    it(`a trend drawn as a line with its unit and times, and the why of a late process (${lang})`, async () => {
      const { page } = env.ui;
      await page.setViewportSize({ width: 1280, height: 720 });
      await env.app.assistant.prepare({ solver: false });
      env.app.updateSettings({ lang });
      await page.getByTestId('nav-overview').click();
      await page.getByTestId('nav-chat').click();
      await page.getByTestId('conversation-new').click();
      try {
        const trend = await ask(page, lang === 'ja' ? '今日の大阪の残件の推移' : 'Show the trend of items left at Osaka today');
        const t = await understood(trend);
        expect(t.op).toMatch(lang === 'ja' ? /^推移/ : /^a trend/);
        expect(t.sites).toBe(lang === 'ja' ? '大阪' : 'Osaka');
        await expectTrend(trend, lang === 'ja' ? '件' : 'items');
        expect(await trend.getByTestId('query-chart').getAttribute('aria-label')).toBe(lang === 'ja' ? '残件のグラフ（件）' : 'Chart of items left (items)');
        await shoot(page, trend, `chat-query-trend-1280-${lang}.png`);

        const why = await ask(page, lang === 'ja' ? 'なぜ札幌のエントリ1は遅れているの？' : 'Why is Sapporo Entry 1 late?');
        const answer = (await why.getByTestId('chat-answer').textContent()) ?? '';
        expect(answer).toContain(lang === 'ja' ? '原因' : 'Cause');
        expect(answer).toContain('ocr-worker');
        const w = await understood(why);
        expect(w.sites).toBe(lang === 'ja' ? '札幌' : 'Sapporo');
        expect(w.processes).toBe(lang === 'ja' ? 'エントリ1' : 'Entry 1');
        // A why has no figures side by side: nothing to draw.
        expect(await why.getByTestId('query-chart').count()).toBe(0);
        await shoot(page, why, `chat-query-why-1280-${lang}.png`);
        expect(env.ui.problems).toEqual([]);
      } finally {
        env.app.updateSettings({ lang: 'ja' });
      }
    });
  }
});
