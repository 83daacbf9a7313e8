import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionSealer } from '../../../main/store/decisionSeal.js';
import { restoreStore } from '../../../main/store/storeBackup.js';
import type { DecisionRecord } from '../../../main/store/decisionRecord.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { storeDigest } from '../../helpers/storeDigest.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const PLAN_DAY = '2025-10-24';
const genba = (dataDir: string, ...args: string[]) => runGenba([...args, '--data-dir', dataDir, '--now', ANCHOR]);

type OutboxRow = DecisionRecord & { delivered_at: number | null; seal: string | null; held_reason: string | null };

function outboxRow(dbFile: string, id: string): OutboxRow | undefined {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM approval_outbox WHERE suggestion_id = ?').get(id) as OutboxRow | undefined;
  } finally {
    db.close();
  }
}

function write(dbFile: string, fn: (db: Database.Database) => void): void {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** The company was unreachable when the plan was approved: its decision waits in the outbox (the demo company took it at once). */
const undeliver = (dbFile: string, id: string): void =>
  write(dbFile, (db) => db.prepare('UPDATE approval_outbox SET delivered_at = NULL, delivered_to = NULL, company_plan = NULL WHERE suggestion_id = ?').run(id));

/**
 * A store as Genba's format 15 left it: the outbox without seals, holds or the company's word on plans; no kept results
 * (17), taught words (18) or folded log rows (19).
 */
const asFormat15 = (dbFile: string): void =>
  write(dbFile, (db) => {
    db.pragma('journal_mode = DELETE');
    db.exec('DROP TABLE computed_results; DROP TABLE taught_words');
    for (const c of ['held_reason', 'seal', 'company_plan']) db.exec(`ALTER TABLE approval_outbox DROP COLUMN ${c}`);
    db.exec('ALTER TABLE app_logs DROP COLUMN folded');
    db.pragma('user_version = 15');
  });

describe('restore carries every later decision whole, and sends only what this data folder made (issue 58: 2, 11)', () => {
  const root = tempDir();
  const base = join(root.path, 'base');
  /** The demo store with the day's plan made through the CLI and still open: made once, since the solve is most of a test's time. */
  const planned = join(root.path, 'planned');
  let plannedId = '';
  let n = 0;
  const copyOf = (from: string): string => {
    const dir = join(root.path, `copy-${++n}`);
    cpSync(from, dir, { recursive: true });
    return dir;
  };
  const copy = (): string => copyOf(base);
  /** A copy holding the day's open plan. */
  const copyPlanned = (): string => copyOf(planned);
  /** Approves the day's plan of a copyPlanned folder through the CLI; the plan's id. */
  const approvePlan = (dir: string): string => {
    const r = genba(dir, 'approve', plannedId);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return plannedId;
  };
  /**
   * A store backed up to `name` (the demo store, before any plan: its copies are the same store), then the day planned
   * and approved in a copy of it that the company did not get (still queued): the later decision.
   */
  const laterPlan = (name: string): { dir: string; store: string; backup: string; id: string } => {
    const backup = join(root.path, name);
    expect(genba(base, 'backup', backup).code).toBe(0);
    const dir = copyPlanned();
    const id = approvePlan(dir);
    const store = join(dir, 'genba.sqlite');
    undeliver(store, id);
    return { dir, store, backup, id };
  };
  beforeAll(async () => {
    await copyDemoStore(base);
    cpSync(base, planned, { recursive: true });
    const plan = genba(planned, 'plan', '--date', PLAN_DAY, '--json');
    expect(plan.code).toBe(0);
    plannedId = (JSON.parse(plan.stdout) as { planId: string }).planId;
  }, 300_000);
  afterAll(() => root.remove());

  it('a plan approved after the backup, while the company was away, is carried with its assignments, sealed, and not held', () => {
    const { dir, store, backup, id } = laterPlan('plan-backup.sqlite');
    const before = outboxRow(store, id)!;
    expect(JSON.parse(before.assignments!).length).toBeGreaterThan(0);

    const r = genba(dir, 'restore', backup);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('バックアップ後の判断 1 件を元のファイルからそのまま移しました');
    const after = outboxRow(store, id)!;
    expect(after).toMatchObject({ assignments: before.assignments, changes: before.changes, delivered_at: null, held_reason: null });
    expect(decisionSealer(dir).holds(after, after.seal)).toBe(true);
    const approvals = JSON.parse(genba(dir, 'approvals', '--json').stdout) as { suggestionId: string; delivery: string }[];
    expect(approvals.find((a) => a.suggestionId === id)?.delivery).toBe('pending');
  }, 180_000);

  it('carries a plan whole from a store the previous Genba (format 15) left, and from a backup of that format', () => {
    const { dir, store, backup, id } = laterPlan('old-backup.sqlite');
    const before = outboxRow(store, id)!;
    asFormat15(store);
    asFormat15(backup);

    const r = genba(dir, 'restore', backup);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = outboxRow(store, id)!;
    expect(after).toMatchObject({ assignments: before.assignments, held_reason: null, delivered_at: null });
    // Made here before decisions were sealed: sealed now, so that a later restore knows it as this store's.
    expect(decisionSealer(dir).holds(after, after.seal)).toBe(true);
  }, 180_000);

  it('a decision queued before seals existed is sealed at the next start, so a later backup of it restores as this store’s', () => {
    const dir = copyPlanned();
    const id = approvePlan(dir);
    const store = join(dir, 'genba.sqlite');
    undeliver(store, id);
    asFormat15(store);
    expect(genba(dir, 'status').code).toBe(0); // the next start: migrated, and the queued decision sealed
    const backup = join(root.path, 'after-upgrade.sqlite');
    expect(genba(dir, 'backup', backup).code).toBe(0);
    const r = genba(dir, 'restore', backup);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('genba confirm');
    expect(outboxRow(store, id)).toMatchObject({ held_reason: null, delivered_at: null });
  }, 180_000);

  it('two restores within one second keep both replaced files, each under its own name', () => {
    const dir = copy();
    const backup = join(root.path, 'twice.sqlite');
    expect(genba(dir, 'backup', backup).code).toBe(0);
    const at = Date.parse(ANCHOR);
    const first = restoreStore(join(dir, 'genba.sqlite'), backup, join(dir, 'index'), at, decisionSealer(dir));
    const second = restoreStore(join(dir, 'genba.sqlite'), backup, join(dir, 'index'), at, decisionSealer(dir));
    expect(second.keptAs).not.toBe(first.keptAs);
    expect(readdirSync(dir).filter((f) => f.startsWith('genba.sqlite.before-restore-')).length).toBe(2);
  }, 180_000);

  it('refuses, naming it, a later decision it cannot carry whole, and changes nothing', () => {
    const { dir, backup, id } = laterPlan('clash-backup.sqlite');
    // The backup already holds another decision under the same id (a file from another store of the same plan day).
    write(backup, (db) =>
      db
        .prepare(
          `INSERT INTO approval_outbox (suggestion_id, changes, impact, action_type, action_user, decided_at, next_attempt_at) VALUES (?, '[]', '{}', 'rejected', 'someone', 0, 0)`,
        )
        .run(id),
    );
    const before = storeDigest(dir);
    const r = genba(dir, 'restore', backup);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(id);
    expect(r.stderr).toContain('データは変更していません');
    expect(storeDigest(dir)).toEqual(before);
  }, 180_000);

  it('holds a forged decision in a restored backup, names it, never sends it unconfirmed, and sends it once confirmed by name', () => {
    const dir = copyPlanned();
    // A decision this folder made, waiting when the backup was taken: it is this store's, and is sent as usual.
    const own = approvePlan(dir);
    const store = join(dir, 'genba.sqlite');
    undeliver(store, own);
    const backup = join(root.path, 'forged-backup.sqlite');
    expect(genba(dir, 'backup', backup).code).toBe(0);
    const forged = (id: string, seal: string | null): void =>
      write(backup, (db) =>
        db
          .prepare(
            `INSERT INTO approval_outbox (suggestion_id, changes, impact, action_type, action_user, decided_at, next_attempt_at, seal)
             VALUES (?, '[]', '{}', 'approved', '社長', ?, 0, ?)`,
          )
          .run(id, Date.parse(ANCHOR), seal),
      );
    forged('FORGED-1', null);
    // Sealed, but under another folder's key.
    forged('FORGED-2', createHmac('sha256', Buffer.alloc(32, 7)).update('x').digest('hex'));

    const r = genba(dir, 'restore', backup);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FORGED-1 {2}approved {2}社長 {2}2025-10-23 15:40/);
    expect(r.stdout).toContain('FORGED-2');
    expect(r.stdout).not.toContain(own);
    expect(r.stdout).toContain('genba confirm');

    // A sync delivers what is due: this store's own plan, never the held ones.
    expect(genba(dir, 'sync', '--once').code).toBe(0);
    expect(outboxRow(store, own)?.delivered_at).not.toBeNull();
    expect(outboxRow(store, 'FORGED-1')).toMatchObject({ delivered_at: null, held_reason: expect.any(String) });
    expect(outboxRow(store, 'FORGED-2')).toMatchObject({ delivered_at: null, held_reason: expect.any(String) });
    const approvals = JSON.parse(genba(dir, 'approvals', '--json').stdout) as { suggestionId: string; delivery: string }[];
    expect(approvals.find((a) => a.suggestionId === own)?.delivery).toBe('delivered');

    const unknown = genba(dir, 'confirm', 'NOT-HELD');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('FORGED-1, FORGED-2');
    const confirmed = genba(dir, 'confirm', 'FORGED-1', '--lang', 'en');
    expect(confirmed.stderr).toBe('');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain('Delivered to the company database.');
    expect(outboxRow(store, 'FORGED-1')?.delivered_at).not.toBeNull();
    expect(outboxRow(store, 'FORGED-2')?.delivered_at).toBeNull();
  }, 180_000);
});
