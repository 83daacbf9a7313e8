import type { Migration } from './migration.js';

/** Where each table's sync stands, and small app-wide facts (e.g. which demo seed). */
export const syncState: Migration = {
  version: 2,
  name: 'sync_state',
  up: `
    CREATE TABLE sync_state (
      table_name      TEXT PRIMARY KEY,
      source_id       TEXT NOT NULL,
      watermark       TEXT,
      last_success_at INTEGER,
      last_error      TEXT,
      updated_at      INTEGER NOT NULL
    );
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
