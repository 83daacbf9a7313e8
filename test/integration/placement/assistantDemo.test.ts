import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { createHandlerTable } from '../../../main/handlerTable.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { GenbaError } from '../../../main/errors.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const QUESTION = '札幌のエントリ1工程が遅延しています';

const genba = (...args: string[]) => runGenba(args);

describe('placement assistant on the demo company (no models: rules and templates)', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let first: AskResult;

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) });
    await app.start();
    await app.assistant.prepare();
    first = await app.assistant.ask(QUESTION);
  });
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it('proposes 3 qualified operators from 盛岡 and/or 品川 for 札幌 エントリ1, citing the rules', () => {
    // A report of lateness about a named process is AIMEE's request for help: a move proposal.
    expect(first.query).toMatchObject({ read: { op: 'propose', site: ['札幌'], process: ['エントリ1'] }, answeredBy: 'propose', readBy: 'rules' });
    const p = first.proposal!;
    expect(p).toMatchObject({ site: '札幌', process: 'エントリ1', businessId: '523201' });
    expect(p.facts).toMatchObject({ remaining: 120, minutesLeft: 20, currentPerMinute: 5, minutesLateNow: 4, neededByRate: 2, policyMinMoves: 3, moves: 3 });
    expect(p.operators).toHaveLength(3);
    expect(p.changes.every((c) => ['盛岡', '品川'].includes(c.from) && c.to === '札幌')).toBe(true);
    expect(p.changes.reduce((n, c) => n + c.count, 0)).toBe(3);
    expect(p.facts.minutesLateAfter!).toBeLessThanOrEqual(0);
    expect(first.citations.map((c) => c.heading)).toContain('納期直前の増員');
    expect(first.answer).toContain('方針により3名以上');
    // The reason names the business as the overview does (SS); the id stays in the proposal's businessId.
    expect(p.reason).toMatch(/^札幌 エントリ1（SS）は残り120件、納期16:00まで20分です。/);
    expect(first.answer).not.toContain('523201');
    expect(first.answerSource).toBe('template');
    const t = first.timings;
    expect(t.total_ms).toBeGreaterThanOrEqual(t.read_ms + t.retrieval_ms + t.data_ms + t.optimize_ms - 1);
  });

  it('moves only valid operators qualified at エントリ1 level 3 or more, checked against the store', () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    for (const op of first.proposal!.operators) {
      const row = db
        .prepare(
          `SELECT o.is_valid, o.location_name, c.skill_level FROM operators o JOIN operator_process_capabilities c USING (operator_id)
        WHERE o.operator_id = ? AND c.process_name = 'エントリ1'`,
        )
        .get(op.id) as { is_valid: number; location_name: string; skill_level: number };
      expect(row).toMatchObject({ is_valid: 1, location_name: op.from });
      expect(row.skill_level).toBeGreaterThanOrEqual(3);
    }
    db.close();
  });

  it('asks back with candidates instead of guessing the site', async () => {
    const r = await app.assistant.ask('エントリ1が遅れている。人を回して');
    expect(r.proposal).toBeNull();
    expect(r.clarify!.question).toContain('どの拠点');
    expect(r.clarify!.options.map((o) => o.ask)).toContain(QUESTION);
  });

  it('below the confidence line, says what it understood and offers the closest readings; the one picked is answered as it is', async () => {
    const q = '札幌どう思う？';
    const r = await app.assistant.ask(q);
    expect(r.query!.confidence).toBeLessThan(0.6);
    expect(r.proposal).toBeNull();
    expect(r.clarify!.question).toContain(`「${q}」は`);
    const options = r.clarify!.options;
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options.length).toBeLessThanOrEqual(4);
    expect(new Set(options.map((o) => o.reading!.op)).size).toBe(options.length);
    // Nothing is computed or stored for a reading the manager did not pick.
    const stored = (): number =>
      (new Database(join(dir.path, 'genba.sqlite'), { readonly: true }).prepare('SELECT COUNT(*) AS n FROM proposals').get() as { n: number }).n;
    const before = stored();
    const pick = options.find((o) => o.reading!.op !== 'propose')!;
    const picked = await app.assistant.ask(q, undefined, pick.reading!);
    expect(picked.query).toMatchObject({ read: { op: pick.reading!.op }, confidence: 1, readBy: 'chosen' });
    expect(picked.clarify).toBeNull();
    expect(stored()).toBe(before);
    // Through the contract too; a reading that is not a query is refused.
    const h = createHandlerTable(app);
    expect(await h['chat.ask']({ question: q, reading: pick.reading! })).toMatchObject({ ok: true, value: { query: { readBy: 'chosen' } } });
    expect(await h['chat.ask']({ question: q, reading: { op: 'weather' } as never })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers a request outside what Genba does with what it can do, not a progress list', async () => {
    const r = await app.assistant.ask('東京タワーの高さは？');
    expect(r.query!.answeredBy).toBe('outside');
    expect(r.answer).not.toContain('残り');
  });

  it('answers simple questions and the productivity question with numbers from the store, checked against SQL', async () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const now = Date.parse(ANCHOR);
    // 補正待ち: the newest snapshot of each 札幌 series today.
    const waiting = (
      db
        .prepare(
          `SELECT SUM(correction_waiting) AS n FROM progress_snapshots s WHERE location_name = '札幌' AND snapshot_time = (
             SELECT MAX(snapshot_time) FROM progress_snapshots t WHERE t.location_name = s.location_name AND t.process_name = s.process_name
               AND t.business_id = s.business_id AND t.snapshot_time <= ? AND t.snapshot_time > ? - 86400000)`,
        )
        .get(now, now) as { n: number }
    ).n;
    const correction = await app.assistant.ask('札幌の補正待ちは何件？');
    expect(correction.query!.answeredBy).toBe('planner');
    expect(correction.answer).toContain(`補正待ち（15:40時点）:\n- 札幌: ${waiting} 件`);
    // Who can do エントリ1 in 盛岡: valid operators with skill 3 or more.
    const qualified = (
      db
        .prepare(
          `SELECT COUNT(DISTINCT o.operator_id) AS n FROM operators o JOIN operator_process_capabilities c USING (operator_id)
           WHERE o.location_name = '盛岡' AND o.is_valid = 1 AND c.process_name = 'エントリ1' AND c.skill_level >= 3`,
        )
        .get() as { n: number }
    ).n;
    const who = await app.assistant.ask('盛岡でエントリ1ができる人は何人いる？');
    // 「できる」 is qualified: valid, at the skill placement asks for (placement.minSkill, 3).
    expect(who.answer).toContain(`盛岡 · エントリ1: ${qualified} 人`);
    db.close();
    // Why is 札幌 slower: the OCR incident on its host, with the speed before and after.
    const why = await app.assistant.ask('札幌の生産性が落ちている理由は？');
    expect(why.query!.answeredBy).toBe('speed');
    expect(why.answer).toContain('ocr-sapporo-01（ocr-worker）の障害: 13:50から');
    // Against the same half hour on previous days, over the stretches with work still left (progressSnapshots.ts's one
    // gap rule, as the productivity-drop alert uses): the median over 18 such days for 医療レセプト (5.25), over the 6 days
    // SS was still working then (6.75); a week ago (a Thursday with the same calendar) both were still working at 15:40.
    expect(why.answer).toContain('札幌 エントリ1（医療レセプト）: 毎分3.7件（必要 毎分2.9件、通常 毎分5.3件、先週の同じ時刻 毎分');
    expect(why.answer).toContain('札幌 エントリ1（SS）: 毎分5.0件（必要 毎分6.0件、通常 毎分6.8件、先週の同じ時刻 毎分');
    expect(why.answer).toMatch(/札幌 エントリ1（SS）の速度 毎分[\d.]+ → 5.0件（13:50から）/);
    // The alert question: the site's history from the alerts table, by kind.
    app.alerts.check();
    const history = await app.assistant.ask('札幌のアラートが多すぎる。しきい値を見直して');
    expect(history.query!.answeredBy).toBe('alertHistory');
    const count = (
      new Database(join(dir.path, 'genba.sqlite'), { readonly: true })
        .prepare("SELECT COUNT(*) AS n FROM alerts WHERE site = '札幌' AND first_seen >= ?")
        .get(now - 7 * 86_400_000) as {
        n: number;
      }
    ).n;
    expect(count).toBeGreaterThan(0);
    expect(history.answer).toContain(`札幌の直近7日のアラート: ${count}件`);
    expect(history.answer).not.toMatch(/productivity_drop|delay_risk|arrivals_surge|log_anomaly/);
    // The log question names the incident, since when, where, against the usual, and the speed it lowered.
    const logs = await app.assistant.ask('札幌のOCRサーバーで何が起きている？');
    expect(logs.query!.answeredBy).toBe('logs');
    // The lines since 13:50, when it began (the last hour alone holds 300).
    expect(logs.answer).toContain('ocr-sapporo-01（ocr-worker）の障害: 13:50から556行（通常0行）、拠点 札幌');
    expect(logs.answer).toContain('→ 札幌 エントリ1（SS）の速度 毎分7.6 → 5.0件（13:50から）');
  });

  it('narrows the engines to the time asked about: a window of speed, a day of logs, a time to be done by; checked against SQL', async () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const now = Date.parse(ANCHOR);
    const two = Date.parse('2025-10-23T14:00+09:00');
    // 札幌 エントリ1 of 611040 since 14:00: items done between the first and last snapshot of the window, per minute.
    const w = db
      .prepare(
        `SELECT MIN(snapshot_time) AS a, MAX(snapshot_time) AS b, MIN(entry_count) AS lo, MAX(entry_count) AS hi FROM progress_snapshots
         WHERE location_name = '札幌' AND process_name = 'エントリ1' AND business_id = '611040' AND snapshot_time BETWEEN ? AND ?`,
      )
      .get(two, now) as { a: number; b: number; lo: number; hi: number };
    const perMinute = (w.hi - w.lo) / ((w.b - w.a) / 60_000);
    // Per operator: the registered speeds of the valid people of 札幌 who can do エントリ1.
    const spread = db
      .prepare(
        `SELECT COUNT(*) AS n, MIN(v) AS lo, MAX(v) AS hi FROM (SELECT MAX(c.average_speed) AS v FROM operators o JOIN operator_process_capabilities c USING (operator_id)
         WHERE o.location_name = '札幌' AND o.is_valid = 1 AND c.process_name = 'エントリ1' GROUP BY o.operator_id)`,
      )
      .get() as { n: number; lo: number; hi: number };
    db.close();
    const since = await app.assistant.ask('14時ごろから札幌の生産性が落ちているのはなぜ？');
    expect(since.query!.answeredBy).toBe('speed');
    expect(since.answer).toContain('札幌の処理速度（14:00から）:');
    expect(since.answer).toContain(`- 札幌 エントリ1（医療レセプト）: 14:00から 毎分${perMinute.toFixed(1)}件（同じ時間帯の通常 毎分`);
    expect(since.answer).toContain(`担当できる${spread.n}名の登録速度: 毎時${spread.lo.toFixed(1)}〜${spread.hi.toFixed(1)}件`);

    // Yesterday's logs: yesterday's incidents (with their date), not today's OCR incident.
    const yesterday = await app.assistant.ask('昨日のログで何があった？');
    expect(yesterday.query!.answeredBy).toBe('logs');
    expect(yesterday.answer).toContain('昨日の異常:');
    expect(yesterday.answer).toMatch(/（db-proxy）の障害: 10\/22 \d\d:\d\dから/);
    expect(yesterday.answer).not.toContain('13:50から');

    // By a time: every open process of the business whose projected finish is later is named, the others are not.
    const open611 = app
      .overview()
      .sites.flatMap((s) => s.processes)
      .filter((p) => p.businessId === '611040' && p.status !== 'done');
    const by17 = await app.assistant.ask('医療レセプトで17時に間に合わない拠点は？');
    expect(by17.query!.read.business).toEqual(['611040']);
    const late17 = open611.filter((p) => p.projectedFinish === null || p.projectedFinish > Date.parse('2025-10-23T17:00+09:00'));
    expect(by17.answer).toContain(
      late17.length === 0 ? '17:00に間に合わない見込みの工程はありません' : `17:00に間に合わない見込みの工程は${late17.length}件です。`,
    );
    const all = app.overview().sites.flatMap((s) => s.processes);
    const late16 = all.filter((p) => p.status !== 'done' && (p.projectedFinish === null || p.projectedFinish > Date.parse('2025-10-23T16:00+09:00')));
    const by16 = await app.assistant.ask('16時までに終わらない工程は？');
    expect(by16.query!.answeredBy).toBe('risk');
    // A line due after 16:00 is not done by then but not late: counted apart, never in the head's misses.
    const dueLater = late16.filter((p) => p.deadline !== null && p.deadline > Date.parse('2025-10-23T16:00+09:00'));
    expect(by16.answer.split('\n')[0]).toBe(
      dueLater.length === 0
        ? `16:00に間に合わない見込みの工程は${late16.length}件です。`
        : `16:00までに終わらない見込みの工程は${late16.length}件です。うち${dueLater.length}件は納期が16:00より後で、16:00に間に合わない見込みは${late16.length - dueLater.length}件です。`,
    );
    expect(late16.length).toBeGreaterThan(1);
    expect(dueLater.length).toBeGreaterThan(0);
    // Each business by its name, as the overview names it (the demo company names all of its businesses).
    const names = app.overview().businessNames;
    for (const p of late16.slice(0, 8)) expect(by16.answer).toContain(`${p.site} ${p.process}（${names[p.businessId]!}）: 残り${p.remaining}件`);
    expect(late16.every((p) => names[p.businessId] !== undefined)).toBe(true);
    expect(by16.answer).not.toMatch(/業務\d/);
  });

  it('proposes an alert threshold from the history and changes it only when the manager approves', async () => {
    const now = Date.parse(ANCHOR);
    const rw = new Database(join(dir.path, 'genba.sqlite'));
    // Two productivity drops at 盛岡 that ended by themselves within minutes, nobody having looked at them (at 札幌 the
    // open drop of 67 % is the OCR incident: no lower threshold removes noise there without removing it).
    const add = rw.prepare(
      `INSERT INTO alerts (dedupe_key, kind, severity, site, process, title_ja, title_en, detail, first_seen, last_seen, status, resolved_at)
       VALUES (?, 'productivity_drop', 'warning', '盛岡', 'エントリ2', 't', 't', ?, ?, ?, 'resolved', ?)`,
    );
    add.run('noise-1', JSON.stringify({ share: 66 }), now - 2 * 86_400_000, now - 2 * 86_400_000, now - 2 * 86_400_000 + 10 * 60_000);
    add.run('noise-2', JSON.stringify({ share: 68 }), now - 3 * 86_400_000, now - 3 * 86_400_000, now - 3 * 86_400_000 + 5 * 60_000);
    rw.close();
    const sapporo = await app.assistant.ask('札幌のアラートが多すぎる。しきい値を見直して');
    expect(sapporo.action).toBeNull();
    expect(sapporo.answer).toContain('しきい値を変えて減らせるアラートは、この履歴にはありません。');
    const r = await app.assistant.ask('盛岡のアラートが多すぎる。しきい値を見直して');
    expect(r.query!.answeredBy).toBe('alertHistory');
    expect(r.answer).toContain('盛岡の直近7日のアラート: 2件');
    expect(r.action).toMatchObject({ kind: 'alert_threshold', setting: 'alerts.productivityDropShare', current: 0.7 });
    expect(r.answer).toContain('提案: 生産性の低下のしきい値を通常の70%から65%に下げると、この履歴では2件中2件が出なくなり');
    expect(r.answer).not.toContain('alerts.productivityDropShare');
    // Proposed only: nothing changed yet.
    expect(app.config().alerts.productivityDropShare).toBe(0.7);
    const h = createHandlerTable(app);
    const { setting, current, proposed } = r.action!;
    expect(await h['alerts.applyThreshold']({ setting, current, proposed: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h['alerts.applyThreshold']({ setting, current, proposed })).toEqual({ ok: true, value: { setting, previous: 0.7, value: proposed } });
    expect(app.config().alerts.productivityDropShare).toBe(proposed);
    expect(JSON.parse(readFileSync(join(dir.path, 'config.json'), 'utf8')).alerts.productivityDropShare).toBe(proposed);
    // Approving the same (now stale) proposal again changes nothing.
    expect(await h['alerts.applyThreshold']({ setting, current, proposed: 0.5 })).toMatchObject({ ok: false, error: { code: 'THRESHOLD_CHANGED' } });
    expect(app.config().alerts.productivityDropShare).toBe(proposed);
    // Back to the default for the tests that follow.
    expect(await h['alerts.applyThreshold']({ setting, current: proposed, proposed: 0.7 })).toMatchObject({ ok: true });
  });

  it('answers a what-if move with the finish of the receiving and the giving side, checked against SQL', async () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const hm = (t: number): string =>
      new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
    const r = await app.assistant.ask('大阪のエントリ1から札幌に2名移したらどうなる？');
    expect(r.query!.answeredBy).toBe('whatif');
    expect(r.answer).toContain('大阪から札幌 エントリ1（SS）へ2名移した場合');
    // What the giving side loses is the speed of the named movers on their own process, from SQL.
    const names = [.../移る人: (.*)/.exec(r.answer)![1]!.matchAll(/([^、（]+)（大阪、/g)].map((m) => m[1]!);
    expect(names).toHaveLength(2);
    const lost =
      names
        .map(
          (name) =>
            db
              .prepare(
                `SELECT m.process_name AS process, m.average_speed AS v FROM operators o JOIN operator_process_capabilities m ON m.operator_id = o.operator_id
                 WHERE o.operator_name = ? AND o.location_name = '大阪' ORDER BY m.experience_months DESC, m.skill_level DESC, m.capability_id LIMIT 1`,
              )
              .get(name) as { process: string; v: number },
        )
        .filter((m) => m.process === 'エントリ1')
        .reduce((s, m) => s + m.v, 0) / 60;
    db.close();
    const donor = app
      .overview()
      .sites.flatMap((s) => s.processes)
      .find((p) => p.site === '大阪' && p.process === 'エントリ1' && p.businessId === '611040')!;
    const finish = Math.ceil((donor.snapshotTime + (donor.remaining / (donor.speedPerMinute! - lost)) * 60_000) / 60_000) * 60_000;
    expect(r.answer).toContain(`大阪 エントリ1（医療レセプト、送り出し）: 完了見込み ${hm(donor.projectedFinish!)} → ${hm(finish)}`);
    expect(r.answer).toMatch(/^- 完了見込み 16:04 → \d\d:\d\d（納期16:00、4分遅れ → /m);
  });

  it('keeps a conversation, reads follow-ups in its context, and lists, reopens and deletes it', async () => {
    const h = createHandlerTable(app);
    const first = await h['chat.ask']({ question: '札幌の補正待ちは何件？', conversationId: null });
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.conversationId!;
    expect(id).toMatch(/^C20251023-[0-9A-F]{8}$/);
    // 「盛岡は？」: the same fact for another site.
    const next = await h['chat.ask']({ question: '盛岡は？', conversationId: id });
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.followUp).toEqual({ from: '札幌の補正待ちは何件？', kept: ['measure'] });
    expect(next.value.answer).toMatch(/^補正待ち（15:40時点）:\n- 盛岡: \d+ 件/);
    // 「じゃあ2名なら？」 after a proposal: what 2 people would do.
    await h['chat.ask']({ question: QUESTION, conversationId: id });
    const two = await h['chat.ask']({ question: 'じゃあ2名なら？', conversationId: id });
    if (!two.ok) throw new Error(two.error.message);
    expect(two.value.query!.answeredBy).toBe('whatif');
    expect(two.value.answer).toContain('札幌 エントリ1（SS）へ2名移した場合');
    // Stored: listed newest first, reopened with every turn, deleted with its turns.
    const list = await h['chat.conversations']({});
    expect(list.ok && list.value[0]).toMatchObject({ id, title: '札幌の補正待ちは何件？', turns: 4 });
    const detail = await h['chat.conversation']({ id });
    expect(detail.ok && detail.value!.turns.map((t) => t.question)).toEqual(['札幌の補正待ちは何件？', '盛岡は？', QUESTION, 'じゃあ2名なら？']);
    expect(detail.ok && detail.value!.turns[1]!.result.answer).toBe(next.value.answer);
    // Without a conversation (genba ask), nothing is kept.
    expect((await app.assistant.ask('盛岡は？')).conversationId).toBeNull();
    expect(await h['chat.deleteConversation']({ id })).toMatchObject({ ok: true });
    expect(await h['chat.conversation']({ id })).toEqual({ ok: true, value: null });
    expect(await h['chat.ask']({ question: '盛岡は？', conversationId: id })).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_FOUND' } });
    expect(await h['chat.conversation']({ id: "C' OR 1=1" })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers the other intents from live data', async () => {
    expect((await app.assistant.ask('遅延リスクのある工程は？')).answer).toContain('札幌 エントリ1（SS）: 残り120件');
    expect((await app.assistant.ask('OCRのエラーが増えている原因を調べて')).answer).toMatch(/異常|ocr/i);
    const rule = await app.assistant.ask('納期直前の増員ルールは？');
    expect(rule.query!.answeredBy).toBe('knowhow');
    expect(rule.answer).toContain('3名以上を移動する');
    expect((await app.assistant.ask('こんにちは')).query!.answeredBy).toBe('outside');
  });

  it('records approval once, through the outbox, and refuses a second decision', async () => {
    const id = first.proposal!.id;
    expect(app.assistant.proposal(id)).toMatchObject({ status: 'open', changedSince: null });
    const decided = app.assistant.decide(id, { action: 'approved', reason: null, user: '山田' });
    expect(decided.status).toBe('approved');
    await expect.poll(() => app.assistant.approvals()[0]?.delivery, { timeout: 10_000 }).toBe('delivered');
    expect(app.assistant.approvals()[0]).toMatchObject({ suggestionId: id, action: 'approved', moves: 3, user: '山田', site: '札幌' });
    expect(thrownBy(GenbaError, () => app.assistant.decide(id, { action: 'rejected', reason: 'x', user: '山田' })).code).toBe('PROPOSAL_DECIDED');
    const csv = app.assistant.approvalsCsv();
    expect(csv.startsWith('\ufeffsuggestion_id,site,process,action')).toBe(true);
    expect(csv).toContain(`${id},札幌,エントリ1,approved`);
    // Those three are now moved today and cover the shortage: asked again, the chat says the decision and proposes no one more.
    const next = await app.assistant.ask(QUESTION);
    expect(next.proposal).toBeNull();
    expect(next.answer).toMatch(/15:40に承認済み（山田）: (?:盛岡|品川)から3名/);
  });

  it('answers the other kinds of fact: headcount, skill at a level, decisions, a trend, and a day still ahead; checked against SQL', async () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const heads = db.prepare(`SELECT COUNT(*) AS n, SUM(is_valid) AS v FROM operators WHERE location_name = '盛岡'`).get() as { n: number; v: number };
    const level4 = (
      db
        .prepare(
          `SELECT COUNT(DISTINCT o.operator_id) AS n FROM operators o JOIN operator_process_capabilities c USING (operator_id)
           WHERE o.location_name = '品川' AND o.is_valid = 1 AND c.process_name = '検証' AND c.skill_level >= 4`,
        )
        .get() as { n: number }
    ).n;
    const decided = db.prepare(`SELECT COUNT(*) AS n FROM proposals WHERE status <> 'open'`).get() as { n: number };
    db.close();
    expect(heads.n).toBeGreaterThan(heads.v);
    expect((await app.assistant.ask('盛岡の有効人数は？')).answer).toContain(`盛岡: ${heads.v} 人`);
    expect((await app.assistant.ask('品川でスキル4以上で検証ができる人は何人？')).answer).toContain(`品川 · 検証: ${level4} 人`);
    // The approval of the test before is today's decision.
    expect(decided.n).toBe(1);
    const decisions = await app.assistant.ask('今日承認した配置は？');
    expect(decisions.answer).toContain('今日（00:00〜15:40）の判断: 承認1件、却下0件、修正0件。');
    // A trend: today's speed hour by hour, each hour from the snapshots, by the planner (figures against SQL: askTrendCli.test.ts).
    const trend = await app.assistant.ask('横浜拠点の生産性トレンドは？');
    expect(trend.query!.answeredBy).toBe('planner');
    expect(trend.answer).toContain('横浜の処理速度の推移（今日（00:00〜15:40）、1時間ごと）:');
    expect(trend.answer).toMatch(/- 09:00〜10:00: [\d.]+ 件\/分\n- 10:00〜11:00: [\d.]+ 件\/分/);
    expect(trend.table!.rows.length).toBe(7);
    // Tomorrow: the staffing plan of the next working day (no move proposal for today).
    const tomorrow = await app.assistant.ask('明日の最適配置を提案して');
    expect(tomorrow.proposal).toBeNull();
    expect(tomorrow.plan).toMatchObject({ date: '2025-10-24' });
    expect(tomorrow.answer).toContain('10/24（金）の配置計画（予測は10/23（木）までの実績から');
  });

  it('needs a reason to reject, and says so on the card when newer data changed the situation', async () => {
    // A store of its own: in this file's store the late line is covered by the move approved above.
    const own = tempDir();
    await copyDemoStore(own.path);
    const app = createApp({ dataDir: own.path, now: Date.parse(ANCHOR) });
    await app.start();
    const dir = own;
    const r = await app.assistant.ask(QUESTION);
    const id = r.proposal!.id;
    expect(thrownBy(GenbaError, () => app.assistant.decide(id, { action: 'rejected', reason: ' ', user: '山田' })).code).toBe('PROPOSAL_REASON_REQUIRED');
    const db = new Database(join(dir.path, 'genba.sqlite'));
    db.prepare(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
      SELECT snapshot_time + 60000, location_name, business_id, process_name, expected_completion_time, total_waiting - 30, entry_count + 30
        FROM progress_snapshots WHERE snapshot_time = ? AND location_name = '札幌' AND process_name = 'エントリ1' AND business_id = '523201'`,
    ).run(r.proposal!.data_as_of);
    db.close();
    const later = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR) + 60_000 });
    await later.start();
    try {
      expect(later.assistant.proposal(id).changedSince).toContain('残り120件 → 90件');
      const rejected = later.assistant.decide(id, { action: 'rejected', reason: '盛岡も夕方は忙しい', user: '山田' });
      expect(rejected.status).toBe('rejected');
    } finally {
      await later.stop();
      await app.stop();
      own.remove();
    }
  });

  it('validates every request at the IPC boundary', async () => {
    const h = createHandlerTable(app);
    expect(await h['chat.ask']({ question: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h['chat.ask']({ question: 'x'.repeat(2001) })).toMatchObject({ ok: false });
    expect(await h['chat.ask']({ question: 'ok', requestId: '<script>' })).toMatchObject({ ok: false });
    expect(await h['proposals.decide']({ id: "SGT' OR 1=1", action: 'approved' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h['proposals.decide']({ id: 'SGT20251023-00000000', action: 'approved', user: 'someone else' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await h['proposals.get']({ id: 'SGT20251023-00000000' })).toMatchObject({ ok: false, error: { code: 'PROPOSAL_NOT_FOUND' } });
    expect(await h['knowledge.add']({ title: 't', text: '' })).toMatchObject({ ok: false });
  });

  it('works through the built CLI: ask --json, approve, knowledge add/search/remove', async () => {
    // A store of its own: in this file's store the late line is covered by the move approved above.
    const own = tempDir();
    await copyDemoStore(own.path);
    const ask = genba('ask', QUESTION, '--json', '--data-dir', own.path, '--now', ANCHOR);
    expect(ask.stderr).toBe('');
    const r = JSON.parse(ask.stdout) as AskResult;
    expect(r.proposal!.operators).toHaveLength(3);
    expect(Object.keys(r.timings)).toEqual(['read_ms', 'retrieval_ms', 'data_ms', 'optimize_ms', 'answer_ms', 'total_ms']);
    const approve = genba('approve', r.proposal!.id, '--reason', '了解', '--data-dir', own.path, '--now', ANCHOR);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain('approved');
    const again = genba('reject', r.proposal!.id, '--reason', '取り消し', '--data-dir', own.path);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('既に処理済み');
    expect(genba('approve', 'not-an-id', '--data-dir', own.path).code).toBe(2);
    const csvPath = join(own.path, 'approvals.csv');
    expect(genba('approvals', '--out', csvPath, '--data-dir', own.path).code).toBe(0);
    expect(readFileSync(csvPath, 'utf8')).toContain(`${r.proposal!.id},札幌,エントリ1,approved,了解`);

    const file = join(own.path, 'note.md');
    writeFileSync(file, '# 夜勤\n\n## 佐世保の夜間\n佐世保は22時以降の応援を受け付けない。');
    const added = genba('knowledge', 'add', file, '--json', '--data-dir', own.path);
    expect(added.code).toBe(0);
    const doc = JSON.parse(added.stdout) as { id: number; chunks: number };
    const found = JSON.parse(genba('knowledge', 'search', '佐世保に夜間の応援は出せる？', '--json', '--data-dir', own.path).stdout) as { docId: number }[];
    expect(found[0]!.docId).toBe(doc.id);
    const binary = join(own.path, 'x.txt');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x81]));
    const refused = genba('knowledge', 'add', binary, '--data-dir', own.path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('UTF-8');
    expect(genba('knowledge', 'remove', String(doc.id), '--data-dir', own.path).code).toBe(0);
    expect(genba('knowledge', 'list', '--data-dir', own.path).stdout).not.toContain('note');
    own.remove();
  });
});
