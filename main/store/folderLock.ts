import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createPrivateFile } from '../config/privateFile.js';
import { StoreError } from './storeError.js';

/**
 * Locks between processes on one data folder (the app, the CLI, a second CLI), held as
 * SQLite locks on small files beside the database. The operating system drops them when
 * the holder exits, however it exits (kill -9 included), so no stale lock is ever left.
 *
 * - `use`: every process with the store open holds it shared; a restore needs it alone.
 * - `sync`: one sync (or demo build) per folder at a time.
 */
export type FolderLockName = 'use' | 'sync';

export interface FolderLock {
  release(): void;
}

const FILES: Record<FolderLockName, string> = { use: 'genba.lock', sync: 'sync.lock' };

function openLockFile(dataDir: string, name: FolderLockName, nativeBinding?: string): Database.Database {
  const path = join(dataDir, FILES[name]);
  try {
    createPrivateFile(path); // private like every file of the folder (SQLite would use the umask's mode)
  } catch {
    // A folder that cannot be written: SQLite's open below says so, as it always did.
  }
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  db.pragma('busy_timeout = 0');
  return db;
}

/**
 * The connections of the locks this process holds. better-sqlite3 closes a connection that is
 * garbage-collected, and closing it drops the OS lock: a holder that kept only the lock's
 * release (or nothing) would lose its lock at the next collection, and a restore could run
 * under it. Held here, a lock ends only with release() or the process.
 */
const held = new Set<Database.Database>();

const busy = (error: unknown): boolean => (error as { code?: string }).code === 'SQLITE_BUSY';

/** Opens the lock file and takes the lock with `take`; null when another holder has it (SQLITE_BUSY). */
function acquire(dataDir: string, name: FolderLockName, nativeBinding: string | undefined, take: (db: Database.Database) => void): FolderLock | null {
  const db = openLockFile(dataDir, name, nativeBinding);
  try {
    take(db);
  } catch (error) {
    db.close();
    if (busy(error)) return null;
    throw error;
  }
  held.add(db);
  return {
    release: () => {
      held.delete(db);
      if (db.open) {
        db.exec('ROLLBACK');
        db.close();
      }
    },
  };
}

/** Takes the lock alone, or returns null at once when another holder has it. */
export function tryExclusiveLock(dataDir: string, name: FolderLockName, nativeBinding?: string): FolderLock | null {
  return acquire(dataDir, name, nativeBinding, (db) => db.exec('BEGIN EXCLUSIVE'));
}

/** Holds the lock shared (as one of many users); fails only while someone holds it alone. */
export function sharedLock(dataDir: string, name: FolderLockName, nativeBinding?: string): FolderLock {
  const lock = acquire(dataDir, name, nativeBinding, (db) => {
    db.exec('BEGIN');
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get(); // a read takes the SHARED lock
  });
  if (lock === null) {
    throw new StoreError('STORE_BUSY', {
      ja: 'このデータフォルダは復元の処理中です。終わってからもう一度実行してください。',
      en: 'This data folder is being restored. Try again when that has finished.',
    });
  }
  return lock;
}
