import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { updateConfig } from '../../main/config/updateConfig.js';
import { sourceConfigFromForm } from '../../main/sync/mysqlSourceConfig.js';
import { seedCompany } from '../helpers/companyDb.js';
import { startMariaDb } from '../helpers/mariadb.js';
import { startStallProxy } from '../helpers/stallProxy.js';
import { tempDir } from '../helpers/tempDir.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** The demo company's afternoon: the soak's clock starts here and runs with the wall clock, so every decision has its own time. */
const START = Date.parse('2025-10-23T15:00+09:00');
/** Three of the working days after it: plans for each are made and approved again and again. */
const DAYS = ['2025-10-24', '2025-10-27', '2025-10-28'] as const;

interface Machine {
  name: string;
  dir: { path: string; remove: () => void };
}

/**
 * The plan delivery soak of issue 38: two Genba machines make and approve plans for the same
 * three days, over and over, through a proxy that freezes (the company server goes silent
 * mid-transaction), while `genba approve` and `genba sync` are killed with SIGKILL at random
 * and MariaDB itself is killed and restarted. At the end, after the outboxes have drained,
 * the company's daily_assignments must hold, for each day, exactly the rows of one plan: the
 * latest approved in approval_history, line for line; and every decision recorded anywhere is
 * in approval_history exactly once. Prints what happened and what held; never fails on speed.
 */
export async function planDeliverySoak(seconds: number, record: (name: string, value: string) => void): Promise<void> {
  const maria = await startMariaDb();
  const proxy = await startStallProxy(maria.port);
  const machines: Machine[] = ['A', 'B'].map((name) => ({ name, dir: tempDir(`genba-bench-plan-soak-${name}-`) }));
  const env = { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: 'genba-pw' };
  const t0 = performance.now();
  const now = (): string => new Date(START + Math.round(performance.now() - t0)).toISOString();
  const n = { plans: 0, approvals: 0, approveKilled: 0, approveQueued: 0, syncs: 0, syncKilled: 0, freezes: 0, crashes: 0, other: 0 };
  try {
    const admin = await maria.admin();
    await seedCompany(admin, { logs: 200, planning: true });
    await admin.query(`GRANT DELETE ON ${maria.database}.daily_assignments TO 'genba'@'%'`);
    await admin.end();
    for (const m of machines) {
      const form = { host: '127.0.0.1', port: proxy.port, database: maria.database, user: 'genba', tls: false };
      updateConfig(m.dir.path, (c) => ({ ...c, source: { ...sourceConfigFromForm(form, null), connectTimeoutMs: 1000, queryTimeoutMs: 3000 } }));
    }

    const genba = (m: Machine, args: string[], killAfterMs: number | null): Promise<{ code: number | null; killed: boolean; out: string; ms: number }> =>
      new Promise((ok) => {
        const t = performance.now();
        const child = spawn(process.execPath, [resolve('bin/genba.mjs'), ...args, '--now', now(), '--data-dir', m.dir.path], {
          env,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
        const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('exit', (code, signal) => {
          if (timer) clearTimeout(timer);
          ok({ code, killed: signal === 'SIGKILL', out, ms: performance.now() - t });
        });
      });
    for (const m of machines) await genba(m, ['sync', '--once'], null);

    let crashing = null as Promise<void> | null;
    let approveMs = 4000;
    const started = performance.now();
    /** Every fourth round the server goes silent for a few seconds; every fourth, two rounds later, MariaDB is killed and comes back. */
    let draining = false;
    const fault = (i: number): void => {
      if (draining) return;
      if (i % 4 === 1 && !proxy.frozen) {
        n.freezes++;
        proxy.freeze();
        setTimeout(() => proxy.thaw(), 2000 + Math.random() * 4000);
      } else if (i % 4 === 3 && crashing === null) {
        n.crashes++;
        crashing = (async () => {
          await maria.crash();
          await sleep(500 + Math.random() * 3000);
          await maria.start();
          crashing = null;
        })();
      }
    };
    for (let i = 0; performance.now() - started < seconds * 1000; i++) {
      const m = pick(machines);
      // The fault comes at a random moment of the round's delivery or sync, not before it: an approval must meet it mid-way.
      const faultTimer = setTimeout(() => fault(i), Math.random() * approveMs);
      if (Math.random() < 0.75) {
        clearTimeout(faultTimer);
        const planned = await genba(m, ['plan', '--date', pick(DAYS), '--json'], null);
        const planId = planned.code === 0 ? (JSON.parse(planned.out) as { planId: string }).planId : null;
        if (!planId) {
          n.other++;
          continue;
        }
        n.plans++;
        // Killed at a random point of what an approval takes here (start, decision, delivery), as a laptop closed mid-way.
        const kill = Math.random() < 0.4 ? (0.3 + Math.random()) * approveMs : null;
        setTimeout(() => fault(i), Math.random() * approveMs);
        const approved = await genba(m, ['approve', planId, '--json'], kill);
        n.approvals++;
        if (!approved.killed && approved.code === 0) approveMs = approved.ms;
        if (approved.killed) n.approveKilled++;
        else if (approved.code === 0 && !(JSON.parse(approved.out) as { delivered: boolean }).delivered) n.approveQueued++;
      } else {
        n.syncs++;
        const r = await genba(m, ['sync', '--once'], Math.random() < 0.4 ? 100 + Math.random() * 3000 : null);
        if (r.killed) n.syncKilled++;
      }
    }
    // The end: the server back and answering, and each machine's outbox drained by syncs nobody kills.
    draining = true;
    await crashing;
    proxy.thaw();
    for (let round = 0; round < 3; round++) for (const m of machines) await genba(m, ['sync', '--once'], null);

    record('plan delivery soak: duration, machines, days', `${seconds} s, 2 Genba machines, ${DAYS.length} days planned over and over`);
    record(
      'plan delivery soak: plans made / approvals (kill -9 / queued)',
      `${n.plans} / ${n.approvals} (${n.approveKilled} / ${n.approveQueued}); ${n.syncs} syncs (${n.syncKilled} kill -9); ${n.other} plan commands failed`,
    );
    record('plan delivery soak: frozen servers / MariaDB kill -9s', `${n.freezes} / ${n.crashes}`);

    const conn = await maria.admin();
    const problems: string[] = [];
    let rowsCompared = 0;
    const recorded: string[] = [];
    let undelivered = 0;
    const localPlans = new Map<string, { date: string; lines: { operatorId: number; block: string }[] }>();
    for (const m of machines) {
      const db = new Database(join(m.dir.path, 'genba.sqlite'), { readonly: true });
      for (const r of db.prepare('SELECT suggestion_id AS id, delivered_at AS at FROM approval_outbox').all() as { id: string; at: number | null }[]) {
        recorded.push(r.id);
        if (r.at === null) undelivered++;
      }
      for (const p of db.prepare('SELECT plan_id AS id, body FROM plans').all() as { id: string; body: string }[])
        localPlans.set(p.id, JSON.parse(p.body) as never);
      const twice = db
        .prepare(`SELECT plan_date AS d, COUNT(*) AS n FROM plans WHERE status IN ('approved', 'modified') GROUP BY plan_date HAVING n > 1`)
        .all() as { d: string; n: number }[];
      for (const t of twice) problems.push(`${m.name} holds ${t.n} approved plans for ${t.d}`);
      db.close();
    }
    const [history] = (await conn.query(
      `SELECT suggestion_id AS id, COUNT(*) AS n FROM approval_history WHERE suggestion_id LIKE 'PLN%' GROUP BY suggestion_id`,
    )) as unknown as [{ id: string; n: number }[]];
    const inHistory = new Map(history.map((h) => [h.id, Number(h.n)]));
    const once = recorded.filter((id) => inHistory.get(id) === 1).length;
    for (const day of DAYS) {
      const [latest] = (await conn.query(
        `SELECT suggestion_id AS id FROM approval_history WHERE suggestion_id LIKE ? AND action_type IN ('approved', 'modified')
         ORDER BY created_at DESC, approval_history_id DESC LIMIT 1`,
        [`PLN${day.replaceAll('-', '')}-%`],
      )) as unknown as [{ id: string }[]];
      const [rows] = (await conn.query(
        `SELECT plan_id AS planId, operator_id AS operatorId, HOUR(start_time) < 12 AS am FROM daily_assignments WHERE assignment_date = ? AND assigned_by = 'genba'`,
        [day],
      )) as unknown as [{ planId: string; operatorId: number; am: number }[]];
      rowsCompared += rows.length;
      const plans = new Set(rows.map((r) => r.planId));
      const want = latest[0]?.id;
      if (!want) {
        if (rows.length > 0) problems.push(`${day}: ${rows.length} rows and no approval`);
        continue;
      }
      if (plans.size !== 1 || !plans.has(want)) problems.push(`${day}: rows of ${[...plans].join(', ') || 'no plan'}, latest approval ${want}`);
      const plan = localPlans.get(want);
      const expected = new Set((plan?.lines ?? []).map((l) => `${l.operatorId} ${l.block}`));
      const got = rows.filter((r) => r.planId === want).map((r) => `${r.operatorId} ${r.am ? 'am' : 'pm'}`);
      if (got.length !== expected.size || new Set(got).size !== got.length || got.some((g) => !expected.has(g)))
        problems.push(`${day}: ${got.length} rows of ${want}, its plan has ${expected.size} lines`);
    }
    await conn.end();
    record('plan delivery soak: decisions recorded / in approval_history exactly once / still queued', `${recorded.length} / ${once} / ${undelivered}`);
    record(
      'plan delivery soak: daily_assignments = exactly the latest approved plan of each day',
      problems.length === 0 ? `yes, ${DAYS.length} of ${DAYS.length} days (${rowsCompared.toLocaleString()} rows compared)` : `NO: ${problems.join('; ')}`,
    );
  } finally {
    proxy.thaw();
    await proxy.close();
    machines.forEach((m) => m.dir.remove());
    await maria.destroy();
  }
}
