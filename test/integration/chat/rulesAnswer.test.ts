import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

/**
 * Issue 60: whether something may be done is answered by the company's rules: "No" with the rule that forbids it, and
 * never a bare "Yes" (before, "Can a helper from another site do the final check in Verification?" was read as a
 * deadline check and answered "Yes"). The rule is the demo company's own know-how, read from the store.
 */
describe('a practice the rules forbid is answered no, with its rule', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let rule: string;

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: Date.parse('2025-10-23T15:40+09:00') });
    await app.start();
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    // The rule as stored: one chunk of the quality rules says helpers from other sites never get the final check.
    rule = (db.prepare(`SELECT text FROM knowledge_chunks WHERE text LIKE '%最終確認%' AND text LIKE '%応援%'`).get() as { text: string }).text;
    db.close();
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it('"Can a helper from another site do the final check in Verification?": No, with the rule quoted and cited', async () => {
    const r = await app.assistant.ask('Can a helper from another site do the final check in Verification?');
    expect(r.query!.read.op).toBe('knowhow');
    expect(r.answer).toMatch(/^No\. The company's rule \(.+\) says: ".*never given the final check\."/);
    expect(r.answer).not.toMatch(/^Yes/m);
    expect(r.citations.some((c) => c.text === rule)).toBe(true);
  });

  it('in Japanese, however the permission is asked: いいえ, with the rule', async () => {
    for (const q of [
      '他の拠点から来た応援に検証の最終チェックをさせていい？',
      '応援者に検証の最終確認をしてもらってもいいですか',
      '応援の人に検証の最終チェックを任せても大丈夫？',
    ]) {
      const r = await app.assistant.ask(q);
      expect(r.answer, q).toMatch(/^いいえ。会社のルール（.+）で「.*応援.*最終確認.*」とされています。/);
      expect(r.citations.some((c) => c.text === rule)).toBe(true);
    }
  });

  it('a practice no rule forbids is not answered yes: Genba says it found no rule either way and shows the closest', async () => {
    const r = await app.assistant.ask('Can a helper from another site do Entry 1 in Sapporo?');
    expect(r.query!.read.op).toBe('knowhow');
    expect(r.answer).toMatch(/^Genba found no rule that allows or forbids this, so it cannot say yes\./);
  });
});
