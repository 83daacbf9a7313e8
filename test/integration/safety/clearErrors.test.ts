import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/openStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { expectCountedOnce } from '../../helpers/expectations.js';
import { tempDir } from '../../helpers/tempDir.js';

const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .*[:(]\d+/);

describe('clear errors instead of wrong ones (built CLI)', () => {
  const root = tempDir();
  afterAll(() => root.remove());

  it('a data folder that is a file, or a system pseudo-folder, is refused with the next step', () => {
    const file = join(root.path, 'not-a-folder');
    writeFileSync(file, 'x');
    for (const [dir, words] of [
      [file, 'フォルダではなくファイル'],
      [join(file, 'sub'), '途中にファイル'],
      ['/proc/1', '特殊なフォルダ'],
    ] as const) {
      const started = performance.now();
      const r = runGenba(['status', '--data-dir', dir]);
      expect(r.code, dir).toBe(1);
      expect(r.stderr).toContain(words);
      expect(r.stderr).toContain('--data-dir');
      noStack(r.stderr);
      expect(performance.now() - started).toBeLessThan(10_000);
    }
    const en = runGenba(['status', '--data-dir', file, '--lang', 'en']);
    expect(en.stderr).toContain('it is a file, not a folder');
  });

  it('a read-only data folder or database is not called damaged, and nothing is lost', () => {
    const dir = join(root.path, 'read-only');
    chmodSync(root.path, 0o711); // the ordinary user below must reach the folder
    mkdirSync(dir, { mode: 0o700 });
    openStore(join(dir, 'genba.sqlite')).close();
    // As root every file is writable: the CLI then runs as an ordinary user, as a manager would.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;
    if (asUser) chownSync(dir, asUser.uid, asUser.gid);
    if (asUser) chownSync(join(dir, 'genba.sqlite'), asUser.uid, asUser.gid);
    chmodSync(dir, 0o500);
    try {
      const status = runGenba(['status', '--data-dir', dir], {}, asUser ?? undefined);
      expect(status.code).toBe(1);
      expect(status.stderr).toContain('書き込めません');
      expect(status.stderr).toContain('壊れていません');
      noStack(status.stderr);
      const doctor = JSON.parse(runGenba(['doctor', '--json', '--data-dir', dir], {}, asUser ?? undefined).stdout) as {
        checks: { id: string; summary: string; fix: string | null }[];
      };
      const db = doctor.checks.find((c) => c.id === 'database')!;
      expect(db.summary).not.toContain('壊れています');
      expect(db.fix).not.toContain('genba restore');
      expect(doctor.checks.find((c) => c.id === 'data_dir')!.summary).toContain('書き込みできません');
    } finally {
      chmodSync(dir, 0o700);
    }
    chmodSync(join(dir, 'genba.sqlite'), 0o400);
    const file = runGenba(['status', '--data-dir', dir], {}, asUser ?? undefined);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('書き込めません');
    noStack(file.stderr);
  });

  it('a bad --source is a usage error that names the field; impossible dates are refused', () => {
    const dir = join(root.path, 'usage');
    for (const [url, field] of [
      ['mysql://u@127.0.0.1:0/db', 'ポート番号'],
      ['mysql://u@127.0.0.1:3306/db;drop', 'データベース名'],
    ] as const) {
      const r = runGenba(['sync', '--source', url, '--once', '--data-dir', dir]);
      expect(r.code, url).toBe(2);
      expect(r.stderr).toContain(field);
      expect(r.stderr).not.toContain('ZodError');
      expect(r.stderr).not.toContain('"code"');
    }
    const date = runGenba(['status', '--now', '2025-02-30T10:00+09:00', '--data-dir', dir]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('2025-02-30T10:00+09:00');
  });

  it('reads a config.json saved with a byte-order mark, and names the line and column of a JSON error', () => {
    const dir = join(root.path, 'config');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.json'), '\ufeff{"lang": "en"}\n');
    const ok = runGenba(['models', 'list', '--data-dir', dir]);
    expect(ok.code).toBe(0);
    writeFileSync(join(dir, 'config.json'), '\ufeff{\n  "lang": "en",\n  "sync": {,}\n}\n');
    const bad = runGenba(['models', 'list', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('3 行 12 列');
  });

  it('says so when a model given for this run cannot be used', () => {
    const notGguf = join(root.path, 'model.gguf');
    writeFileSync(notGguf, 'not a model');
    for (const option of ['--intent-model', '--answer-model']) {
      const r = runGenba(['ask', '札幌', option, notGguf, '--data-dir', join(root.path, 'models')]);
      expect(r.code, option).toBe(2);
      expect(r.stderr).toContain(option);
      noStack(r.stderr);
    }
    const missing = runGenba(['ask', '札幌', '--intent-model', join(root.path, 'nowhere.gguf'), '--data-dir', join(root.path, 'models')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.gguf');
  });

  it('a full disk during the first build is a clear error, and the half-built demo is finished once there is room', (ctx) => {
    const dir = join(root.path, 'small-disk');
    mkdirSync(dir);
    // A real full disk: a small tmpfs. Mounting needs root (CI and these machines run as root).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir]);
    if (mounted.status !== 0) ctx.skip(`cannot mount a small file system here: ${mounted.stderr}`);
    try {
      for (let i = 0; i < 2; i++) {
        const r = runGenba(['status', '--data-dir', dir]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('ディスクの空きがありません');
        noStack(r.stderr);
      }
      expect(spawnSync('mount', ['-o', 'remount,size=512m', dir]).status).toBe(0);
      // A command that reads logs finishes the whole build (status alone stops at the first screen).
      expect(runGenba(['logs', 'templates', '--data-dir', dir]).code).toBe(0);
      const status = runGenba(['status', '--json', '--data-dir', dir]);
      expect(status.code).toBe(0);
      const logs = (JSON.parse(status.stdout) as { tables: { table: string; rows: number }[] }).tables.find((t) => t.table === 'app_logs')!;
      expect(logs.rows).toBe(235_550);
      expectCountedOnce(dir);
    } finally {
      spawnSync('umount', [dir]);
    }
  }, 180_000);
});
