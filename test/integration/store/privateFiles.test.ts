import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { writeBertModel } from '../../fixtures/models/onnxBert.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const ENV = { GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: '', GENBA_CLICKHOUSE_PASSWORD: '' };

/** The built `genba` as a manager's shell starts it: umask 022, the usual default. */
const withUmask = (args: string[]): [string, string[]] => [
  '/bin/sh',
  ['-c', 'umask 022 && exec "$@"', 'sh', process.execPath, resolve('bin/genba.mjs'), ...args],
];
function genba(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const [cmd, argv] = withUmask(args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder that already exists, readable by everyone (as a manager or an installer may have made it). */
function openFolder(path: string): string {
  mkdirSync(path);
  chmodSync(path, 0o755);
  return path;
}

/** Every file and folder under `dir` with its permission bits, the folder itself left out. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, rel: string): void => {
    for (const name of readdirSync(path)) {
      const st = lstatSync(join(path, name));
      out[`${rel}${name}${st.isDirectory() ? '/' : ''}`] = (st.mode & 0o777).toString(8);
      if (st.isDirectory()) walk(join(path, name), `${rel}${name}/`);
    }
  };
  walk(dir, '');
  return out;
}

/** Each file 600 and each folder 700: nothing the group or others can read. */
function expectPrivate(dir: string): void {
  const found = modes(dir);
  const wanted = Object.fromEntries(Object.keys(found).map((p) => [p, p.endsWith('/') ? '700' : '600']));
  expect(found).toEqual(wanted);
}

describe('files Genba creates in an existing data folder of mode 755, under umask 022, are private (600)', () => {
  const root = tempDir();
  let maria: MariaDb;
  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    // Only the files a sync writes are looked at: a few thousand lines make them as the whole month would.
    await seedCompany(conn, { logs: 2000 });
    await conn.end();
  }, 120_000);
  afterAll(async () => {
    await maria?.destroy();
    root.remove();
  });

  it('the demo store, its log and locks, the indexes, a backup, a restored store and imported models', async () => {
    const dir = openFolder(join(root.path, 'demo'));
    const run = (...args: string[]) => {
      const r = genba([...args, '--data-dir', dir, '--now', ANCHOR]);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    };
    run('status');
    expect(statSync(join(dir, 'genba.sqlite')).mode & 0o777).toBe(0o600);
    run('logs', 'templates');
    run('knowledge', 'search', '納期');
    const backup = join(dir, 'backups', 'by-hand.sqlite');
    run('backup', backup);
    chmodSync(backup, 0o644); // a copy made readable elsewhere: the store restored from it is private all the same
    run('restore', backup);
    chmodSync(backup, 0o600);
    const models = join(root.path, 'models-to-import');
    mkdirSync(models);
    writeModel(join(models, 'tiny.gguf'), 'qwen2-tiny');
    writeBertModel(join(models, 'tiny-bert'), 'tiny');
    chmodSync(join(models, 'tiny.gguf'), 0o644);
    run('models', 'import', join(models, 'tiny.gguf'));
    run('models', 'import', join(models, 'tiny-bert'));
    expect(existsSync(join(dir, 'models', 'tiny.gguf'))).toBe(true);
    expect(existsSync(join(dir, 'models', 'tiny-bert', 'onnx'))).toBe(true);
    expect(existsSync(join(dir, 'index', 'log-templates.hnsw'))).toBe(true);
    expect(existsSync(join(dir, 'index', 'knowledge.hnsw'))).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('genba.sqlite.before-restore-'))).toBe(true);

    // While a process has the store open its write-ahead log and index files are there too.
    const [cmd, argv] = withUmask(['sync', '--data-dir', dir, '--now', ANCHOR]);
    const sync = spawn(cmd, argv, { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((ok) => sync.on('exit', ok));
    try {
      await new Promise<void>((ok, fail) => {
        sync.stdout.once('data', () => ok());
        sync.on('exit', (code) => fail(new Error(`genba sync exited (${code})`)));
      });
      expect(existsSync(join(dir, 'genba.sqlite-wal'))).toBe(true);
      expect(existsSync(join(dir, 'genba.sqlite-shm'))).toBe(true);
      expectPrivate(dir);
    } finally {
      sync.kill('SIGTERM');
      await exited;
    }
    expectPrivate(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o755); // the folder itself stays as the manager made it (the doctor warns)
  }, 300_000);

  it('a store and config.json written by a sync from the company MySQL', () => {
    const dir = openFolder(join(root.path, 'mysql'));
    const r = genba(['sync', '--source', `mysql://genba@127.0.0.1:${maria.port}/${maria.database}`, '--once', '--data-dir', dir], {
      GENBA_MYSQL_PASSWORD: 'genba-pw',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
    expectPrivate(dir);
  }, 180_000);
});
