import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { GenbaError } from '../../../main/errors.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const DELAY = '札幌のエントリ1工程が遅延しています';
const LEFT = '業務523201の残件は？';

/**
 * Issue 38, defect 9: a business's name is a word the chat reads. A name that is already a site, a process, another
 * business's id, or another business's name or alias (as the chat compares them: width, case, spaces, kana and the
 * readings of the names) would take the question over, so it is refused, whole, with the clash named; and the check and
 * the write are one transaction, so two processes saving one name for two businesses never both succeed.
 */
describe('business names that clash with what the chat reads are refused, atomically', () => {
  const dir = tempDir();
  let app: GenbaApp;
  const ask = (q: string): Promise<AskResult> => app.assistant.ask(q);
  const save = (id: string, name: string, aliases: string[] = []): GenbaError | null => {
    try {
      app.assistant.saveBusinessName({ id, name, aliases });
      return null;
    } catch (error) {
      if (error instanceof GenbaError) return error;
      throw error;
    }
  };

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    await app.assistant.prepare();
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it('a name equal to a site or another business id is refused, and the two questions answer as before', async () => {
    const delay = await ask(DELAY);
    const left = await ask(LEFT);
    expect(delay.answer).not.toContain('移動は不要です');
    expect(left.answer).toContain('120');
    const before = app.assistant.businessNames();

    const site = save('704518', '札幌');
    expect((await ask(DELAY)).answer).toBe(delay.answer);
    const id = save('704518', '523201');
    expect((await ask(LEFT)).answer).toBe(left.answer);
    expect(app.assistant.businessNames()).toEqual(before);
    expect([site?.code, site?.text]).toEqual([
      'BUSINESS_NAME_TAKEN',
      {
        ja: '「札幌」は拠点「札幌」の名前か読みと同じです。業務の名前にすると、質問の「札幌」がどちらのことか分からなくなります。別の言葉にしてください。',
        en: '"札幌" is also how the site "札幌" is named or read: as a business\'s name, a question saying "札幌" could mean either. Choose another word.',
      },
    ]);
    expect(id?.code).toBe('BUSINESS_NAME_TAKEN');
    expect(id?.text.ja).toContain('業務 523201 の番号');
  });

  it('refuses each kind of clash as the chat compares words, and accepts a business keeping its own words', () => {
    const before = app.assistant.businessNames();
    const cases: [name: string, aliases: string[], ja: string, en: string][] = [
      ['Sapporo', [], '拠点「札幌」', 'the site "札幌"'], // the site's reading, in romaji
      ['アンケート', ['さっぽろ'], '拠点「札幌」', 'the site "札幌"'], // …in kana, as an alias
      ['エントリー１', [], '工程「エントリ1」', 'the process "エントリ1"'], // width and the long vowel folded
      ['補正', [], '工程「補正」', 'the process "補正"'],
      ['業務523201', [], '業務 523201 の番号', 'business 523201'],
      ['ＳＳ', [], '「SS」の名前か別名', '"SS"'], // another business's name, width and case folded
      ['アンケート', ['ss業務'], '「SS」の名前か別名', '"SS"'], // how the chat also reads that name (<name>業務)
      ['れせぷと', [], '「医療レセプト」の名前か別名', '"医療レセプト"'], // an alias in katakana, written in hiragana
      ['Medical  Receipt', [], '「医療レセプト」の名前か別名', '"医療レセプト"'], // spaces and case
    ];
    for (const [name, aliases, ja, en] of cases) {
      const e = save('704518', name, aliases);
      expect(e?.code, name).toBe('BUSINESS_NAME_TAKEN');
      expect(e?.text.ja, name).toContain(ja);
      expect(e?.text.en, name).toContain(en);
    }
    expect(app.assistant.businessNames()).toEqual(before);
    // Its own name and aliases again, and a word of its own: no clash.
    expect(save('704518', '顧客アンケート', ['アンケート', 'customer survey', 'CS調査'])).toBeNull();
    expect(app.assistant.businessNames().find((b) => b.id === '704518')).toMatchObject({ name: '顧客アンケート', from: 'settings' });
  });

  it('two processes saving one name for two businesses at the same moment: exactly one succeeds, in each of 12 rounds', async () => {
    const children: { proc: ChildProcessWithoutNullStreams; next: () => Promise<{ ok?: true; code?: string }> }[] = [];
    const start = async (): Promise<(typeof children)[number]> => {
      const proc = spawn(process.execPath, ['--import', 'tsx', resolve('test/fixtures/saveBusinessNames.ts'), dir.path, ANCHOR], { stdio: 'pipe' });
      proc.stderr.resume();
      const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
      const next = async (): Promise<{ ok?: true; code?: string }> => {
        for (;;) {
          const { value, done } = await lines.next();
          if (done) throw new Error('the saving process ended');
          if ((value as string).startsWith('{')) return JSON.parse(value as string) as { ok?: true; code?: string };
        }
      };
      for (;;) {
        const { value, done } = await lines.next();
        if (done) throw new Error('the saving process ended before it was ready');
        if (value === 'ready') break;
      }
      return { proc, next };
    };
    try {
      children.push(...(await Promise.all([start(), start()])));
      const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
      try {
        const results: string[] = [];
        for (let round = 1; round <= 12; round++) {
          // Both businesses back to the source's names.
          expect(save('611040', '')).toBeNull();
          expect(save('704518', '')).toBeNull();
          const name = `共通名${round}`;
          const at = Date.now() + 200;
          children[0]!.proc.stdin.write(`611040\t${name}\t${at}\n`);
          children[1]!.proc.stdin.write(`704518\t${name}\t${at}\n`);
          const got = await Promise.all(children.map((c) => c.next()));
          const held = db.prepare("SELECT business_id FROM business_names WHERE supplied_by = 'settings' AND name = ?").all(name);
          results.push(`${round}: ${got.map((g) => g.code ?? 'ok').join(' ')} (${held.length} saved)`);
        }
        // Every round that is not one success and one refusal, with one business holding the name.
        expect(results.filter((r) => !/: (ok BUSINESS_NAME_TAKEN|BUSINESS_NAME_TAKEN ok) \(1 saved\)$/.test(r))).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      for (const c of children) c.proc.stdin.end();
      await Promise.all(children.map((c) => new Promise((ok) => (c.proc.exitCode !== null ? ok(null) : c.proc.on('exit', ok)))));
    }
  }, 180_000);
});
