import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';
import { addSnapshotsAtPace, speedBetween } from '../../helpers/laterSnapshots.js';

const ANCHOR = Date.parse('2025-10-23T15:40+09:00');
const MINUTE = 60_000;

/**
 * The decision on the floor (issue 29): the reference proposal for 札幌 エントリ1 approved at
 * 15:40 shows on the overview's row and on its delay alert, with the finish it promised; with
 * later snapshots added (the moved people at work), the speed and finish measured from them sit
 * beside the promise, checked against SQL of the same store; a move that does not deliver
 * raises its own alert, and the approvals list keeps the outcome.
 */
describe('a decided move, where the problem was: promised against actual', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: GenbaApp | null = null;
  // Each test starts from its own copy of the demo store.
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await app?.stop();
    app = null;
    dir.remove();
  });

  /** Approves the reference proposal at 15:40 and returns it. */
  async function approveReference(): Promise<Proposal> {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: ANCHOR });
    await app.start();
    const r = await app.assistant.ask('札幌のエントリ1工程が遅延しています');
    const p = r.proposal!;
    app.assistant.decide(p.id, { action: 'approved', reason: null, user: '山田' });
    return p;
  }

  it('right after approval: the row and the delay alert carry the decision and its promised finish; the effect is still being measured', async () => {
    const p = await approveReference();
    const row = app!
      .overview()
      .sites.flatMap((s) => s.processes)
      .find((x) => x.site === '札幌' && x.process === 'エントリ1' && x.businessId === p.businessId)!;
    expect(row.decision).toMatchObject({
      suggestionId: p.id,
      action: 'approved',
      user: '山田',
      decidedAt: ANCHOR,
      moved: p.operators.length,
      promised: { perMinute: p.facts.currentPerMinute + p.facts.addedPerMinute, finish: p.facts.projectedFinish },
      actual: null,
      verdict: 'measuring',
    });
    const check = app!.alerts.check();
    const delay = check.open.find((a) => a.kind === 'delay_risk' && a.site === '札幌' && a.process === 'エントリ1')!;
    // The alert follows the decision: what was done and the finish it should bring, no longer critical, the business by its name.
    expect(delay.decision?.suggestionId).toBe(p.id);
    expect(delay.severity).toBe('warning');
    expect(delay.title).toBe(`札幌 エントリ1（SS）: 15:40に${p.operators.length}名の応援を承認済み・完了見込み 15:58（納期 16:00）`);
    expect(check.open.some((a) => a.kind === 'decision_short')).toBe(false);
  });

  it('with later snapshots at the promised pace: actual beside promised, working, the alert resolved, the approvals list keeps the outcome', async () => {
    const p = await approveReference();
    const promised = p.facts.currentPerMinute + p.facts.addedPerMinute;
    addSnapshotsAtPace(dir.path, p, promised, ANCHOR + 15 * MINUTE);
    await app!.stop();
    const now = ANCHOR + 15 * MINUTE;
    app = createApp({ dataDir: dir.path, now });
    await app.start();
    const row = app
      .overview()
      .sites.flatMap((s) => s.processes)
      .find((x) => x.site === '札幌' && x.process === 'エントリ1' && x.businessId === p.businessId)!;
    const d = row.decision!;
    expect(d.verdict).toBe('working');
    expect(d.actual!.perMinute).toBeCloseTo(speedBetween(dir.path, p, d.startsAt, now), 6);
    expect(d.actual!.perMinute).toBeCloseTo(promised, 0);
    expect(d.actual!.finished).toBe(false);
    expect(d.actual!.finish).toBeLessThanOrEqual(p.deadline);
    expect(row.status).not.toBe('late');
    const check = app.alerts.check();
    expect(check.open.some((a) => a.kind === 'delay_risk' && a.site === '札幌' && a.process === 'エントリ1')).toBe(false);
    const approval = app.assistant.approvals().find((a) => a.suggestionId === p.id)!;
    expect(approval.outcome).toEqual(d);
    expect(app.assistant.approvalsCsv()).toMatch(
      new RegExp(`${p.id},.*,${Math.round(promised * 10) / 10},[^,]+,${Math.round(d.actual!.perMinute * 10) / 10},[^,]+,working`),
    );
  });

  it("work done soon after the move: finished at the first snapshot with nothing left, its speed from the decision's own snapshot", async () => {
    const p = await approveReference();
    const pace = 3 * (p.facts.currentPerMinute + p.facts.addedPerMinute);
    addSnapshotsAtPace(dir.path, p, pace, ANCHOR + 10 * MINUTE);
    await app!.stop();
    app = createApp({ dataDir: dir.path, now: ANCHOR + 10 * MINUTE });
    await app.start();
    const d = app.assistant.approvals().find((a) => a.suggestionId === p.id)!.outcome!;
    // The store's gap rule: the stretch that ends on the last item is left out (its minutes after the last item are idle),
    // so the speed is the first five minutes' (items left at 15:45 > 0), the pace the people worked at.
    const firstFive = Math.round(5 * pace);
    expect(firstFive).toBeLessThan(p.facts.remaining);
    expect(d.actual).toMatchObject({ finished: true, finish: ANCHOR + 10 * MINUTE, from: p.facts.snapshotTime, perMinute: firstFive / 5 });
    expect(d.verdict).toBe('working');
  });

  it('with later snapshots at half the pace: the decision falls short and raises its own alert, promise and measured speed side by side', async () => {
    const p = await approveReference();
    const half = p.facts.currentPerMinute / 2;
    addSnapshotsAtPace(dir.path, p, half, ANCHOR + 15 * MINUTE);
    await app!.stop();
    const now = ANCHOR + 15 * MINUTE;
    app = createApp({ dataDir: dir.path, now });
    await app.start();
    const check = app.alerts.check();
    const short = check.open.find((a) => a.kind === 'decision_short')!;
    expect(short.decision?.verdict).toBe('short');
    const speed = speedBetween(dir.path, p, short.decision!.startsAt, now);
    expect(short.decision!.actual!.perMinute).toBeCloseTo(speed, 6);
    expect(short.title).toContain(`約束 毎分${(p.facts.currentPerMinute + p.facts.addedPerMinute).toFixed(1)}件 → 実績 毎分${speed.toFixed(1)}件`);
    expect(short.severity).toBe('critical');
    expect(short.request?.text).toContain('札幌のエントリ1工程が遅延しています');
    // The delay alert no longer says the move handles it.
    const delay = check.open.find((a) => a.kind === 'delay_risk' && a.site === '札幌' && a.process === 'エントリ1')!;
    expect(delay.title).toContain('遅れる見込み');
  });
});
