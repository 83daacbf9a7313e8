import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GENBA_APPLICATION_ID } from '../../../main/store/migrations/007_data_safety.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from '../../../main/store/migration.js';

const columns = (db: Database.Database, table: string): string[] => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 creates the company mirror with the columns of the company schema', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1)).toEqual([1]);
    expect(schemaVersion(db)).toBe(1);
    expect(columns(db, 'progress_snapshots')).toEqual([
      'snapshot_id',
      'snapshot_time',
      'location_name',
      'business_id',
      'process_name',
      'expected_completion_time',
      'total_waiting',
      'entry_count',
      'correction_waiting',
    ]);
    expect(columns(db, 'operator_process_capabilities')).toContain('average_speed');
    expect(columns(db, 'app_logs')).toEqual(['log_id', 'ts', 'service', 'host', 'level', 'message', 'trace_id']);
    expect(() => db.prepare('INSERT INTO operator_process_capabilities VALUES (1, 1, ?, 6, 1, 1, 0)').run('検証')).toThrow(/CHECK/);
    db.close();
  });

  it('002 adds sync state and meta, keeping the data of version 1', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.prepare('INSERT INTO locations VALUES (1, ?)').run('札幌');
    expect(migrate(db, 2)).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(columns(db, 'sync_state')).toEqual(['table_name', 'source_id', 'watermark', 'last_success_at', 'last_error', 'updated_at']);
    expect(columns(db, 'meta')).toEqual(['key', 'value']);
    expect(db.prepare('SELECT location_name FROM locations').pluck().get()).toBe('札幌');
    db.close();
  });

  it('003 adds the approval outbox, one decision per suggestion', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    expect(migrate(db, 3)).toEqual([3]);
    expect(columns(db, 'approval_outbox')).toEqual([
      'suggestion_id',
      'changes',
      'impact',
      'action_type',
      'action_user',
      'feedback_reason',
      'decided_at',
      'attempts',
      'next_attempt_at',
      'delivered_at',
      'delivered_to',
      'last_error',
    ]);
    const insert = db.prepare(`INSERT INTO approval_outbox (suggestion_id, changes, impact, action_type, action_user, decided_at, next_attempt_at)
      VALUES (?, '{}', '{}', ?, 'm', 0, 0)`);
    insert.run('s1', 'approved');
    expect(() => insert.run('s1', 'approved')).toThrow(/UNIQUE/);
    expect(() => insert.run('s2', 'maybe')).toThrow(/CHECK/);
    db.close();
  });

  it('004 adds log templates, minute counts, vectors and clusters, and a template id on every log line', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.prepare("INSERT INTO app_logs (log_id, ts, service, host, level, message) VALUES (1, 0, 's', 'h', 'INFO', 'kept')").run();
    expect(migrate(db, 4)).toEqual([4]);
    expect(columns(db, 'app_logs')).toContain('template_id');
    expect(db.prepare('SELECT message, template_id FROM app_logs').get()).toEqual({ message: 'kept', template_id: null });
    for (const t of ['log_templates', 'log_template_minutes', 'log_template_vectors', 'log_clusters', 'log_cluster_members'])
      expect(columns(db, t).length, t).toBeGreaterThan(1);
    db.close();
  });

  it('005 adds the alert history', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    expect(migrate(db, 5)).toEqual([5]);
    expect(columns(db, 'alerts')).toEqual([
      'alert_id',
      'dedupe_key',
      'kind',
      'severity',
      'site',
      'process',
      'title_ja',
      'title_en',
      'detail',
      'first_seen',
      'last_seen',
      'status',
      'resolved_at',
      'acknowledged_at',
      'snoozed_until',
      'notified_at',
    ]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO alerts (dedupe_key, kind, severity, title_ja, title_en, detail, first_seen, last_seen, status) VALUES ('k', 'x', 'urgent', '', '', '{}', 0, 0, 'open')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('006 adds proposals and the know-how tables, with a trigram full-text index kept by triggers', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 5);
    expect(migrate(db, 6)).toEqual([6]);
    expect(columns(db, 'proposals')).toEqual(['suggestion_id', 'created_at', 'data_as_of', 'question', 'proposal', 'status', 'decided_at']);
    db.prepare("INSERT INTO knowledge_documents (doc_id, title, sha256, text, added_at) VALUES (1, 't', 'h', 'x', 0)").run();
    db.prepare("INSERT INTO knowledge_chunks (doc_id, ord, text) VALUES (1, 0, '納期20分前は3名以上移動')").run();
    const hits = () => (db.prepare('SELECT COUNT(*) AS n FROM knowledge_fts WHERE knowledge_fts MATCH \'"分前は"\'').get() as { n: number }).n;
    expect(hits()).toBe(1);
    db.prepare('DELETE FROM knowledge_documents WHERE doc_id = 1').run(); // cascades to the chunks and their index rows
    expect(hits()).toBe(0);
    expect(() =>
      db.prepare("INSERT INTO proposals (suggestion_id, created_at, data_as_of, question, proposal, status) VALUES ('s', 0, 0, 'q', '{}', 'maybe')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it("007 marks the file as Genba's and gives a log line whose content changed back to mining, counted once", () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    expect(db.pragma('application_id', { simple: true })).toBe(0);
    expect(migrate(db, 7)).toEqual([7]);
    expect(db.pragma('application_id', { simple: true })).toBe(GENBA_APPLICATION_ID);
    db.prepare("INSERT INTO log_templates (template_id, tokens, template, count, param_values, errors) VALUES (1, '[]', 'a', 2, '{}', 1)").run();
    db.prepare('INSERT INTO log_template_minutes (template_id, minute, count, errors) VALUES (1, 60000, 2, 1)').run();
    db.prepare(
      "INSERT INTO app_logs (log_id, ts, service, host, level, message, template_id) VALUES (1, 60001, 's', 'h', 'ERROR', 'x', 1), (2, 60002, 's', 'h', 'INFO', 'y', 1)",
    ).run();
    db.prepare("UPDATE app_logs SET service = 't' WHERE log_id = 2").run(); // not content: stays mined
    db.prepare("UPDATE app_logs SET message = 'x2' WHERE log_id = 1").run();
    expect(db.prepare('SELECT log_id, template_id FROM app_logs ORDER BY log_id').all()).toEqual([
      { log_id: 1, template_id: null },
      { log_id: 2, template_id: 1 },
    ]);
    expect(db.prepare('SELECT count, errors FROM log_templates').get()).toEqual({ count: 1, errors: 0 });
    expect(db.prepare('SELECT count, errors FROM log_template_minutes').get()).toEqual({ count: 1, errors: 0 });
    db.close();
  });

  it('are idempotent: running again applies nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});
