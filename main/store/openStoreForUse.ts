import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { sharedLock } from './folderLock.js';
import { closeCheckedStore, openStore } from './openStore.js';

/** The database file in a data folder. */
export const DB_FILE = 'genba.sqlite';

/**
 * Opens a data folder's store for this process and holds the folder's `use` lock with it,
 * so a restore waits until no process has the store open. close() gives both back.
 */
export function openStoreForUse(dataDir: string, nativeBinding?: string): { db: Database.Database; close: () => void } {
  const lock = sharedLock(dataDir, 'use', nativeBinding);
  try {
    const path = join(dataDir, DB_FILE);
    const db = openStore(path, nativeBinding ? { nativeBinding } : {});
    return {
      db,
      close: () => {
        closeCheckedStore(db, path);
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
