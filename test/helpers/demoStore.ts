import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { GenbaApp } from '../../main/app.js';
import { BUILD_ID } from '../../main/config/buildId.js';

/**
 * Where built demo stores are kept between runs: one folder per hash of the sources that
 * make the store, so a store built by other code is never used.
 */
export const DEMO_STORE_CACHE = join(tmpdir(), 'genba-test-demo-store');

/**
 * What a copied store holds: the store itself, its log-template index, and the note that Genba checked the file
 * (openStore.ts: a byte-identical copy of a checked file is not read through again by every test's first command).
 */
const CHECKED = 'genba.sqlite-checked';
const KEPT = ['genba.sqlite', 'index', CHECKED];
/** Everything a first build runs on: the core, the demo's definition and the know-how it seeds, the libraries' versions, and this file. */
const SOURCES = ['main', 'resources', 'package-lock.json', 'test/helpers/demoStore.ts'];
const UNUSED_FOR = 3_600_000;
const BUILD_TIMEOUT_MS = 300_000;

let memo: string | null = null;

/** A hash of every file the demo store is made from (and of Node's version and the build's id): the cache's key. */
export function demoStoreKey(): string {
  if (memo) return memo;
  // The build the store's kept results are keyed by (computedResults.ts): vitest defines one, a script under tsx (the
  // benches) none, and their first starts keep different results. A store built by one is never copied into the other.
  const h = createHash('sha256')
    .update(process.version)
    .update(`\0build\0${BUILD_ID ?? 'none'}`);
  const files: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else files.push(path);
  };
  for (const s of SOURCES) walk(resolve(s));
  for (const f of files) h.update(`\0${relative(resolve('.'), f)}\0`).update(readFileSync(f));
  memo = h.digest('hex').slice(0, 32);
  return memo;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Creates the lock folder; false when another process has it. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The process that holds a lock (0 while it has not yet written its id), or undefined once the lock is gone. */
function lockOwner(lock: string): { pid: number; ageMs: number } | undefined {
  try {
    const ageMs = Date.now() - statSync(lock).mtimeMs;
    return { pid: existsSync(join(lock, 'pid')) ? Number(readFileSync(join(lock, 'pid'), 'utf8')) || 0 : 0, ageMs };
  } catch {
    return undefined;
  }
}

/**
 * The demo company as a first start builds it (createApp + start(), the CLI's `logs
 * templates` gives the same store), at the demo's own clock, with the default config:
 * built once per key by whichever test process asks first, under a lock the others wait on.
 * Returns the cached folder; read it only through copyDemoStore.
 */
async function builtDemoStore(): Promise<string> {
  const key = demoStoreKey();
  const done = join(DEMO_STORE_CACHE, key);
  const lock = `${done}.lock`;
  mkdirSync(DEMO_STORE_CACHE, { recursive: true });
  const started = Date.now();
  for (;;) {
    if (existsSync(join(done, 'genba.sqlite'))) return done;
    if (!takeLock(lock)) {
      // Another process builds it. A lock left by a process that died is broken.
      const owner = lockOwner(lock);
      if (owner === undefined) continue; // released meanwhile
      if (owner.pid > 0 ? !alive(owner.pid) : owner.ageMs > 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > BUILD_TIMEOUT_MS) throw new Error(`the demo store in ${done} was not built in ${BUILD_TIMEOUT_MS / 1000} s`);
      else await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (!existsSync(join(done, 'genba.sqlite'))) await build(done);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * The desktop app's start-up work, whatever the screens' language: for questions (assistant.prepare, without warming
 * the know-how index), the names' readings kept in `meta` and the services and hosts a question's names are read from
 * (query_names.logs) scanned once; for plans (planning.warm), the forecast and the next working day's plan solved and
 * kept (computedResults.ts). Done in the cached build: without it every copy's first question made the names again
 * (about 4 s of CPU each), and every copy's first plan or forecast was computed again (about 3 s and 1.5 s).
 */
export async function startUpWork(app: GenbaApp): Promise<void> {
  await app.assistant.prepare({ warm: false });
  app.assistant.readQuery('今日の進捗');
  await app.planning.warm();
}

async function build(done: string): Promise<void> {
  pruneCache();
  const building = `${done}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { mode: 0o700 });
  // Loaded here: a test that only copies a built store does not load the core.
  const [{ createApp }, { DEMO_ANCHOR_MS }] = await Promise.all([import('../../main/app.js'), import('../../main/sync/demo/demoDefinition.js')]);
  // The names' readings made as the desktop app's start-up work makes them (kuromoji), kept in the store: otherwise
  // the first question of every test that copies the store builds the dictionary again.
  const app = createApp({ dataDir: building, now: DEMO_ANCHOR_MS });
  try {
    await app.start();
    await startUpWork(app);
  } finally {
    await app.stop();
  }
  // Everything in the main file, nothing left in a write-ahead log.
  const store = join(building, 'genba.sqlite');
  const db = new Database(store);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  // A whole second as the file's time, so that a copy can be given the very same one; then Genba's own open checks
  // the file (quick_check) and notes it checked, and its close leaves it unchanged.
  const second = Math.floor(Date.now() / 1000);
  utimesSync(store, second, second);
  const { openStore, closeCheckedStore } = await import('../../main/store/openStore.js');
  closeCheckedStore(openStore(store), store);
  for (const name of readdirSync(building)) if (!KEPT.includes(name)) rmSync(join(building, name), { recursive: true, force: true });
  try {
    renameSync(building, done);
  } catch (error) {
    // Built by another process meanwhile (a lock broken twice): that one is the same.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(done, 'genba.sqlite'))) throw error;
  }
}

/** Stores of older sources, unused for an hour, and builds whose process died. */
function pruneCache(): void {
  for (const name of readdirSync(DEMO_STORE_CACHE)) {
    const path = join(DEMO_STORE_CACHE, name);
    const builder = /\.building-(\d+)$/.exec(name);
    if (builder ? !alive(Number(builder[1])) : /^[0-9a-f]{32}$/.test(name) && Date.now() - statSync(path).mtimeMs > UNUSED_FOR) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/**
 * Puts the demo company's store into a data folder (created if missing) as a first start
 * leaves it: every table, the 241k log lines mined, the template index. A config.json
 * already there stays; the first build does not depend on it (retention runs later).
 * Tests whose subject is the first build itself (progress, a build killed or on a full
 * disk, models installed before it) build their own.
 */
export async function copyDemoStore(dataDir: string, options: { nameReadings?: boolean } = {}): Promise<void> {
  const from = await builtDemoStore();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = join(dataDir, 'genba.sqlite');
  if (existsSync(store)) throw new Error(`${dataDir} already has a store`);
  copyFileSync(join(from, 'genba.sqlite'), store, constants.COPYFILE_FICLONE);
  cpSync(join(from, 'index'), join(dataDir, 'index'), { recursive: true });
  const built = statSync(join(from, 'genba.sqlite'));
  if (options.nameReadings === false) {
    // For a test whose subject is the first making of the readings. The write brings Genba's check back.
    const { NAME_READINGS_KEY } = await import('../../main/chat/nameReadings.js');
    const db = new Database(store);
    db.prepare('DELETE FROM meta WHERE key = ?').run(NAME_READINGS_KEY);
    db.close();
  } else if (Number.isInteger(built.mtimeMs) && existsSync(join(from, CHECKED))) {
    // The same bytes at the same time: Genba's note that it checked them holds for the copy.
    utimesSync(store, built.atime, built.mtime);
    copyFileSync(join(from, CHECKED), join(dataDir, CHECKED));
  }
  const now = new Date();
  utimesSync(from, now, now);
}
