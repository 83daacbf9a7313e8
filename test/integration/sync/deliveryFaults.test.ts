import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { updateConfig } from '../../../main/config/updateConfig.js';
import { GenbaError } from '../../../main/errors.js';
import { sourceConfigFromForm } from '../../../main/sync/mysqlSourceConfig.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { startStallProxy, type StallProxy } from '../../helpers/stallProxy.js';
import { tempDir } from '../../helpers/tempDir.js';

const AFTERNOON = Date.parse('2025-10-23T15:40+09:00');
const PLAN_DAY = '2025-10-24';
/** The source's timeouts in these tests: every wait of a delivery must end by them. */
const CONNECT_MS = 1000;
const QUERY_MS = 2000;

/** `p`'s time, or a failure naming the wait when it does not settle within `ms` (before the fix: forever). */
async function timed<T>(p: Promise<T>, ms: number, what: string): Promise<{ value: T | Error; ms: number }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} still waiting after ${ms} ms`)), ms);
  });
  try {
    const value = await Promise.race([p.catch((e: unknown) => e as Error), hang]);
    return { value, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Issue 38, defects 1, 2 and 5: a plan's delivery against a real MariaDB behind a proxy that
 * can go silent (a frozen server, a stalled network), a second approval for one day, and
 * approvals of plans the floor has moved on from.
 */
describe('plan delivery under faults', () => {
  let maria: MariaDb;
  let proxy: StallProxy;
  const dirs: { remove: () => void }[] = [];
  const apps: GenbaApp[] = [];

  /** A Genba on its own data folder, reaching the company through the proxy (or straight), with short timeouts. */
  const openApp = async (o: { now: number; dir?: string; direct?: boolean }): Promise<{ app: GenbaApp; dir: string }> => {
    let dir = o.dir;
    if (!dir) {
      const d = tempDir();
      dirs.push(d);
      dir = d.path;
    }
    const form = { host: '127.0.0.1', port: o.direct ? maria.port : proxy.port, database: maria.database, user: 'genba', tls: false };
    updateConfig(dir, (c) => ({ ...c, source: { ...sourceConfigFromForm(form, null), connectTimeoutMs: CONNECT_MS, queryTimeoutMs: QUERY_MS } }));
    const app = createApp({ dataDir: dir, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: 'inline', now: o.now });
    apps.push(app);
    await app.start();
    return { app, dir };
  };
  const company = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const conn = await maria.admin();
    try {
      const [rows] = await conn.query(sql, params);
      return rows as T[];
    } finally {
      await conn.end();
    }
  };
  /** Genba's rows in daily_assignments for the plan day, per plan. */
  const planRows = async (day: string = PLAN_DAY): Promise<Map<string, number>> => {
    const rows = await company<{ plan_id: string; n: number }>(
      `SELECT plan_id, COUNT(*) AS n FROM daily_assignments WHERE assignment_date = ? AND assigned_by = 'genba' GROUP BY plan_id`,
      [day],
    );
    return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
  };
  const local = <T>(dir: string, sql: string, ...params: unknown[]): T => {
    const db = new Database(join(dir, 'genba.sqlite'));
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };
  /** Each test starts with no plan approved at the company. */
  const fresh = async (): Promise<void> => {
    await company(`DELETE FROM daily_assignments WHERE assigned_by = 'genba'`);
    await company(`DELETE FROM approval_history WHERE suggestion_id LIKE 'PLN%'`);
  };
  /** The fixed clock never passes a failed attempt's backoff: make it due, as the next minute would. */
  const dueNow = (dir: string): void => {
    const db = new Database(join(dir, 'genba.sqlite'));
    db.prepare('UPDATE approval_outbox SET next_attempt_at = 0 WHERE delivered_at IS NULL').run();
    db.close();
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 500, planning: true });
    await conn.end();
    proxy = await startStallProxy(maria.port);
  }, 180_000);

  afterAll(async () => {
    proxy?.thaw();
    for (const a of apps) await a.stop().catch(() => {});
    await proxy?.close();
    dirs.forEach((d) => d.remove());
    await maria?.destroy();
  });

  it('a server that stops answering at COMMIT or at START TRANSACTION costs one timeout: the approval stays queued, the manager is told, the next sync delivers it once', async () => {
    const { app, dir } = await openApp({ now: AFTERNOON });
    await app.syncNow();
    // One Genba, two days' plans: each stalls at its own statement.
    for (const [stallAt, day] of [
      ['COMMIT', PLAN_DAY],
      ['START TRANSACTION', '2025-10-27'],
    ] as const) {
      await fresh();
      const plan = await app.planning.plan(day);
      proxy.freezeOn(stallAt);
      const decided = await timed(app.planning.decide(plan.planId, { action: 'approved' }), 60_000, `approve (stalled at ${stallAt})`);
      expect(decided.value).not.toBeInstanceOf(Error);
      expect(proxy.frozen).toBe(true);
      const r = decided.value as Awaited<ReturnType<GenbaApp['planning']['decide']>>;
      expect(r).toMatchObject({ delivered: false, plan: { status: 'approved' } });
      expect(r.reason?.en).toMatch(/did not answer in time/);
      expect(r.reason?.ja).toMatch(/応答が時間内にありませんでした/);
      expect(
        local<{ delivered_at: number | null; attempts: number; last_error: string }>(dir, 'SELECT * FROM approval_outbox WHERE suggestion_id = ?', plan.planId),
      ).toMatchObject({ delivered_at: null, attempts: 1, last_error: expect.stringMatching(/SOURCE_TIMEOUT/) });

      // A whole sync against the silent server ends too, and says why. (That the attempt ended by the source's own query
      // timeout is what last_error's SOURCE_TIMEOUT says; the 60 s and 120 s waits only catch a hang, on any machine.)
      dueNow(dir);
      const sync = await timed(app.syncNow(), 120_000, `sync (frozen at ${stallAt})`);
      expect(sync.value).toBeInstanceOf(Error);
      expect(String((sync.value as Error).message)).toMatch(/did not answer in time|応答が時間内にありませんでした/);

      proxy.thaw();
      dueNow(dir);
      await app.syncNow();
      expect(
        local<{ delivered_at: number | null }>(dir, 'SELECT delivered_at FROM approval_outbox WHERE suggestion_id = ?', plan.planId).delivered_at,
      ).not.toBeNull();
      expect((await planRows(day)).get(plan.planId)).toBe(plan.solution.assignments.length);
      const [history] = await company<{ n: number }>('SELECT COUNT(*) AS n FROM approval_history WHERE suggestion_id = ?', [plan.planId]);
      expect(Number(history!.n)).toBe(1);
    }
    await app.stop();
  }, 600_000);

  it("a second approval for a day replaces the first one's rows in its delivery, and so does an approval made earlier elsewhere that reaches the company last", async () => {
    await fresh();
    const { app, dir } = await openApp({ now: AFTERNOON, direct: true });
    await app.syncNow();
    const a = await app.planning.plan(PLAN_DAY);
    expect((await app.planning.decide(a.planId, { action: 'approved' })).delivered).toBe(true);
    expect(await planRows()).toEqual(new Map([[a.planId, a.solution.assignments.length]]));

    // The manager plans the day again and approves: the company has that plan only, and Genba says the first is replaced.
    await app.stop();
    const later = await openApp({ now: AFTERNOON + 10 * 60_000, dir, direct: true });
    const b = await later.app.planning.plan(PLAN_DAY);
    // Replacing takes Genba's older rows away: without DELETE the company keeps the first plan whole, and the manager reads what to ask for.
    const decided = await later.app.planning.decide(b.planId, { action: 'approved' });
    expect(decided).toMatchObject({
      delivered: false,
      replaced: a.planId,
      reason: { en: expect.stringMatching(/No permission \(DELETE\).*daily_assignments/) },
    });
    expect(await planRows()).toEqual(new Map([[a.planId, a.solution.assignments.length]]));
    await company(`GRANT DELETE ON ${maria.database}.daily_assignments TO 'genba'@'%'`);
    dueNow(dir);
    await later.app.syncNow();
    expect(await planRows()).toEqual(new Map([[b.planId, b.solution.assignments.length]]));
    expect(later.app.planning.get(a.planId)?.status).toBe('superseded');
    expect((await later.app.planning.current(PLAN_DAY)).planId).toBe(b.planId);
    await later.app.stop();

    // Another Genba approved a plan for the same day earlier but could not reach the company until now: the company's order
    // decides, not the laptops' clocks. It received this approval last, so the day's rows are this plan's, and its manager is told so.
    const other = await openApp({ now: AFTERNOON + 5 * 60_000, direct: false });
    await other.app.syncNow();
    const c = await other.app.planning.plan(PLAN_DAY);
    proxy.freeze();
    expect((await other.app.planning.decide(c.planId, { action: 'approved' })).delivered).toBe(false);
    proxy.thaw();
    dueNow(other.dir);
    await other.app.syncNow();
    expect(
      local<{ delivered_at: number | null; company_plan: string }>(
        other.dir,
        'SELECT delivered_at, company_plan FROM approval_outbox WHERE suggestion_id = ?',
        c.planId,
      ),
    ).toMatchObject({ delivered_at: expect.any(Number), company_plan: JSON.stringify({ kept: true, replaced: [b.planId], keptPlan: c.planId }) });
    expect(await planRows()).toEqual(new Map([[c.planId, c.solution.assignments.length]]));
    const history = await company<{ suggestion_id: string }>(
      `SELECT suggestion_id FROM approval_history WHERE suggestion_id LIKE 'PLN20251024-%' ORDER BY approval_history_id`,
    );
    expect(history.map((h) => h.suggestion_id)).toEqual([a.planId, b.planId, c.planId]);
    await other.app.stop();
  }, 600_000);

  it("the company keeps the plan it received last whatever the laptops' clocks say, and a resend that lost to a later plan is told so", async () => {
    await fresh();
    await company(`GRANT DELETE ON ${maria.database}.daily_assignments TO 'genba'@'%'`);
    // One laptop's clock is 8 hours ahead, the other's 10 minutes behind; the one behind approves after the one ahead.
    const ahead = await openApp({ now: AFTERNOON + 8 * 3_600_000, direct: true });
    const behind = await openApp({ now: AFTERNOON - 10 * 60_000, direct: true });
    await ahead.app.syncNow();
    await behind.app.syncNow();
    const x = await ahead.app.planning.plan(PLAN_DAY);
    expect(await ahead.app.planning.decide(x.planId, { action: 'approved' })).toMatchObject({
      delivered: true,
      company: { kept: true, replaced: [], keptPlan: x.planId },
    });
    const y = await behind.app.planning.plan(PLAN_DAY);
    expect(await behind.app.planning.decide(y.planId, { action: 'approved' })).toMatchObject({
      delivered: true,
      company: { kept: true, replaced: [x.planId], keptPlan: y.planId },
    });
    expect(await planRows()).toEqual(new Map([[y.planId, y.solution.assignments.length]]));

    // The ahead laptop's reply was lost: it sends again, the company already has the approval and a later plan for the day.
    const db = new Database(join(ahead.dir, 'genba.sqlite'));
    db.prepare('UPDATE approval_outbox SET delivered_at = NULL, company_plan = NULL, next_attempt_at = 0 WHERE suggestion_id = ?').run(x.planId);
    db.close();
    await ahead.app.syncNow();
    expect(
      JSON.parse(local<{ company_plan: string }>(ahead.dir, 'SELECT company_plan FROM approval_outbox WHERE suggestion_id = ?', x.planId).company_plan),
    ).toEqual({ kept: false, replaced: [], keptPlan: y.planId });
    expect(await planRows()).toEqual(new Map([[y.planId, y.solution.assignments.length]]));
    await ahead.app.stop();
    await behind.app.stop();
  }, 600_000);

  it('approval re-checks the plan: a person since on leave or no longer an operator, and a day already past, are refused by name', async () => {
    await fresh();
    const { app, dir } = await openApp({ now: AFTERNOON, direct: true });
    await app.syncNow();
    const plan = await app.planning.plan(PLAN_DAY);
    const [onLeave, gone] = [...new Set(plan.solution.assignments.map((x) => x.operatorId))];
    const names = new Map(plan.problem.operators.map((p) => [p.id, p.name]));
    try {
      await company(`UPDATE attendance_records SET attendance_status = 'paid_leave', updated_at = NOW(3) WHERE operator_id = ? AND attendance_date = ?`, [
        onLeave,
        PLAN_DAY,
      ]);
      await company(`UPDATE operators SET is_valid = 0, updated_at = NOW(3) WHERE operator_id = ?`, [gone]);
      await app.syncNow();
      const refused = await app.planning.decide(plan.planId, { action: 'approved' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(GenbaError);
      expect((refused as GenbaError).code).toBe('PLAN_STALE');
      for (const id of [onLeave!, gone!]) {
        expect((refused as GenbaError).text.ja).toContain(names.get(id)!);
        expect((refused as GenbaError).text.en).toContain(names.get(id)!);
      }
      expect((refused as GenbaError).text.ja).toMatch(/有給休暇/);
      expect((refused as GenbaError).text.en).toMatch(/paid leave/);
      // Nothing was decided or queued: the plan is still open, and a new plan leaves both people out.
      expect(app.planning.get(plan.planId)?.status).toBe('open');
      expect(local<{ n: number }>(dir, 'SELECT COUNT(*) AS n FROM approval_outbox').n).toBe(0);
      const fresh = await app.planning.plan(PLAN_DAY);
      expect(fresh.solution.assignments.some((x) => x.operatorId === onLeave || x.operatorId === gone)).toBe(false);
      await app.stop();

      // Four days on, the plan for a day gone by is refused, and nothing is written.
      const late = await openApp({ now: Date.parse('2025-10-28T09:00+09:00'), dir, direct: true });
      const past = await late.app.planning.decide(fresh.planId, { action: 'approved' }).catch((e: unknown) => e);
      expect((past as GenbaError).code).toBe('PLAN_DAY_PAST');
      expect((past as GenbaError).text.ja).toContain(PLAN_DAY);
      expect(await planRows()).toEqual(new Map());
      await late.app.stop();
    } finally {
      await company(`UPDATE attendance_records SET attendance_status = 'scheduled' WHERE operator_id = ? AND attendance_date = ?`, [onLeave, PLAN_DAY]);
      await company(`UPDATE operators SET is_valid = 1 WHERE operator_id = ?`, [gone]);
    }
  }, 600_000);
});
