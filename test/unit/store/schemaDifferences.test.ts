import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../../../main/store/migration.js';
import { openStore } from '../../../main/store/openStore.js';
import { schemaDifferences } from '../../../main/store/schemaDifferences.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('schemaDifferences', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('finds none in a store upgraded one release at a time from any version, nor in one openStore creates', () => {
    // The doctor checks every store a manager has: one upgraded over many releases must compare equal.
    for (let from = 1; from < SCHEMA_VERSION; from++) {
      const path = join(dir.path, `from-${from}.sqlite`);
      const db = new Database(path);
      migrate(db, from);
      db.close();
      for (let v = from + 1; v <= SCHEMA_VERSION; v++) {
        const step = new Database(path);
        migrate(step, v);
        expect(schemaDifferences(step), `from ${from} to ${v}`).toEqual([]);
        step.close();
      }
    }
    const store = openStore(join(dir.path, 'fresh.sqlite'));
    expect(schemaDifferences(store)).toEqual([]);
    store.close();
  });

  it('names an extra, a missing and a redefined object; a different layout of the same definition does not count', () => {
    const db = new Database(':memory:');
    migrate(db);
    const sql = (name: string): string => (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    const outbox = sql('approval_outbox');
    db.exec('CREATE TRIGGER t AFTER DELETE ON meta BEGIN SELECT 1; END; DROP INDEX approval_outbox_due');
    db.exec('ALTER TABLE approval_outbox RENAME TO approval_outbox_old');
    const loose = outbox.replace("CHECK (action_type IN ('approved', 'rejected', 'modified'))", "DEFAULT 'approved'");
    expect(loose).not.toBe(outbox);
    db.exec(loose.replace(/\s+/g, '\n  '));
    expect(schemaDifferences(db)).toEqual([
      { change: 'extra', type: 'table', name: 'approval_outbox_old', table: 'approval_outbox_old' },
      { change: 'extra', type: 'index', name: 'sqlite_autoindex_approval_outbox_old_1', table: 'approval_outbox_old' },
      { change: 'extra', type: 'trigger', name: 't', table: 'meta' },
      { change: 'changed', type: 'table', name: 'approval_outbox', table: 'approval_outbox' },
      { change: 'missing', type: 'index', name: 'approval_outbox_due', table: 'approval_outbox' },
    ]);
    db.exec('DROP TABLE approval_outbox; DROP TRIGGER t; DROP TABLE approval_outbox_old');
    db.exec(outbox.replace(/\s+/g, '\n  ')); // only the layout differs
    db.exec('CREATE INDEX approval_outbox_due ON approval_outbox (delivered_at, next_attempt_at)');
    expect(schemaDifferences(db)).toEqual([]);
    db.close();
  });
});
