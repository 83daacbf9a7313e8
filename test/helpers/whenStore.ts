import Database from 'better-sqlite3';
import { watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Waits for a state of the store that another process is writing in `dataDir` (which must
 * exist): `read` gets a read-only connection and returns a value once the state is there,
 * else undefined. The store is read when a file of the folder changes (each commit grows
 * its write-ahead log), at most every 50 ms, and every second in case a change went unseen.
 * Rejects after `timeoutMs`, or once `exited` resolves first: a writer that ended by itself
 * was never caught in the middle.
 */
export function whenStore<T>(
  dataDir: string,
  read: (db: Database.Database) => T | undefined,
  o: { exited?: Promise<unknown>; timeoutMs?: number } = {},
): Promise<T> {
  const file = join(dataDir, 'genba.sqlite');
  const timeoutMs = o.timeoutMs ?? 120_000;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let lastRead = 0;
    let pending: NodeJS.Timeout | undefined;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      watcher.close();
      clearTimeout(pending);
      clearInterval(backstop);
      clearTimeout(deadline);
      done();
    };
    const check = (): void => {
      pending = undefined;
      lastRead = Date.now();
      let value: T | undefined;
      try {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          value = read(db);
        } finally {
          db.close();
        }
      } catch {
        value = undefined; // not created yet, or its tables not yet there
      }
      if (value !== undefined) settle(() => resolve(value));
    };
    const soon = (): void => {
      if (!pending && !settled) pending = setTimeout(check, Math.max(0, lastRead + 50 - Date.now()));
    };
    const watcher = watch(dataDir, soon);
    const backstop = setInterval(soon, 1000);
    const deadline = setTimeout(
      () => settle(() => reject(new Error(`the store in ${dataDir} did not reach the state waited for in ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    o.exited?.then(
      () => settle(() => reject(new Error(`the process writing ${dataDir} ended before the store reached the state waited for`))),
      () => {},
    );
    soon();
  });
}
