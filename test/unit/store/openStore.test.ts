import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../main/store/migration.js';
import { closeCheckedStore, openStore } from '../../../main/store/openStore.js';
import { StoreError } from '../../../main/store/storeError.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** `count` log lines of about a hundred bytes each, from `host`, in one transaction. */
function insertLogs(db: Database.Database, count: number, host: string): void {
  const insert = db.prepare('INSERT INTO app_logs (ts, service, host, level, message) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(i, 'entry-api', host, 'INFO', `message number ${i} ${'x'.repeat(80)}`);
  })();
}

/** A store with a table big enough to span many pages, closed and checkpointed. */
function filledStore(path: string): void {
  const db = openStore(path);
  insertLogs(db, 5000, 'h1');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('openStore', () => {
  const dirs: { remove: () => void }[] = [];
  const dir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('creates a new store in WAL mode at the latest schema and reopens it with its data', () => {
    const path = join(dir(), 'genba.sqlite');
    filledStore(path);
    const db = openStore(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT COUNT(*) FROM app_logs').pluck().get()).toBe(5000);
    db.close();
  });

  it('refuses a file that is not a database, in both languages, and leaves it untouched', () => {
    const path = join(dir(), 'genba.sqlite');
    writeFileSync(path, 'this is a spreadsheet, not a database\n'.repeat(100));
    const before = sha(path);
    const error = thrownBy(StoreError, () => openStore(path));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.messageIn('ja')).toContain('壊れています');
    expect(error.messageIn('en')).toContain('damaged');
    expect(sha(path)).toBe(before);
  });

  it('detects a damaged page inside an otherwise valid file and does not change it', () => {
    const path = join(dir(), 'genba.sqlite');
    filledStore(path);
    const pageSize = 4096;
    const fd = openSync(path, 'r+');
    // Overwrite a few b-tree pages in the middle of the table with garbage.
    writeSync(fd, Buffer.alloc(pageSize * 3, 0xa5), 0, pageSize * 3, pageSize * 20);
    closeSync(fd);
    const before = sha(path);
    expect(thrownBy(StoreError, () => openStore(path)).code).toBe('STORE_CORRUPT');
    expect(sha(path)).toBe(before);
  });

  it('refuses a store written by a newer Genba without modifying it', () => {
    const path = join(dir(), 'genba.sqlite');
    filledStore(path);
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha(path);
    const error = thrownBy(StoreError, () => openStore(path));
    expect(error.code).toBe('STORE_NEWER_VERSION');
    expect(error.messageIn('ja')).toContain('Genba を更新してください');
    expect(sha(path)).toBe(before);
  });

  it('reads a store through again whenever its file changed since Genba last checked it: a page damaged after a clean open is found', () => {
    const path = join(dir(), 'genba.sqlite');
    filledStore(path);
    // Two clean opens: the second finds the file as the first left it (the note beside it), and skips the full read.
    openStore(path).close();
    expect(readFileSync(`${path}-checked`, 'utf8')).toMatch(/^\d+:[\d.]+$/);
    openStore(path).close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096 * 20);
    closeSync(fd);
    // Another program's write changes the file's time: the note no longer matches and quick_check runs.
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect(thrownBy(StoreError, () => openStore(path)).code).toBe('STORE_CORRUPT');
  });

  it("notes the store as Genba's own clean close leaves it, so that the next open need not read it through; a plain close keeps the open's note", () => {
    const path = join(dir(), 'genba.sqlite');
    filledStore(path);
    const note = (): string => readFileSync(`${path}-checked`, 'utf8');
    const stamp = (): string => `${statSync(path).size}:${statSync(path).mtimeMs}`;
    let db = openStore(path);
    insertLogs(db, 2000, 'h2');
    db.close();
    // Closed without the note: the file grew after its open was noted, so the next open reads it through.
    expect(note()).not.toBe(stamp());
    db = openStore(path);
    insertLogs(db, 2000, 'h2');
    closeCheckedStore(db, path);
    expect(note()).toBe(stamp());
    db = openStore(path);
    expect(db.prepare('SELECT COUNT(*) FROM app_logs').pluck().get()).toBe(9000);
    db.close();
  });
});
