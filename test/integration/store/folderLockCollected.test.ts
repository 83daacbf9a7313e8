import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tryExclusiveLock } from '../../../main/store/folderLock.js';
import { tempDir } from '../../helpers/tempDir.js';

/**
 * A process that took the folder's `use` lock, kept no reference to it and was garbage-collected
 * still holds it: a restore must not run under a live Genba (the CI run of 2026-11-26 restored
 * under the crash fixture once its app had been collected).
 */
describe('folder locks outlive garbage collection', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('a shared lock whose holder dropped it is still held after a full collection', async () => {
    const script = [
      "const { sharedLock } = await import('./main/store/folderLock.ts');",
      `sharedLock(${JSON.stringify(dir.path)}, 'use');`,
      'for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((ok) => setTimeout(ok, 50)); }',
      "process.stdout.write('collected\\n');",
      'setInterval(() => {}, 60_000);',
    ].join('\n');
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
    try {
      await new Promise<void>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('collected')) ok();
        });
        child.on('exit', (code) => fail(new Error(`the holder exited (${code}) before its collection`)));
      });
      expect(tryExclusiveLock(dir.path, 'use')).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const after = tryExclusiveLock(dir.path, 'use'); // the holder's exit gives it back
    expect(after).not.toBeNull();
    after!.release();
  }, 60_000);
});
