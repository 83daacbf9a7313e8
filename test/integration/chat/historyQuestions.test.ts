import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { formatHm } from '../../../main/config/zonedTime.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { addSnapshotsAtPace, speedBetween } from '../../helpers/laterSnapshots.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = Date.parse('2025-10-23T15:40+09:00');
const MINUTE = 60_000;
const TZ = 'Asia/Tokyo';
const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, TZ));

const JA = '前回札幌に応援を出したときはどうなった？';
const EN = 'What happened the last time we sent people to Sapporo?';

/**
 * Issue 60: a question about a decision already taken and what came of it is answered from Genba's own records (the
 * decided moves, with the outcome the approvals list measures), and stores nothing; with none on record it says so,
 * naming what it searched; a request to propose still proposes.
 */
describe('history questions: answered from decisions and their measured outcomes, storing nothing', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: GenbaApp | null = null;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await app?.stop();
    app = null;
    dir.remove();
  });

  /** Every proposal and plan as stored, with its state: asking a history question must leave them as they were. */
  const stored = (): { proposals: unknown[]; plans: unknown[] } => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      return {
        proposals: db.prepare('SELECT suggestion_id, status, created_at, proposal FROM proposals ORDER BY suggestion_id').all(),
        plans: db.prepare('SELECT plan_id, status, decided_at FROM plans ORDER BY plan_id').all(),
      };
    } finally {
      db.close();
    }
  };

  async function start(now: number): Promise<GenbaApp> {
    await app?.stop();
    app = createApp({ dataDir: dir.path, now });
    await app.start();
    return app;
  }

  it('with no decision on record: says there is none and what it searched, stores nothing; a proposal request still proposes; a rejection is said as one', async () => {
    await copyDemoStore(dir.path);
    const a = await start(ANCHOR);
    const before = stored();

    const ja = await a.assistant.ask(JA);
    expect(ja.query?.read).toMatchObject({ op: 'history', measure: 'decisions', site: ['札幌'], move: null });
    expect(ja.query?.answeredBy).toBe('decisionHistory');
    expect(ja.answer).toContain('Genbaには札幌への移動を承認した記録がありません（記録のある全期間の承認・一部承認の判断を探しました）');
    // No all-clear and no invented outcome.
    expect(ja.answer).not.toMatch(/効果あり|効果不足|毎分/);
    expect(ja.proposal).toBeNull();
    expect(ja.plan).toBeUndefined();
    const en = await a.assistant.ask(EN);
    expect(en.query?.read.op).toBe('history');
    expect(en.answer).toContain(
      'Genba has no record of a move to Sapporo being approved (it searched the approved and partly approved decisions, everything on record)',
    );
    expect(en.proposal).toBeNull();
    // A period named is the period searched.
    const lastWeek = await a.assistant.ask('先週札幌に人を回したときはどうだった？');
    expect(lastWeek.query?.read).toMatchObject({ op: 'history', time: 'last_week' });
    expect(lastWeek.answer).toContain('先週（10/13〜10/19）の承認・一部承認の判断を探しました');
    expect(stored()).toEqual(before);

    // A request to move people is a proposal, as before: one card, refreshed in place when asked again in English.
    const propose = await a.assistant.ask('札幌に応援を出して');
    expect(propose.query?.read.op).toBe('propose');
    expect(propose.query?.answeredBy).toBe('propose');
    expect(propose.proposal).not.toBeNull();
    const again = await a.assistant.ask('suggest a move to Sapporo');
    expect(again.query?.read.op).toBe('propose');
    expect(again.proposal?.id).toBe(propose.proposal!.id);
    expect(stored().proposals).toHaveLength(before.proposals.length + 1);

    // Rejected, it was not done: still no approved move, and the rejection is named with its reason.
    a.assistant.decide(propose.proposal!.id, { action: 'rejected', reason: '様子を見る', user: '山田' });
    const afterReject = stored();
    const rejected = await a.assistant.ask(JA);
    expect(rejected.answer).toContain('Genbaには札幌への移動を承認した記録がありません');
    expect(rejected.answer).toContain(`却下された提案はあります: 札幌 ${propose.proposal!.process}への移動を今日 15:40に却下（山田）、理由「様子を見る」`);
    expect(rejected.proposal).toBeNull();
    expect(stored()).toEqual(afterReject);

    // A staffing plan decided: what it expected, and that Genba measures no outcome of a plan.
    const plan = await a.planning.plan();
    await a.planning.decide(plan.planId, { action: 'approved' });
    const afterPlan = stored();
    const planAnswer = await a.assistant.ask('How did the last approved plan turn out?');
    expect(planAnswer.query?.read).toMatchObject({ op: 'history', measure: 'planned_staff' });
    expect(planAnswer.answer).toContain(`the staffing plan for 10/24 (${plan.solution.assignments.length} lines`);
    expect(planAnswer.answer).toContain('Genba measures the outcome of a move');
    expect(planAnswer.plan).toBeUndefined();
    expect(stored()).toEqual(afterPlan);
  }, 180_000);

  it('with a move approved and measured: ja and en say when, who, the promise and the speed measured after, and store nothing', async () => {
    await copyDemoStore(dir.path);
    let a = await start(ANCHOR);
    const r = await a.assistant.ask('札幌のエントリ1工程が遅延しています');
    const p: Proposal = r.proposal!;
    a.assistant.decide(p.id, { action: 'approved', reason: null, user: '山田' });
    // The moved people at work at the promised pace for 15 minutes.
    const promisedPace = p.facts.currentPerMinute + p.facts.addedPerMinute;
    addSnapshotsAtPace(dir.path, p, promisedPace, ANCHOR + 15 * MINUTE);
    // Asked the next morning: the move is the last one to 札幌.
    a = await start(ANCHOR + 18 * 60 * MINUTE);
    const before = stored();
    // The outcome as the approvals list (genba approvals) has it, its measured speed checked against SQL of the store.
    const d = a.assistant.approvals().find((x) => x.suggestionId === p.id)!.outcome!;
    expect(d.actual).not.toBeNull();
    expect(d.actual!.perMinute).toBeCloseTo(speedBetween(dir.path, p, d.startsAt, ANCHOR + 15 * MINUTE), 6);
    expect(d.promised.perMinute).toBeCloseTo(promisedPace, 6);

    const ja = await a.assistant.ask(JA);
    expect(ja.query?.read).toMatchObject({ op: 'history', site: ['札幌'] });
    expect(ja.query?.answeredBy).toBe('decisionHistory');
    expect(ja.answer).toContain('Genbaの記録にある札幌への移動の判断（記録のある全期間、新しい順）:');
    expect(ja.answer).toContain(`10/23 15:40に承認（山田）: 札幌 エントリ1（SS）へ${p.operators.length}名（${p.operators.map((o) => o.name).join('、')}）`);
    expect(ja.answer).toContain(`約束: 毎分${promisedPace.toFixed(1)}件、${hm(d.promised.finish)}完了（納期 16:00）`);
    expect(ja.answer).toContain(`実測: 毎分${d.actual!.perMinute.toFixed(1)}件（${hm(d.actual!.from)}〜${hm(d.actual!.to)}のスナップショット）`);
    expect(ja.answer).toContain(d.verdict === 'working' ? '効果あり' : '効果不足');
    expect(ja.table?.rows[0]).toEqual([
      p.id,
      '2025-10-23 15:40',
      'approved',
      '山田',
      '札幌',
      'エントリ1',
      p.operators.length,
      Math.round(d.promised.perMinute * 10) / 10,
      `2025-10-23 ${hm(d.promised.finish)}`,
      Math.round(d.actual!.perMinute * 10) / 10,
      `2025-10-23 ${hm(d.actual!.finish)}`,
      d.verdict,
    ]);
    expect(ja.proposal).toBeNull();

    const en = await a.assistant.ask(EN);
    expect(en.query?.read.op).toBe('history');
    expect(en.answer).toContain("Moves to Sapporo decided, in Genba's records (everything on record, newest first):");
    expect(en.answer).toContain(`Approved on 10/23 at 15:40 (山田): ${p.operators.length} people to Sapporo Entry 1 (SS)`);
    expect(en.answer).toContain(`Promised: ${promisedPace.toFixed(1)} items/min, done by ${hm(d.promised.finish)} (deadline 16:00)`);
    expect(en.answer).toContain(`Measured: ${d.actual!.perMinute.toFixed(1)} items/min (snapshots ${hm(d.actual!.from)}–${hm(d.actual!.to)})`);
    expect(en.proposal).toBeNull();
    const helped = await a.assistant.ask('Did the move to Sapporo help?');
    expect(helped.query?.read.op).toBe('history');
    expect(helped.answer).toContain(`Measured: ${d.actual!.perMinute.toFixed(1)} items/min`);

    // Another line named: that line's moves only, and none is said as none.
    const osaka = await a.assistant.ask('この前大阪に応援を出したときはどうだった？');
    expect(osaka.answer).toContain('Genbaには大阪への移動を承認した記録がありません');
    expect(stored()).toEqual(before);
  }, 180_000);
});
