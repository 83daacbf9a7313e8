import type { Migration } from './migration.js';

/** Alert history: one row per occurrence of a condition, from first seen to resolved. */
export const alerts: Migration = {
  version: 5,
  name: 'alerts',
  up: `
    CREATE TABLE alerts (
      alert_id        INTEGER PRIMARY KEY,
      dedupe_key      TEXT NOT NULL,
      kind            TEXT NOT NULL,
      severity        TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
      site            TEXT,
      process         TEXT,
      title_ja        TEXT NOT NULL,
      title_en        TEXT NOT NULL,
      detail          TEXT NOT NULL,
      first_seen      INTEGER NOT NULL,
      last_seen       INTEGER NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
      resolved_at     INTEGER,
      acknowledged_at INTEGER,
      snoozed_until   INTEGER,
      notified_at     INTEGER
    );
    CREATE INDEX alerts_by_key ON alerts (dedupe_key, status);
    CREATE INDEX alerts_by_status ON alerts (status, last_seen);
  `,
};
