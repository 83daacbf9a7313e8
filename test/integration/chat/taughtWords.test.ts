import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { queryPrompt } from '../../../main/chat/query/queryModel.js';
import { loadQueryNames } from '../../../main/chat/query/queryNames.js';
import { runCli } from '../../../main/cli.js';
import { createHandlerTable } from '../../../main/handlerTable.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';

/**
 * Issue 60: a manager teaches Genba a word (「物量は到着件数のこと」, "inbound means arrivals"): kept for the company in
 * the store, read by the rules and listed in the intent model's prompt, kept across a restart, listed and forgotten in
 * the chat, the CLI and the contract. On a copy of the demo company at 15:40.
 */
describe('a word the manager teaches Genba', () => {
  const dir = tempDir();
  let app: GenbaApp;
  const start = async (): Promise<void> => {
    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
  };
  const measureOf = async (q: string) => (await app.assistant.ask(q)).query?.read.measure;

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    await start();
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it('「物量は到着件数のこと」: 「札幌の物量は？」 read the forecast before, and reads the arrivals after', async () => {
    expect(await measureOf('札幌の物量は？')).toBe('forecast_volume');
    const lesson = await app.assistant.ask('物量は到着件数のこと', undefined, undefined, null);
    expect(lesson.query).toBeNull();
    expect(lesson.answer).toBe(
      '「物量」は到着件数のことと覚えました。これから質問の「物量」は到着件数として読みます（これまでは物量予測として読んでいました）。取り消すときは「物量を忘れて」と送ってください。',
    );
    // The lesson is a turn of its conversation like any other; the next question there is read afresh, not as a follow-up.
    const next = await app.assistant.ask('札幌の物量は？', undefined, undefined, lesson.conversationId);
    expect(next.followUp).toBeNull();
    expect(next.query).toMatchObject({ read: { op: 'value', measure: 'arrivals', site: ['札幌'] }, readBy: 'rules' });
    expect(next.answer).toContain('札幌');
    expect(app.assistant.words()).toEqual([{ word: '物量', folded: '物量', measure: 'arrivals' }]);
  });

  it('"inbound means arrivals": answered in English, and "inbound" reads the arrivals from then on', async () => {
    expect(await measureOf('How much inbound at Sapporo today?')).not.toBe('arrivals');
    const lesson = await app.assistant.ask('inbound means arrivals');
    expect(lesson.answer).toBe(
      'Learned: "inbound" means items arrived. From now on "inbound" in a question is read as items arrived. To remove it, say "forget inbound".',
    );
    const r = await app.assistant.ask('How much inbound at Sapporo today?');
    expect(r.query!.read).toMatchObject({ measure: 'arrivals', site: ['札幌'], time: 'today' });
  });

  it('a name or a meaning that is no one measure is refused with the reason, and nothing is stored', async () => {
    const before = app.assistant.words();
    expect((await app.assistant.ask('Sapporo means arrivals')).answer).toContain('"Sapporo" is the name of the site Sapporo');
    expect((await app.assistant.ask('SS業務は到着件数のこと')).answer).toContain('「SS業務」は業務「SS」の名前です。');
    expect((await app.assistant.ask('ダウン気味は落ちてのこと')).answer).toBe(
      '「落ちて」は処理速度・障害のどれにも読めます。どれか一つの名前で教えてください。何も登録していません。',
    );
    expect((await app.assistant.ask('tally means the weather')).answer).toContain('I could not tell which measure "the weather" is');
    expect(app.assistant.words()).toEqual(before);
  });

  it('the intent model reads them too: its prompt lists each word with its measure', () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      expect(queryPrompt('札幌の物量は？', loadQueryNames(db))).toContain('Words of this company (word = measure): 物量 = arrivals, inbound = arrivals.');
    } finally {
      db.close();
    }
  });

  it('they outlast a restart on the same data folder', async () => {
    await app.stop();
    await start();
    expect(app.assistant.words().map((w) => w.word)).toEqual(['物量', 'inbound']);
    expect(await measureOf('札幌の物量は？')).toBe('arrivals');
  });

  it('forgotten in the chat, a word reads as before it was taught', async () => {
    expect((await app.assistant.ask('物量を忘れて')).answer).toBe('「物量」（到着件数）を忘れました。これからは Genba の言葉どおり物量予測として読みます。');
    expect(await measureOf('札幌の物量は？')).toBe('forecast_volume');
    expect(app.assistant.words().map((w) => w.word)).toEqual(['inbound']);
  });

  it('listed and forgotten through the contract (words.list, words.forget)', async () => {
    const h = createHandlerTable(app);
    expect(await h['words.list']({})).toEqual({ ok: true, value: [{ word: 'inbound', folded: 'inbound', measure: 'arrivals' }] });
    expect(await h['words.forget']({ word: '物量' })).toMatchObject({ ok: false, error: { code: 'WORD_NOT_TAUGHT' } });
    expect(await h['words.forget']({ word: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await app.assistant.ask('By carryover I mean items left.')).answer).toContain('Learned: "carryover" means items left.');
    expect(await h['words.forget']({ word: 'inbound' })).toEqual({ ok: true, value: [{ word: 'carryover', folded: 'carryover', measure: 'remaining' }] });
    expect(await measureOf('How much inbound at Sapporo today?')).not.toBe('arrivals');
  });

  it('listed and forgotten with genba words', async () => {
    await app.stop();
    const run = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli([...args, '--data-dir', dir.path, '--now', ANCHOR], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { code, stdout, stderr };
    };
    expect(await run('words', '--lang', 'en')).toEqual({ code: 0, stdout: 'carryover  →  items left (remaining)\n', stderr: '' });
    expect(await run('words', 'forget', 'inbound', '--lang', 'en')).toMatchObject({ code: 1, stderr: expect.stringContaining('"inbound" was not taught') });
    expect(await run('words', 'forget', 'carryover', '--json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect((await run('words')).stdout).toContain('教わった言葉はありません');
    await start();
  });
});
