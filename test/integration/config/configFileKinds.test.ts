import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir.js';

/** Long enough for a start that reads the settings; far shorter than "hangs". */
const PROMPT_MS = 15_000;

/** The built `genba`, killed when it runs past `PROMPT_MS` (a read that never ends). */
function genbaWithin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [resolve('bin/genba.mjs'), ...args], {
    env: { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: '', GENBA_CLICKHOUSE_PASSWORD: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, PROMPT_MS);
  return new Promise((ok) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr, killed, ms: performance.now() - started });
    }),
  );
}

describe('config.json is read only when it is a regular file of a sensible size', () => {
  const root = tempDir();
  let n = 0;
  /** A data folder whose config.json is made by `make`. */
  const folder = (make: (config: string) => void): { dir: string; config: string } => {
    const dir = join(root.path, `data-${++n}`);
    mkdirSync(dir, { mode: 0o700 });
    const config = join(dir, 'config.json');
    make(config);
    return { dir, config };
  };
  afterAll(() => root.remove());

  const refused: { name: string; make: (config: string) => void; ja: string; en: string }[] = [
    { name: 'a FIFO', make: (config) => execFileSync('mkfifo', [config]), ja: '通常のファイルではありません', en: 'not a regular file' },
    { name: 'a link to /dev/zero', make: (config) => symlinkSync('/dev/zero', config), ja: '通常のファイルではありません', en: 'not a regular file' },
    { name: 'a folder', make: (config) => mkdirSync(config), ja: '通常のファイルではありません', en: 'not a regular file' },
    {
      name: 'a 2 MiB file',
      make: (config) => writeFileSync(config, `{"lang": "ja", "pad": "${'x'.repeat(2 * 1024 * 1024)}"}`),
      ja: '大きすぎます',
      en: 'too large',
    },
  ];
  for (const r of refused) {
    it(`a config.json that is ${r.name} ends every command promptly with an error naming the file`, async () => {
      const { dir, config } = folder(r.make);
      for (const [lang, text] of [
        ['ja', r.ja],
        ['en', r.en],
      ] as const) {
        const run = await genbaWithin(['status', '--data-dir', dir, '--lang', lang]);
        expect(run.killed, `still running after ${PROMPT_MS} ms`).toBe(false);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(config);
        expect(run.stderr).toContain(text);
        expect(run.stderr).not.toMatch(/\n\s+at .*[:(]\d+/);
      }
    }, 60_000);
  }

  it('a link to a regular config.json is read as the file it points to', async () => {
    const target = join(root.path, 'shared-config.json');
    writeFileSync(target, JSON.stringify({ lang: 'en' }));
    const { dir } = folder((config) => symlinkSync(target, config));
    const run = await genbaWithin(['models', 'list', '--data-dir', dir]);
    expect(run.killed).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/[A-Za-z]/);
    expect(run.stdout).not.toMatch(/[\u3040-\u30ff]/); // English, as the linked file says
  }, 60_000);
});
