import { spawnSync } from 'node:child_process';
import { mkdirSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .*[:(]\d+/);
const freeBytes = (dir: string): number => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

describe('a full disk (a real small file system)', () => {
  const root = tempDir();
  afterAll(() => root.remove());

  it('reading works on a disk with no block left, and compaction frees space on a full disk', async (ctx) => {
    const dir = join(root.path, 'full-disk');
    mkdirSync(dir);
    // A real full disk: a small tmpfs. Mounting needs root (CI and these machines run as root).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400m', 'tmpfs', dir]);
    if (mounted.status !== 0) ctx.skip(`cannot mount a small file system here: ${mounted.stderr}`);
    try {
      // The whole demo (30 days of logs) kept as rows; compaction will keep 7 days.
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ logs: { kind: 'companyDatabase', keepRawDays: 7 } }));
      await copyDemoStore(dir);
      expect(runGenba(['logs', 'templates', '--data-dir', dir]).code).toBe(0);
      // Nothing left: files take every free block.
      spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=1M'], { stdio: 'ignore' });
      spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler-tail')}`, 'bs=4k'], { stdio: 'ignore' });
      expect(freeBytes(dir)).toBe(0);

      // Reading needs no room (not even for the shared-memory file beside the store).
      for (const args of [['status'], ['overview'], ['logs', 'templates'], ['alerts', 'list']]) {
        const r = runGenba([...args, '--data-dir', dir, '--lang', 'en']);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(50);
        noStack(r.stderr);
      }
      expect(runGenba(['logs', 'templates', '--data-dir', dir, '--lang', 'en']).stderr).toContain('the disk is full');

      // Compaction with the half megabyte a full disk in use still has (logs, temp files and other programs leave that much between them).
      expect(spawnSync('truncate', ['-s', '-512K', join(dir, 'filler')]).status).toBe(0);
      const compact = runGenba(['compact', '--json', '--data-dir', dir]);
      expect(compact.code, compact.stderr).toBe(0);
      const report = JSON.parse(compact.stdout) as { rawLogs: number; freedPages: number };
      expect(report.rawLogs).toBeGreaterThan(100_000);
      expect(report.freedPages).toBeGreaterThan(0);
      expect(freeBytes(dir)).toBeGreaterThan(8 * 1024 * 1024);
    } finally {
      spawnSync('umount', [dir]);
    }
  }, 300_000);
});
