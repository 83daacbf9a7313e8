import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_OPS, fullQuery } from '../../../main/api/askQuery.js';
import { ENGINE_IDS } from '../../../main/api/engineIds.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { engineFor } from '../../../main/chat/engineFor.js';
import { createHandlerTable } from '../../../main/handlerTable.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';

/**
 * Issue 39's failure kinds, each on the demo company at 15:40: a request is read once, a follow-up changes only what
 * it names, a request that asks for nothing stores nothing, an approved move is known to the chat, the period asked
 * is obeyed for the logs, and an ask-back always offers choices.
 */
describe('one reading of a question', () => {
  const dir = tempDir();
  let app: GenbaApp;
  const count = (table: 'proposals' | 'plans'): number => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    await app.assistant.prepare({ solver: false });
  });
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it('sends every operation to an engine, and the engine a reading names is one the registry has', () => {
    for (const op of ASK_OPS) expect(ENGINE_IDS).toContain(engineFor(fullQuery({ op }), '2025-10-23'));
    // A day ahead is the staffing plan's; a proposal for now is the optimizer's; a statistic of a measure is declined by the planner.
    expect(engineFor(fullQuery({ op: 'value', measure: 'overtime', time: 'tomorrow' }), '2025-10-23')).toBe('plan');
    expect(engineFor(fullQuery({ op: 'propose', measure: 'slack', site: ['札幌'] }), '2025-10-23')).toBe('propose');
    expect(engineFor(fullQuery({ op: 'outside', measure: 'remaining' }), '2025-10-23')).toBe('planner');
  });

  it('a request that asks for nothing Genba does stores nothing: no proposal, no plan', async () => {
    const before = { proposals: count('proposals'), plans: count('plans') };
    for (const q of ['タクシーを呼んで', '来月の給料の計算をして', 'Book me a taxi to the station', '明日の残業代はいくら？', '明日の残業は何分？']) {
      const r = await app.assistant.ask(q);
      expect(r.proposal, q).toBeNull();
      expect(r.plan ?? null, q).toBeNull();
    }
    expect({ proposals: count('proposals'), plans: count('plans') }).toEqual(before);
  });

  it('a follow-up changes only what it names and keeps the rest of the query before it', async () => {
    const h = createHandlerTable(app);
    const first = await h['chat.ask']({ question: '札幌のエントリ1の残件は？', conversationId: null });
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.conversationId!;
    // 「じゃあ補正は？」: the process changes, the site and the measure stay.
    const next = await h['chat.ask']({ question: 'じゃあ補正は？', conversationId: id });
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.query!.read).toMatchObject({ op: 'value', measure: 'remaining', site: ['札幌'], process: ['補正'] });
    expect(next.value.followUp).toEqual({ from: '札幌のエントリ1の残件は？', kept: expect.arrayContaining(['site', 'measure']) });
    // After a question about absence, 「大阪は？」 asks the same of 大阪 (not the register).
    const absence = await h['chat.ask']({ question: '今日札幌で休んでいる人は何人？', conversationId: id });
    if (!absence.ok) throw new Error(absence.error.message);
    const osaka = await h['chat.ask']({ question: '大阪は？', conversationId: id });
    if (!osaka.ok) throw new Error(osaka.error.message);
    expect(osaka.value.query!.read).toMatchObject({ measure: absence.value.query!.read.measure, site: ['大阪'] });
    expect(osaka.value.query!.read.measure).toBe('absence');
    // A request about nothing Genba does is not a follow-up either: it stores and computes nothing.
    const taxi = await h['chat.ask']({ question: 'タクシーを呼んで', conversationId: id });
    expect(taxi.ok && taxi.value.followUp).toBeNull();
    expect(taxi.ok && taxi.value.query!.answeredBy).toBe('outside');
    // A question that stands alone is not a follow-up, even in a conversation.
    const alone = await h['chat.ask']({ question: '横浜の検証の処理速度は？', conversationId: id });
    expect(alone.ok && alone.value.followUp).toBeNull();
  });

  it('a follow-up of a time alone, of an opener with its own measure, or of a split alone keeps the rest of the turn before', async () => {
    const h = createHandlerTable(app);
    const ask = async (question: string, conversationId: string | null) => {
      const r = await h['chat.ask']({ question, conversationId });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // 「昨日は？」: a time alone is no request about something else.
    const arrivals = await ask('今日の札幌の入荷は何件？', null);
    const yesterday = await ask('昨日は？', arrivals.conversationId ?? null);
    expect(yesterday.query!.read).toMatchObject({ measure: 'arrivals', site: ['札幌'], time: 'yesterday' });
    expect(yesterday.query!.answeredBy).not.toBe('outside');
    // "what about … there?": its own measure, the site of the turn before (the word "about" holds no "at ").
    const left = await ask('大阪の残り件数は？', null);
    const there = await ask('what about correction waiting there?', left.conversationId ?? null);
    expect(there.query!.read).toMatchObject({ measure: 'correction_waiting', site: ['大阪'] });
    // "which host had the most?": a ranking by host of the measure before.
    const errors = await ask('How many errors today?', null);
    const host = await ask('which host had the most?', errors.conversationId ?? null);
    expect(host.query!.read).toMatchObject({ op: 'rank', measure: 'error_lines', by: 'host' });
    // A request to send messages is nothing Genba does.
    const email = await ask('Email all Osaka operators and tell them to stay late tonight', null);
    expect(email.query!.answeredBy).toBe('outside');
    expect(email.proposal).toBeNull();
  });

  it('two hours of the day are the window asked (「9時から12時まで」), and people on a day are that day’s attendance, not the register', async () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const errors = (
      db
        .prepare("SELECT COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE level IN ('ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ?")
        .get(Date.parse('2025-10-23T09:00+09:00'), Date.parse('2025-10-23T12:00+09:00')) as { n: number }
    ).n;
    db.close();
    for (const q of ['今朝9時から12時までのエラーを教えて', 'errors between 9am and 12pm today?']) {
      const r = await app.assistant.ask(q);
      expect(r.query!.read.time, q).toBe('hours_9-12');
      expect(r.answer, q).toMatch(new RegExp(`09:00[〜–]12:00`));
      expect(r.answer, q).toMatch(new RegExp(`: ${errors} (行|lines)`));
    }
    expect((await app.assistant.ask('How many people are in today at Osaka?')).query!.read).toMatchObject({ measure: 'attendance', site: ['大阪'] });
    // Who can do a process on a day is still the register's.
    expect((await app.assistant.ask('今日、大阪で補正ができる人は何人？')).query!.read.measure).toBe('headcount');
  });

  it('English words read as a manager means them: compare with yesterday, in time, need per minute, who is slow', async () => {
    const read = async (q: string) => (await app.assistant.ask(q)).query!.read;
    expect(await read("Compare today's progress with yesterday at the same time")).toMatchObject({ op: 'change', measure: 'progress', against: 'yesterday' });
    expect(await read('Will Morioka get 検証 done in time?')).toMatchObject({ op: 'check', measure: 'slack', site: ['盛岡'], process: ['検証'] });
    expect(await read('札幌 SS エントリ1 — how many per minute do we need to hit 16:00?')).toMatchObject({ measure: 'needed_speed', site: ['札幌'] });
    // A person's speed is their registered speed: the slowest three people, by name.
    const slow = await app.assistant.ask("Who's slow today? I want names.");
    expect(slow.query!.read).toMatchObject({ op: 'rank', measure: 'operator_speed', by: 'operator', rank: { order: 'bottom', n: 3 } });
    expect(slow.answer).toMatch(/^Bottom 3 by operator's registered speed/);
  });

  it('a yes or no over every line names the late ones out of all, never "everything is 4 min late"', async () => {
    const r = await app.assistant.ask("Any lines at risk of missing today's deadlines?");
    expect(r.answer).not.toMatch(/everything is projected/);
    expect(r.answer).toMatch(/1 of \d+ series late/);
  });

  it('a skill level a follow-up names is kept when the operation changes: the people of the turn before, filtered by it', async () => {
    const h = createHandlerTable(app);
    const first = await h['chat.ask']({ question: '札幌で補正ができる人は何人？', conversationId: null });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.query!.read).toMatchObject({ measure: 'headcount', site: ['札幌'], process: ['補正'] });
    const next = await h['chat.ask']({ question: 'じゃあスキル4以上の人を一覧にして', conversationId: first.value.conversationId });
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.query!.read).toMatchObject({ site: ['札幌'], process: ['補正'], level: 4 });
  });

  it('an ask-back always offers the closest readings, never an empty list, and nothing is stored until one is picked', async () => {
    const before = count('proposals');
    for (const q of ['札幌どう思う？', 'エントリ1 応援 まずい？', 'what about it']) {
      const r = await app.assistant.ask(q);
      if (r.clarify === null) continue;
      // Readings offered: at least two; candidates for a proposal's target: at least one.
      expect(r.clarify.options.length, q).toBeGreaterThanOrEqual(r.clarify.options.some((o) => o.reading) ? 2 : 1);
      for (const o of r.clarify.options) expect(o.label.length, q).toBeGreaterThan(0);
    }
    expect((await app.assistant.ask('札幌どう思う？')).clarify!.options.length).toBeGreaterThanOrEqual(2);
    expect(count('proposals')).toBe(before);
  });

  it('an English question that writes the company’s names in kanji is answered in English; a Japanese one in Japanese', async () => {
    const en = await app.assistant.ask('How many items are left at 札幌 エントリ1?');
    expect(en.answer).toMatch(/^Items left/);
    expect(en.answer).not.toMatch(/[\u3040-\u309f]/);
    const ja = await app.assistant.ask('Sapporoのエントリ1の残件は？');
    expect(ja.answer).toMatch(/^残件/);
  });

  it('the period asked is obeyed for the logs: last night is not this afternoon’s incident', async () => {
    const night = await app.assistant.ask('昨夜のログで何があった？');
    expect(night.query!.read.time).toBe('last_night');
    expect(night.answer).not.toContain('13:50から');
    const afternoon = await app.assistant.ask('今日の午後、ログで何があった？');
    expect(afternoon.answer).toContain('13:50から');
  });

  it('the answer is the query’s, whatever the words: no engine reads the text again (issue 60)', async () => {
    const h = createHandlerTable(app);
    const ask = async (question: string, conversationId: string | null) => {
      const r = await h['chat.ask']({ question, conversationId });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // How good the forecast has been is a field of the query, so the two questions are two readings and two answers.
    const volume = await ask('札幌の物量予測は？', null);
    const accuracy = await ask('札幌の物量予測の精度は？', null);
    expect(volume.query!.read).toMatchObject({ measure: 'forecast_volume', site: ['札幌'], asks: [] });
    expect(accuracy.query!.read).toMatchObject({ measure: 'forecast_volume', site: ['札幌'], asks: ['accuracy'] });
    expect(accuracy.answer).not.toBe(volume.answer);
    // 「盛岡は？」 after it asks the same of 盛岡: the accuracy, as if asked whole.
    const morioka = await ask('盛岡は？', accuracy.conversationId ?? null);
    expect(morioka.query!.read).toMatchObject({ site: ['盛岡'], asks: ['accuracy'] });
    expect(morioka.answer).toBe((await app.assistant.ask('盛岡の物量予測の精度は？')).answer);
    // A what-if's move (how many, from, to) is the query's: the same reading under other words gives the same answer, byte for byte.
    const moved = await app.assistant.ask('大阪の検証から2名を札幌のエントリ1に移したら？');
    expect(moved.query!.read.move).toEqual({ count: 2, from: '大阪', to: '札幌', process: 'エントリ1', fromProcess: '検証' });
    expect(moved.answer).toContain('大阪');
    expect((await app.assistant.ask('それでお願い', undefined, moved.query!.read)).answer).toBe(moved.answer);
    const pulled = await app.assistant.ask('札幌のエントリ1を2人減らしたら？');
    expect(pulled.query!.read.move).toEqual({ count: 2, from: '札幌', to: null, process: 'エントリ1' });
    expect((await app.assistant.ask('どう？', undefined, pulled.query!.read)).answer).toBe(pulled.answer);
  });

  it('an exclusion the reading could not use is said before the answer, and no card is made on it (issue 60)', async () => {
    const before = count('proposals');
    const r = await app.assistant.ask('札幌のエントリ1が遅れてる、残業なしで誰を回せる？');
    expect(r.query!.unused).toContainEqual({ word: 'なしで', kind: 'negation' });
    expect(r.answer.split('\n')[0]).toBe('※ 質問の「なしで」を読み取れず、この答えには反映していません。');
    expect(r.proposal).toBeNull();
    expect(r.answer).toContain('カードは作っていません');
    expect(count('proposals')).toBe(before);
    // Read whole, the same request makes its card, and nothing is said left out.
    const whole = await app.assistant.ask('札幌のエントリ1が遅れてる、誰を回せる？');
    expect(whole.query!.unused).toEqual([]);
    expect(whole.proposal).not.toBeNull();
    expect(whole.answer).not.toContain('※');
  });

  it('an approved move is known: asked again, the answer says what was decided and promised, and proposes only what is still short', async () => {
    const q = '札幌のエントリ1工程が遅延しています';
    const first = await app.assistant.ask(q);
    expect(first.proposal!.operators).toHaveLength(3);
    app.assistant.decide(first.proposal!.id, { action: 'approved', reason: null, user: '山田' });
    const again = await app.assistant.ask(q);
    expect(again.proposal).toBeNull();
    expect(again.answer).toMatch(/15:40に承認済み.*盛岡から3名/);
    expect(again.answer).toContain('約束: 15:58完了');
    // A figure about the same line says the decision first, too.
    const left = await app.assistant.ask('札幌のエントリ1の残件は？');
    expect(left.answer.split('\n')[0]).toMatch(/承認済み/);
  });
});
