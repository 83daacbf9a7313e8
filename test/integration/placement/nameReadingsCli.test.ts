import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { NAME_READINGS_KEY } from '../../../main/chat/nameReadings.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';

/** The built `genba ask` on the demo company: its names in kana and romaji, read by kuromoji once and kept in the store. */
describe('genba ask: the names of the store in kana and romaji', () => {
  const dir = tempDir();
  const stored = (): string | undefined => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT value FROM meta WHERE key = ?').get(NAME_READINGS_KEY) as { value: string } | undefined)?.value;
    } finally {
      db.close();
    }
  };
  const ask = (question: string, lang = 'ja'): AskResult => {
    const r = runGenba(['ask', question, '--json', '--lang', lang, '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as AskResult;
  };

  beforeAll(async () => {
    await copyDemoStore(dir.path, { nameReadings: false });
  });
  afterAll(() => dir.remove());

  it('the first question makes the readings and keeps them; さっぽろ, サッポロ, Sapporo and SAPPORO are answered as 札幌', () => {
    expect(stored()).toBeUndefined();
    const kanji = ask('札幌の補正待ちは何件？');
    const kept = stored();
    expect(JSON.parse(kept!)).toMatchObject({ readings: { 札幌: { forms: expect.arrayContaining(['さっぽろ', 'sapporo']) } } });
    for (const q of ['さっぽろの補正待ちは何件？', 'サッポロの補正待ちは何件？', 'Sapporoの補正待ちは何件？', 'SAPPOROの補正待ちは何件？']) {
      const r = ask(q);
      expect(r.query?.read.site, q).toEqual(['札幌']);
      expect(r.answer, q).toBe(kanji.answer);
    }
    // Long vowels with and without: おおさか, oosaka, osaka.
    for (const q of ['おおさかの補正待ちは何件？', 'How many items are waiting for correction in Osaka?', 'oosakaの補正待ち']) {
      expect(ask(q, q.startsWith('How') ? 'en' : 'ja').query?.read.site, q).toEqual(['大阪']);
    }
    // Made once: the later runs read them back and leave the row as it was.
    expect(stored()).toBe(kept);
  });
});
