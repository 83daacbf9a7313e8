import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { sharedLock } from './folderLock.js';
import { openStore } from './openStore.js';

/** The database file in a data folder. */
export const DB_FILE = 'genba.sqlite';

/**
 * Opens a data folder's store for this process and holds the folder's `use` lock with it,
 * so a restore waits until no process has the store open. close() gives both back.
 */
export function openStoreForUse(dataDir: string, nativeBinding?: string): { db: Database.Database; close: () => void } {
  const lock = sharedLock(dataDir, 'use', nativeBinding);
  try {
    const db = openStore(join(dataDir, DB_FILE), nativeBinding ? { nativeBinding } : {});
    return {
      db,
      close: () => {
        db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
