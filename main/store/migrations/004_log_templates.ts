import type { Migration } from './migration.js';

/** Mined log templates, their per-minute counts, embeddings and clusters; each log line points to its template. */
export const logTemplates: Migration = {
  version: 4,
  name: 'log_templates',
  up: `
    ALTER TABLE app_logs ADD COLUMN template_id INTEGER;
    CREATE INDEX app_logs_by_template ON app_logs (template_id, ts);
    CREATE TABLE log_templates (
      template_id INTEGER PRIMARY KEY,
      tokens      TEXT NOT NULL,
      template    TEXT NOT NULL,
      count       INTEGER NOT NULL,
      param_values TEXT NOT NULL,
      first_seen  INTEGER,
      last_seen   INTEGER,
      errors      INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE log_template_minutes (
      template_id INTEGER NOT NULL,
      minute      INTEGER NOT NULL,
      count       INTEGER NOT NULL,
      errors      INTEGER NOT NULL,
      PRIMARY KEY (template_id, minute)
    ) WITHOUT ROWID;
    CREATE INDEX log_template_minutes_by_minute ON log_template_minutes (minute);
    CREATE TABLE log_template_vectors (
      template_id INTEGER PRIMARY KEY,
      model       TEXT NOT NULL,
      vector      BLOB NOT NULL
    );
    CREATE TABLE log_clusters (
      cluster_id INTEGER PRIMARY KEY,
      label      TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE log_cluster_members (
      template_id INTEGER PRIMARY KEY,
      cluster_id  INTEGER NOT NULL
    );
  `,
};
