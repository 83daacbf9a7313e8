import type Database from 'better-sqlite3';

/**
 * Runs `fn` in a transaction that takes the write lock at its start (BEGIN IMMEDIATE).
 *
 * The store is shared by processes (the app, a `genba` command, a second one). A deferred
 * transaction reads first and asks for the write lock later; if another process committed
 * in between, SQLite refuses the upgrade at once (SQLITE_BUSY, a stale snapshot) without
 * waiting the busy timeout, and the sync or decision fails. Taken at the start, the lock is
 * waited for like any other. Every transaction in Genba writes, so every one goes here.
 * Nested calls become savepoints of the outer transaction, as with better-sqlite3's own.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
