import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createPrivateFile, writePrivateFile } from '../config/privateFile.js';
import { migrate, SCHEMA_VERSION, schemaVersion } from './migration.js';
import { fromSystemError } from '../errors.js';
import { whyNotGenbaStore } from './genbaDatabase.js';
import { StoreError } from './storeError.js';

export interface OpenStoreOptions {
  /** Path of better-sqlite3's .node file built for Electron's ABI (see scripts/electron-native.mjs). */
  nativeBinding?: string;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';
/** Errors of the first read when the shared-memory index file cannot be created or grown. */
const NO_ROOM_FOR_INDEX = new Set(['SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_SHMOPEN', 'SQLITE_IOERR_SHMMAP', 'SQLITE_FULL']);

function corrupt(path: string, detail: string, cause?: unknown): StoreError {
  return new StoreError(
    'STORE_CORRUPT',
    {
      ja: `データベース ${path} が壊れています。ファイルはそのまま残してあります。バックアップから復元するか、ファイルを別の場所へ移してから同期し直してください。`,
      en: `The database ${path} is damaged. The file was left untouched. Restore it from a backup, or move it aside and sync again.`,
    },
    { cause, detail },
  );
}

/**
 * The store's files as they were when last found sound: the size and modification time of the
 * database file. quick_check reads every page (its time grows with the history: docs/bench/
 * 2026-11-25-store-costs.md), so a store whose files have not changed since Genba last
 * checked and opened it, or last closed it (closeCheckedStore), is not read through again; a
 * copy, a truncation or any write by another program changes them and brings the check back.
 */
const checkedStampPath = (path: string): string => `${path}-checked`;
function filesStamp(path: string): string {
  const s = statSync(path);
  return `${s.size}:${s.mtimeMs}`;
}
function checkedBefore(path: string): boolean {
  // A write-ahead log with pages in it (left by a process that stopped) is not covered by the note.
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return false;
  try {
    return readFileSync(checkedStampPath(path), 'utf8') === filesStamp(path);
  } catch {
    return false;
  }
}
function rememberChecked(path: string): void {
  try {
    writePrivateFile(checkedStampPath(path), filesStamp(path));
  } catch {
    // Without the note the next open checks again: slower, never less safe.
  }
}

/**
 * Closes a store that openStore found sound and notes its files as this close leaves them: what
 * Genba itself wrote went through SQLite's transactions, so the next open need not read every page
 * again (without this, every `genba plan` or app start after one that wrote re-read the whole file,
 * a part of a cold plan: docs/bench/2026-11-27-plan-cold-start.md). A process that stops without closing leaves the old note, which no
 * longer matches, and a log another connection still holds is never covered (checkedBefore).
 */
export function closeCheckedStore(db: Database.Database, path: string): void {
  db.close();
  rememberChecked(path);
}

/** Whether the file starts like a SQLite database (an empty file counts: it is a new one). */
export function hasSqliteHeader(path: string): boolean {
  if (statSync(path).size === 0) return true; // an empty file is a valid, new database
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (or creates) the local store. Checks come before any write: a damaged file or
 * one written by a newer Genba is reported and left exactly as it was.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Database.Database {
  if (existsSync(path) && !hasSqliteHeader(path)) throw corrupt(path, 'bad SQLite header');
  let db: Database.Database;
  try {
    // SQLite would create it with the umask's mode (644 in a folder others can enter); its -wal
    // and -shm files take the database file's mode, so they are private too.
    createPrivateFile(path);
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    const system = fromSystemError(error, path);
    if (system !== error) throw system;
    throw new StoreError(
      'STORE_OPEN_FAILED',
      {
        ja: `データベース ${path} を開けません。フォルダの権限と空き容量を確認してください。`,
        en: `Cannot open the database ${path}. Check the folder's permissions and free space.`,
      },
      { cause: error, detail: String(error) },
    );
  }
  try {
    let check: unknown;
    const known = checkedBefore(path);
    try {
      // The first read either way: it is where a store without room for the log's index fails.
      check = db.pragma(known ? 'schema_version' : 'quick_check', { simple: true });
      if (known) check = 'ok';
    } catch (error) {
      if (!NO_ROOM_FOR_INDEX.has((error as { code?: string }).code ?? '')) throw error;
      // No block left on the disk for the write-ahead log's shared-memory index (a file beside
      // the store): this process takes the store for itself instead, which keeps the index in
      // its own memory. Reading works; a write that needs room fails with the disk-full
      // message; another process waits while this one runs.
      db.close();
      db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      db.pragma('locking_mode = EXCLUSIVE');
      check = db.pragma(known ? 'schema_version' : 'quick_check', { simple: true });
      if (known) check = 'ok';
    }
    if (check !== 'ok') throw corrupt(path, `quick_check: ${String(check)}`);
    const version = schemaVersion(db);
    const foreign = whyNotGenbaStore(db);
    if (foreign !== null) {
      throw new StoreError(
        'STORE_NOT_GENBA',
        {
          ja: `${path} は Genba のデータベースではありません（${foreign}）。ファイルは変更していません。別のデータフォルダを指定するか、このファイルを移動してください。`,
          en: `${path} is not a Genba database (${foreign}). The file was not changed. Use another data folder, or move the file aside.`,
        },
        { detail: foreign },
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreError('STORE_NEWER_VERSION', {
        ja: `データベース ${path} は新しいバージョンの Genba で作成されています（形式 ${version}、このアプリは ${SCHEMA_VERSION} まで）。Genba を更新してください。ファイルは変更していません。`,
        en: `The database ${path} was written by a newer Genba (format ${version}; this app knows up to ${SCHEMA_VERSION}). Update Genba. The file was not changed.`,
      });
    }
    // A new store gives freed pages back as retention removes rows (compactStore.ts); it must be set before any table exists.
    if (version === 0 && (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n === 0) {
      db.pragma('auto_vacuum = INCREMENTAL');
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    rememberChecked(path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw corrupt(path, String(error), error);
    const system = fromSystemError(error, path);
    if (system !== error) throw system;
    throw new StoreError(
      'STORE_OPEN_FAILED',
      {
        ja: `データベース ${path} を開けません。`,
        en: `Cannot open the database ${path}.`,
      },
      { cause: error, detail: String(error) },
    );
  }
}
