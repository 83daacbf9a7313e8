import Database from 'better-sqlite3';
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../main/api/doctorTypes.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { storeDigest } from '../../helpers/storeDigest.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const genba = (dataDir: string, ...args: string[]) => runGenba([...args, '--data-dir', dataDir, '--now', ANCHOR]);
const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .*[:(]\d+/);

/** approval_outbox's CHECK on the kind of decision, as migration 3 wrote it. */
const ACTION_CHECK = "CHECK (action_type IN ('approved', 'rejected', 'modified'))";

/**
 * Backups changed the way issue 38 found them: each keeps every table and column Genba
 * expects (so the old recognition passed) and adds or changes one schema object.
 */
const TAMPERED: { name: string; object: string; change: (db: Database.Database) => void }[] = [
  {
    name: 'an added trigger that rewrites the next decision',
    object: 'reroute_decisions',
    change: (db) =>
      db.exec(`CREATE TRIGGER reroute_decisions AFTER INSERT ON approval_outbox BEGIN
        UPDATE approval_outbox SET action_user = 'mallory' WHERE suggestion_id = NEW.suggestion_id;
      END`),
  },
  { name: 'an added view', object: 'decisions_export', change: (db) => db.exec('CREATE VIEW decisions_export AS SELECT * FROM approval_outbox') },
  { name: 'an added table', object: 'exfil_queue', change: (db) => db.exec('CREATE TABLE exfil_queue (payload TEXT)') },
  {
    name: 'a table whose definition was changed (same columns, its CHECK gone)',
    object: 'approval_outbox',
    change: (db) => {
      // Rebuilt the way a tool would: the same columns and index, the table's text without the CHECK.
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'approval_outbox'").get() as { sql: string }).sql;
      expect(sql).toContain(ACTION_CHECK);
      db.transaction(() => {
        db.exec(sql.replace(ACTION_CHECK, '').replace('CREATE TABLE approval_outbox', 'CREATE TABLE approval_outbox_loose'));
        db.exec('INSERT INTO approval_outbox_loose SELECT * FROM approval_outbox; DROP TABLE approval_outbox');
        db.exec('ALTER TABLE approval_outbox_loose RENAME TO approval_outbox');
        db.exec('CREATE INDEX approval_outbox_due ON approval_outbox (delivered_at, next_attempt_at)');
      })();
      const changed = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'approval_outbox'").get() as { sql: string }).sql;
      expect(changed).not.toContain(ACTION_CHECK); // the change really happened
    },
  },
];

describe('restore and the doctor accept exactly the schema Genba creates', () => {
  const root = tempDir();
  const base = join(root.path, 'base');
  const good = join(root.path, 'good.sqlite');
  let n = 0;
  const copy = (): string => {
    const dir = join(root.path, `copy-${++n}`);
    cpSync(base, dir, { recursive: true });
    return dir;
  };
  /** The good backup with one change made to it. */
  const tampered = (t: (typeof TAMPERED)[number]): string => {
    const file = join(root.path, `tampered-${++n}.sqlite`);
    copyFileSync(good, file);
    const db = new Database(file);
    try {
      t.change(db);
    } finally {
      db.close();
    }
    return file;
  };
  /** A data folder whose store is `file`: what the doctor finds there. */
  const folderWith = (file: string): string => {
    const dir = join(root.path, `folder-${++n}`);
    mkdirSync(dir, { mode: 0o700 });
    copyFileSync(file, join(dir, 'genba.sqlite'));
    return dir;
  };
  const databaseCheck = (dir: string, lang: 'ja' | 'en' = 'ja') => {
    const r = genba(dir, 'doctor', '--json', '--lang', lang);
    return { code: r.code, check: (JSON.parse(r.stdout) as DoctorReport).checks.find((c) => c.id === 'database')! };
  };

  beforeAll(async () => {
    await copyDemoStore(base);
    const b = genba(base, 'backup', good);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
  }, 300_000);
  afterAll(() => root.remove());

  // Both languages for the first case; one each for the others (each run is a process start, and the texts are the same code).
  for (const [i, t] of TAMPERED.entries()) {
    it(`restore refuses a backup with ${t.name}, naming it, and changes nothing`, () => {
      const dir = copy();
      const file = tampered(t);
      const before = storeDigest(dir);
      const files = readdirSync(dir).sort();
      const ja = genba(dir, 'restore', file);
      expect(ja.code).toBe(1);
      expect(ja.stderr).toContain('復元に使えません');
      expect(ja.stderr).toContain(t.object);
      noStack(ja.stderr);
      if (i === 0) {
        const en = genba(dir, 'restore', file, '--lang', 'en');
        expect(en.code).toBe(1);
        expect(en.stderr).toContain('cannot be restored');
        expect(en.stderr).toContain(t.object);
      }
      expect(storeDigest(dir)).toEqual(before);
      expect(readdirSync(dir).sort()).toEqual(files);
    });

    it(`the doctor reports a store with ${t.name} as an error, naming it`, () => {
      const dir = folderWith(tampered(t));
      const en = databaseCheck(dir, 'en');
      expect(en.code).toBe(1);
      expect(en.check.status).toBe('error');
      expect(en.check.summary).toContain(t.object);
      if (i === 0) {
        const ja = databaseCheck(dir);
        expect(ja.check.status).toBe('error');
        expect(ja.check.summary).toContain(t.object);
      }
    });
  }

  it('the good backup still restores, and the doctor finds it sound', () => {
    const dir = copy();
    const r = genba(dir, 'restore', good);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(databaseCheck(dir).check.status).toBe('ok');
    expect(databaseCheck(folderWith(good)).check.status).toBe('ok');
  }, 120_000);
});
