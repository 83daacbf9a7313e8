import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenbaApp } from '../../../main/app.js';
import { startCompanyApp } from '../../helpers/companyApp.js';
import type { MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('decisions on proposals reach approval_history in a real MariaDB', () => {
  let maria: MariaDb;
  let app: GenbaApp;
  const dir = tempDir();

  beforeAll(async () => {
    ({ maria, app } = await startCompanyApp(dir.path, { logs: 2000 }));
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
    await maria?.destroy();
  });

  it('delivers an approval, a partial approval and a rejection, each once, with the proposal as JSON', async () => {
    // Asked one after the other, as a manager would: a rejection moves no one, so the line is proposed for again; a move
    // approved in part counts on the line, so the next proposal is of other people for what is still short.
    const ask = async () => (await app.assistant.ask('札幌のエントリ1工程が遅延しています')).proposal!;
    const c = await ask();
    app.assistant.decide(c.id, { action: 'rejected', reason: '様子を見る', user: '山田 課長' });
    const b = await ask();
    app.assistant.decide(b.id, { action: 'modified', reason: '1名は品川から', user: '山田 課長', keepOperatorIds: [b.operators[0]!.id] });
    const a = await ask();
    expect(a.operators.some((op) => op.id === b.operators[0]!.id)).toBe(false);
    app.assistant.decide(a.id, { action: 'approved', reason: null, user: '山田 課長' });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    await expect.poll(() => app.assistant.approvals().map((r) => r.delivery), { timeout: 20_000 }).toEqual(['delivered', 'delivered', 'delivered']);

    const conn = await maria.admin();
    const [rows] = await conn.query(
      'SELECT suggestion_id, changes, impact, action_type, action_user, feedback_reason, execution_status FROM approval_history ORDER BY approval_history_id',
    );
    await conn.end();
    const byId = new Map((rows as Record<string, unknown>[]).map((r) => [r.suggestion_id, r]));
    expect(byId.size).toBe(3);
    const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(byId.get(a.id)).toMatchObject({ action_type: 'approved', action_user: '山田 課長', feedback_reason: null, execution_status: 'pending' });
    expect(parse(byId.get(a.id)!.changes)).toEqual(a.changes);
    expect(parse(byId.get(a.id)!.impact)).toEqual(a.impact);
    const partial = parse(byId.get(b.id)!.changes) as { count: number; operators: string[] }[];
    expect(partial.reduce((n, ch) => n + ch.count, 0)).toBe(1);
    expect(partial[0]!.operators).toEqual([b.operators[0]!.name]);
    expect(byId.get(b.id)).toMatchObject({ action_type: 'modified', feedback_reason: '1名は品川から' });
    // The partial approval records the impact of the one operator kept, projected as the proposal was.
    const f = b.facts;
    const added = b.operators[0]!.perHour / 60;
    // At the next whole minute, as every projected finish (finishMinute).
    const finish =
      Math.ceil((f.snapshotTime! + (f.switchMinutes + (f.remaining - f.currentPerMinute * f.switchMinutes) / (f.currentPerMinute + added)) * 60_000) / 60_000) *
      60_000;
    const keptImpact = {
      productivity: `+${Math.round((added / f.currentPerMinute) * 100)}%`,
      delay_minutes: Math.round((finish - b.deadline) / 60_000) - (f.minutesLateNow ?? 0),
      quality: b.impact.quality,
    };
    expect(parse(byId.get(b.id)!.impact)).toEqual(keptImpact);
    expect(keptImpact).not.toEqual(b.impact);
    expect(byId.get(c.id)).toMatchObject({ action_type: 'rejected', feedback_reason: '様子を見る' });
  });
});
