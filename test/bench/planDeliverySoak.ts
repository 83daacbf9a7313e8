import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { updateConfig } from '../../main/config/updateConfig.js';
import { sourceConfigFromForm } from '../../main/sync/mysqlSourceConfig.js';
import { seedCompany } from '../helpers/companyDb.js';
import { startMariaDb } from '../helpers/mariadb.js';
import { startStallProxy } from '../helpers/stallProxy.js';
import { tempDir } from '../helpers/tempDir.js';
import { writeBertModel } from '../fixtures/models/onnxBert.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** The demo company's afternoon: the soak's clock starts here and runs with the wall clock, so every decision has its own time. */
const START = Date.parse('2025-10-23T15:00+09:00');
/** Three of the working days after it: plans for each are made and approved again and again. */
const DAYS = ['2025-10-24', '2025-10-27', '2025-10-28'] as const;

interface Machine {
  name: string;
  dir: { path: string; remove: () => void };
  /** How far this laptop's clock is from the others': the company's order, never a clock, must decide a day's plan. */
  skewMs: number;
  /** Its own backups, restored at random. */
  backups: string[];
}

/** A model folder as a USB stick holds it, large enough that a kill -9 lands mid-copy. */
const STICK_MODEL = 'multilingual-e5-small';
const STICK_FILLER_BYTES = 64 * 1024 * 1024;

/**
 * The plan delivery soak of issues 38 and 58: two Genba machines whose clocks are 8 hours ahead
 * and 10 minutes behind make and approve plans for the same three days, over and over, through
 * a proxy that freezes (the company server goes silent mid-transaction), while `genba approve`,
 * `genba sync`, `genba models import` and `genba restore` (of the machine's own earlier backups)
 * are killed with SIGKILL at random and MariaDB itself is killed and restarted. At the end, after
 * the outboxes have drained, the company's daily_assignments must hold, for each day, exactly the
 * rows of one plan: the approved plan the company received last (approval_history_id), line for
 * line; every approval a command reported is in approval_history exactly once; what each store was
 * told about its plans is true of the company's order; no decision is held; and each data folder
 * still holds its store, with the model whole and no import leftovers. Prints what happened and
 * what held; never fails on speed.
 */
export async function planDeliverySoak(seconds: number, record: (name: string, value: string) => void): Promise<void> {
  const maria = await startMariaDb();
  const proxy = await startStallProxy(maria.port);
  const machines: Machine[] = [
    { name: 'A', skewMs: 8 * 3_600_000 },
    { name: 'B', skewMs: -10 * 60_000 },
  ].map((m) => ({ ...m, dir: tempDir(`genba-bench-plan-soak-${m.name}-`), backups: [] }));
  const stick = tempDir('genba-bench-plan-soak-stick-');
  const stickModel = join(stick.path, STICK_MODEL);
  writeBertModel(stickModel, 'tiny');
  mkdirSync(join(stickModel, 'onnx'), { recursive: true });
  writeFileSync(join(stickModel, 'onnx', 'filler.bin'), randomFillSync(Buffer.alloc(STICK_FILLER_BYTES)));
  const env = { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: 'genba-pw' };
  const t0 = performance.now();
  const now = (m: Machine): string => new Date(START + m.skewMs + Math.round(performance.now() - t0)).toISOString();
  const n = {
    plans: 0,
    approvals: 0,
    approveKilled: 0,
    approveQueued: 0,
    syncs: 0,
    syncKilled: 0,
    freezes: 0,
    crashes: 0,
    other: 0,
    imports: 0,
    importKilled: 0,
    backups: 0,
    restores: 0,
    restoreKilled: 0,
  };
  /** Plans whose approval a command reported done (exit 0): each must reach approval_history exactly once. */
  const reported: string[] = [];
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
        const child = spawn(process.execPath, [resolve('bin/genba.mjs'), ...args, '--now', now(m), '--data-dir', m.dir.path], {
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
      // A round: plan and approve (55 %), sync (15 %), import the model (10 %), back up (8 %) or restore an earlier backup (12 %).
      const r = Math.random();
      if (r < 0.55) {
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
        if (!approved.killed && approved.code === 0) {
          approveMs = approved.ms;
          reported.push(planId);
        }
        if (approved.killed) n.approveKilled++;
        else if (approved.code === 0 && !(JSON.parse(approved.out) as { delivered: boolean }).delivered) n.approveQueued++;
      } else if (r < 0.7) {
        n.syncs++;
        const r = await genba(m, ['sync', '--once'], Math.random() < 0.4 ? 100 + Math.random() * 3000 : null);
        if (r.killed) n.syncKilled++;
      } else if (r < 0.8) {
        // A model copied from the stick, the laptop closed mid-copy as often as not.
        n.imports++;
        const r = await genba(m, ['models', 'import', stickModel], Math.random() < 0.5 ? 50 + Math.random() * 1500 : null);
        if (r.killed) n.importKilled++;
      } else if (m.backups.length === 0 || r < 0.88) {
        const file = join(stick.path, `${m.name}-${m.backups.length}.sqlite`);
        if ((await genba(m, ['backup', file], null)).code === 0) {
          m.backups.push(file);
          n.backups++;
        }
      } else {
        // An earlier backup of its own restored: every decision made since must come through whole, killed or not.
        n.restores++;
        const r = await genba(m, ['restore', pick(m.backups)], Math.random() < 0.4 ? 50 + Math.random() * 2000 : null);
        if (r.killed) n.restoreKilled++;
      }
    }
    // The end: the server back and answering, and each machine's outbox drained by syncs nobody kills.
    draining = true;
    await crashing;
    proxy.thaw();
    for (let round = 0; round < 3; round++) for (const m of machines) await genba(m, ['sync', '--once'], null);
    // One import nobody kills: it cleans what the killed ones left and leaves the model whole.
    for (const m of machines) await genba(m, ['models', 'import', stickModel], null);

    record('plan delivery soak: duration, machines, days', `${seconds} s, 2 Genba machines, ${DAYS.length} days planned over and over`);
    record(
      'plan delivery soak: plans made / approvals (kill -9 / queued)',
      `${n.plans} / ${n.approvals} (${n.approveKilled} / ${n.approveQueued}); ${n.syncs} syncs (${n.syncKilled} kill -9); ${n.other} plan commands failed`,
    );
    record('plan delivery soak: frozen servers / MariaDB kill -9s', `${n.freezes} / ${n.crashes}`);
    record(
      'plan delivery soak: clocks / model imports (kill -9) / backups / restores (kill -9)',
      `${machines.map((m) => `${m.name} ${m.skewMs >= 0 ? '+' : ''}${m.skewMs / 60_000} min`).join(', ')} / ${n.imports} (${n.importKilled}) / ${n.backups} / ${n.restores} (${n.restoreKilled})`,
    );

    const conn = await maria.admin();
    const problems: string[] = [];
    let rowsCompared = 0;
    const recorded: string[] = [];
    let undelivered = 0;
    const localPlans = new Map<string, { date: string; lines: { operatorId: number; block: string }[] }>();
    const told: { id: string; machine: string; plan: { kept: boolean; replaced: string[]; keptPlan: string | null } }[] = [];
    let held = 0;
    for (const m of machines) {
      const files = readdirSync(m.dir.path);
      if (!files.includes('genba.sqlite') || !files.includes('config.json'))
        problems.push(`${m.name}: the data folder lost its store or config (${files.join(', ')})`);
      const models = join(m.dir.path, 'models');
      const leftovers = existsSync(models) ? readdirSync(models).filter((f) => /\.(importing|replaced)$/.test(f)) : [];
      if (leftovers.length > 0) problems.push(`${m.name}: import leftovers ${leftovers.join(', ')}`);
      const copied = join(models, STICK_MODEL, 'onnx', 'filler.bin');
      if (!existsSync(copied) || statSync(copied).size !== STICK_FILLER_BYTES) problems.push(`${m.name}: the imported model is not whole`);
      const db = new Database(join(m.dir.path, 'genba.sqlite'), { readonly: true });
      const rows = db.prepare('SELECT suggestion_id AS id, delivered_at AS at, company_plan AS plan, held_reason AS held FROM approval_outbox').all() as {
        id: string;
        at: number | null;
        plan: string | null;
        held: string | null;
      }[];
      for (const r of rows) {
        recorded.push(r.id);
        if (r.at === null) undelivered++;
        if (r.held !== null) held++;
        if (r.plan !== null) told.push({ id: r.id, machine: m.name, plan: JSON.parse(r.plan) as (typeof told)[number]['plan'] });
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
    const lostReported = reported.filter((id) => inHistory.get(id) !== 1);
    if (lostReported.length > 0) problems.push(`approvals reported done and not in approval_history once: ${lostReported.join(', ')}`);
    if (held > 0) problems.push(`${held} of the stores' own decisions held after a restore`);
    // What a store was told of a plan is the company's order: a plan it was told was kept came after those it replaced, one it
    // was told lost came before the plan the company kept; and the plan each day ends with was, where told, told it was kept.
    const [order] = (await conn.query(
      `SELECT suggestion_id AS id, approval_history_id AS seq FROM approval_history WHERE suggestion_id LIKE 'PLN%'`,
    )) as unknown as [{ id: string; seq: number }[]];
    const seq = new Map(order.map((o) => [o.id, Number(o.seq)]));
    const untrue = told.filter(
      ({ id, plan }) =>
        (plan.kept && plan.replaced.some((r) => (seq.get(r) ?? Infinity) > seq.get(id)!)) ||
        (!plan.kept && (plan.keptPlan === null || (seq.get(plan.keptPlan) ?? -Infinity) < seq.get(id)!)),
    );
    if (untrue.length > 0) problems.push(`untrue messages: ${untrue.map((t) => `${t.machine} ${t.id}`).join(', ')}`);
    for (const day of DAYS) {
      const [latest] = (await conn.query(
        `SELECT suggestion_id AS id FROM approval_history WHERE suggestion_id LIKE ? AND action_type IN ('approved', 'modified')
         ORDER BY approval_history_id DESC LIMIT 1`,
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
      const finalTold = told.find((t) => t.id === want);
      if (finalTold && !finalTold.plan.kept) problems.push(`${day}: ${want} is the company's plan, and its store was told it lost`);
      const plan = localPlans.get(want);
      const expected = new Set((plan?.lines ?? []).map((l) => `${l.operatorId} ${l.block}`));
      const got = rows.filter((r) => r.planId === want).map((r) => `${r.operatorId} ${r.am ? 'am' : 'pm'}`);
      if (got.length !== expected.size || new Set(got).size !== got.length || got.some((g) => !expected.has(g)))
        problems.push(`${day}: ${got.length} rows of ${want}, its plan has ${expected.size} lines`);
    }
    await conn.end();
    record(
      'plan delivery soak: decisions recorded / in approval_history exactly once / still queued / approvals reported',
      `${recorded.length} / ${once} / ${undelivered} / ${reported.length}`,
    );
    record(
      'plan delivery soak: plans told what the company did / told they lost to a later plan',
      `${told.length} / ${told.filter((t) => !t.plan.kept).length}`,
    );
    record(
      'plan delivery soak: daily_assignments = the plan the company received last, each day; every message true; data folders and models whole',
      problems.length === 0 ? `yes, ${DAYS.length} of ${DAYS.length} days (${rowsCompared.toLocaleString()} rows compared)` : `NO: ${problems.join('; ')}`,
    );
  } finally {
    proxy.thaw();
    await proxy.close();
    machines.forEach((m) => m.dir.remove());
    stick.remove();
    await maria.destroy();
  }
}
