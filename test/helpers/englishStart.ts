import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { NAME_READINGS_KEY } from '../../main/chat/nameReadings.js';
import { updateConfig } from '../../main/config/updateConfig.js';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Set to English, with no readings of the names kept in the store: the first start of an English install. */
export const englishWithoutReadings = (dataDir: string): void => {
  updateConfig(dataDir, (c) => ({ ...c, lang: 'en' }));
  const db = new Database(join(dataDir, 'genba.sqlite'));
  db.prepare('DELETE FROM meta WHERE key = ?').run(NAME_READINGS_KEY);
  db.close();
};

/** The lines of the overview that hold Japanese, once its site cards are drawn. */
export async function japaneseOnOverview(page: Page): Promise<string[]> {
  await page.locator('.site-card h2').first().waitFor();
  return (await page.locator('main').innerText()).split('\n').filter((line) => JAPANESE.test(line));
}
