import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { expectCountedOnce } from '../../helpers/expectations.js';
import { derivedCounts } from '../../helpers/logCounts.js';
import { storeDigest } from '../../helpers/storeDigest.js';
import { tempDir } from '../../helpers/tempDir.js';
import { whenStore } from '../../helpers/whenStore.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const QUESTION = '札幌のエントリ1工程が遅延しています';
const genba = (dataDir: string, ...args: string[]) => runGenba([...args, '--data-dir', dataDir, '--now', ANCHOR]);
const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .*[:(]\d+/);
const sha = (file: string): string => readFileSync(file).toString('base64');

/**
 * A Genba app in another process that has made one decision and holds the folder open
 * (test/fixtures/decideAndHang.ts); crash() kills it with SIGKILL.
 */
async function decidingApp(dir: string): Promise<{ decided: string; crash: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/fixtures/decideAndHang.ts'), dir, ANCHOR, QUESTION], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  // Only the fixture's own line counts: anything else a library prints must not end the wait early.
  let out = '';
  const decided = await new Promise<string>((ok) =>
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^decided (\S+)$/m.exec(out);
      if (m) ok(m[1]!);
    }),
  );
  return {
    decided,
    crash: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The approved/modified decisions and outbox rows of a store (read with its write-ahead log). */
function decisions(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare(`SELECT o.suggestion_id AS id FROM approval_outbox o JOIN proposals p USING (suggestion_id) WHERE p.status != 'open' ORDER BY 1`).all() as {
        id: string;
      }[]
    ).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('lose nothing: restore, backup, demo builds and decisions', () => {
  const root = tempDir();
  const base = join(root.path, 'base');
  let n = 0;
  /** A private copy of the built demo folder. */
  const copy = (): string => {
    const dir = join(root.path, `copy-${++n}`);
    cpSync(base, dir, { recursive: true });
    return dir;
  };
  beforeAll(async () => {
    await copyDemoStore(base);
    const built = genba(base, 'logs', 'templates');
    expect(built.code).toBe(0);
  }, 180_000);
  afterAll(() => root.remove());

  it('restore keeps a decision that existed only in the write-ahead log of a crashed app', async () => {
    const dir = copy();
    const backup = join(root.path, 'before-crash.sqlite');
    expect(genba(dir, 'backup', backup).code).toBe(0);
    const app = await decidingApp(dir);
    await app.crash();
    const id = app.decided;
    expect(statSync(join(dir, 'genba.sqlite-wal')).size).toBeGreaterThan(0); // the decision is in the log

    const restored = genba(dir, 'restore', backup);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('バックアップ後の判断 1 件を元のファイルからそのまま移しました');
    expect(decisions(join(dir, 'genba.sqlite'))).toEqual([id]);
    const kept = readdirSync(dir).find((f) => /^genba\.sqlite\.before-restore-\d{8}-\d{6}$/.test(f))!;
    expect(decisions(join(dir, kept))).toEqual([id]); // and the kept file still has it too
    expect(genba(dir, 'approvals', '--json').stdout).toContain(id);
  }, 120_000);

  it('restore refuses while another Genba process has the folder open, and changes nothing', async () => {
    const dir = copy();
    const backup = join(root.path, 'in-use.sqlite');
    expect(genba(dir, 'backup', backup).code).toBe(0);
    const app = await decidingApp(dir);
    try {
      const files = readdirSync(dir).sort();
      const r = genba(dir, 'restore', backup);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('使用中');
      noStack(r.stderr);
      expect(readdirSync(dir).sort()).toEqual(files);
    } finally {
      await app.crash();
    }
  }, 120_000);

  it("refuses another application's SQLite file, in restore, at open and in the doctor", () => {
    const dir = copy();
    const foreign = join(root.path, 'other-app.sqlite');
    const db = new Database(foreign);
    db.pragma('user_version = 1');
    db.exec("CREATE TABLE locations (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO locations VALUES (1, 'x')");
    db.close();
    const before = storeDigest(dir);
    const r = genba(dir, 'restore', foreign);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Genba database');
    noStack(r.stderr);
    expect(storeDigest(dir)).toEqual(before);

    const other = join(root.path, 'foreign-folder');
    mkdirSync(other);
    cpSync(foreign, join(other, 'genba.sqlite'));
    const status = genba(other, 'status');
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('Genba のデータベースではありません');
    expect(sha(join(other, 'genba.sqlite'))).toBe(sha(foreign));
    const doctor = JSON.parse(genba(other, 'doctor', '--json').stdout) as { checks: { id: string; status: string; summary: string; fix: string }[] };
    const check = doctor.checks.find((c) => c.id === 'database')!;
    expect(check.status).toBe('error');
    expect(check.summary).toContain('Genba のデータベースではありません');
    expect(check.fix).not.toContain('restore');
  });

  it('demo --reset rebuilds the log counts instead of adding a copy', () => {
    const dir = copy();
    const top = (): number => JSON.parse(genba(dir, 'logs', 'templates', '--json').stdout)[0].count as number;
    const first = top();
    expectCountedOnce(dir);
    // One reset on a built store: a count that added a copy would be twice the first.
    const r = genba(dir, 'demo', '--reset');
    expect(r.code).toBe(0);
    expect(top()).toBe(first);
    expectCountedOnce(dir);
    expect(derivedCounts(dir).orphanTemplates).toBe(0);
  }, 180_000);

  it('a first demo build that was killed is finished on the next command, never used half-made', async () => {
    const dir = join(root.path, 'half-built');
    mkdirSync(dir, { mode: 0o700 });
    const child = spawn(process.execPath, [resolve('bin/genba.mjs'), 'status', '--data-dir', dir], {
      stdio: 'ignore',
      env: { ...process.env, GENBA_DATA_DIR: '' },
    });
    const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_code, signal) => ok(signal)));
    // Killed once the first progress snapshots are stored, before the build ends.
    const count = (db: Database.Database, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const { snapshots, logs } = await whenStore(
      dir,
      (db) => {
        const snapshots = count(db, 'progress_snapshots');
        return snapshots > 0 ? { snapshots, logs: count(db, 'app_logs') } : undefined;
      },
      { exited },
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(snapshots).toBeGreaterThan(0);
    expect(logs).toBe(0);
    // A command that reads logs finishes the build (status alone stops at the first screen).
    expect(genba(dir, 'logs', 'templates').code).toBe(0);
    const status = JSON.parse(genba(dir, 'status', '--json').stdout) as { tables: { table: string; rows: number }[] };
    const full = JSON.parse(genba(base, 'status', '--json').stdout) as { tables: { table: string; rows: number }[] };
    expect(status.tables).toEqual(full.tables);
    expectCountedOnce(dir);
  }, 180_000);

  it('backup never replaces what is not a Genba backup, writes mode 600 and leaves no partial file', () => {
    const dir = copy();
    const target = join(root.path, 'backups-here');
    mkdirSync(target);
    const unrelated = join(target, 'notes.txt');
    writeFileSync(unrelated, 'do not overwrite');
    for (const path of [unrelated, target, '/dev/null']) {
      const r = genba(dir, 'backup', path);
      expect(r.code, path).toBe(1);
      expect(r.stderr).toContain('上書きしません');
      noStack(r.stderr);
    }
    expect(readFileSync(unrelated, 'utf8')).toBe('do not overwrite');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const good = join(target, 'genba.sqlite');
    expect(genba(dir, 'backup', good).code).toBe(0);
    expect(statSync(good).mode & 0o777).toBe(0o600);
    expect(genba(dir, 'backup', good).code).toBe(0); // a Genba backup may be replaced by a newer one
    expect(readdirSync(target).sort()).toEqual(['genba.sqlite', 'notes.txt']);
    expect(genba(dir, 'backup', join(dir, 'genba.sqlite')).code).toBe(1); // never the live database itself
  }, 120_000);

  it('refuses a reason longer than approval_history holds, and an operator already moved by a newer approval', () => {
    const dir = copy();
    const ask = (): string => (JSON.parse(genba(dir, 'ask', QUESTION, '--json').stdout) as { proposal: { id: string } }).proposal.id;
    const older = ask();
    // Asking again about the same problem refreshes the open proposal (one card per problem) ...
    expect(ask()).toBe(older);
    // ... so a second open proposal for the same people is one stored before that rule (a store from an older version):
    // a copy of it under another id.
    const newer = 'SGT20251023-0000BEEF';
    const db = new Database(join(dir, 'genba.sqlite'));
    db.prepare(
      `INSERT INTO proposals (suggestion_id, created_at, data_as_of, question, proposal)
       SELECT ?, created_at + 1, data_as_of, question, json_set(proposal, '$.id', ?) FROM proposals WHERE suggestion_id = ?`,
    ).run(newer, newer, older);
    db.close();
    const long = genba(dir, 'reject', older, '--reason', '理'.repeat(30_000));
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('理由が長すぎます（90,000 バイト');
    expect(genba(dir, 'approve', newer).code).toBe(0);
    const twice = genba(dir, 'approve', older);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('既に移動が決まっています');
    noStack(twice.stderr);
    expect(genba(dir, 'reject', older, '--reason', '状況が変わったため').code).toBe(0);
  }, 120_000);

  it('says what logs ingest, knowledge add and logs parse really did; terminal output escapes control characters', () => {
    const dir = copy();
    const log = join(root.path, 'app.log');
    writeFileSync(log, '2025-10-23 15:30:00 ERROR \u001bcpayment gateway refused the card\n2025-10-23 15:31:00 INFO order shipped\n');
    const first = genba(dir, 'logs', 'ingest', log);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('取り込みました: 2 行');
    const again = genba(dir, 'logs', 'ingest', log);
    expect(again.stdout).toContain('取り込みました: 0 行');
    expect(again.stdout).toContain('2 行は取り込み済みのため省略');
    appendFileSync(log, '2025-10-23 15:32:00 INFO order shipped\n');
    expect(genba(dir, 'logs', 'ingest', log).stdout).toContain('取り込みました: 1 行');
    expectCountedOnce(dir);
    const unterminated = join(root.path, 'no-final-newline.log');
    writeFileSync(unterminated, '2025-10-23 15:33:00 INFO order packed\n2025-10-23 15:34:00 INFO order sealed');
    expect(genba(dir, 'logs', 'ingest', unterminated).stdout).toContain('取り込みました: 2 行');
    const empty = join(root.path, 'empty.log');
    writeFileSync(empty, '');
    expect(genba(dir, 'logs', 'ingest', empty).stdout).toContain('取り込みました: 0 行、新しいテンプレート 0 件');

    const search = genba(dir, 'logs', 'search', 'payment gateway refused the card');
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('\\x1bcpayment');
    expect(search.stdout).not.toContain('\u001b');

    const missing = genba(dir, 'knowledge', 'add', join(root.path, 'nowhere.md'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('見つからない');
    const huge = join(root.path, 'huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    const big = genba(dir, 'knowledge', 'add', huge);
    expect(big.code).toBe(1);
    expect(big.stderr).toContain('ファイルが大きすぎます（50.0 MB');

    const parsed = join(root.path, 'parsed.csv');
    const formula = join(root.path, 'formula.log');
    writeFileSync(formula, '=HYPERLINK("http://x") user logged in\n@SUM(A1) user logged in\n');
    expect(runGenba(['logs', 'parse', formula, '--out', parsed]).code).toBe(0);
    const csv = readFileSync(parsed, 'utf8');
    expect(csv).not.toMatch(/\n[0-9]+,[0-9]+,"?[=@+-]/);
    expect(statSync(parsed).mode & 0o777).toBe(0o600);
  }, 120_000);
});
