import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../main/store/writeTransaction.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Two connections to one WAL store, as the app and a `genba` command hold it; the second waits for no lock. */
function twoProcesses(): [Database.Database, Database.Database] {
  const dir = mkdtempSync(join(tmpdir(), 'genba-wtx-'));
  dirs.push(dir);
  const a = new Database(join(dir, 'genba.sqlite'));
  a.pragma('journal_mode = WAL');
  a.exec('CREATE TABLE t (n INTEGER)');
  a.prepare('INSERT INTO t VALUES (1)').run();
  const b = new Database(join(dir, 'genba.sqlite'));
  b.pragma('busy_timeout = 0');
  return [a, b];
}

describe('writeTransaction', () => {
  it('holds the write lock from its start: another writer waits for it, and its own read-then-write never fails', () => {
    const [a, b] = twoProcesses();
    const total = writeTransaction(a, () => {
      const n = (a.prepare('SELECT SUM(n) AS s FROM t').get() as { s: number }).s;
      expect(() => b.prepare('INSERT INTO t VALUES (10)').run()).toThrow(/locked|busy/i);
      a.prepare('INSERT INTO t VALUES (?)').run(n + 1);
      return n + 1;
    });
    expect(total).toBe(2);
    b.prepare('INSERT INTO t VALUES (10)').run();
    expect((b.prepare('SELECT SUM(n) AS s FROM t').get() as { s: number }).s).toBe(13);
  });

  it('is needed: a deferred transaction that reads, then writes after another commit, fails at once', () => {
    const [a, b] = twoProcesses();
    a.pragma('busy_timeout = 5000');
    const started = Date.now();
    const deferred = a.transaction(() => {
      a.prepare('SELECT SUM(n) FROM t').get();
      b.prepare('INSERT INTO t VALUES (10)').run();
      a.prepare('INSERT INTO t VALUES (2)').run();
    });
    expect(() => deferred()).toThrow(/locked|busy/i);
    expect(Date.now() - started).toBeLessThan(4000); // refused without the busy timeout's wait
  });

  it('nests as a savepoint: an inner failure undoes only the inner writes', () => {
    const [a] = twoProcesses();
    writeTransaction(a, () => {
      a.prepare('INSERT INTO t VALUES (5)').run();
      expect(() =>
        writeTransaction(a, () => {
          a.prepare('INSERT INTO t VALUES (100)').run();
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect((a.prepare('SELECT SUM(n) AS s FROM t').get() as { s: number }).s).toBe(6);
  });
});
