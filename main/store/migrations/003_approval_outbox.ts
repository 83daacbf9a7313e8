import type { Migration } from './migration.js';

/**
 * Decisions are stored here first and delivered to the company's approval_history
 * afterwards, so none is lost while the company database is unreachable.
 */
export const approvalOutbox: Migration = {
  version: 3,
  name: 'approval_outbox',
  up: `
    CREATE TABLE approval_outbox (
      suggestion_id   TEXT PRIMARY KEY,
      changes         TEXT NOT NULL,
      impact          TEXT NOT NULL,
      action_type     TEXT NOT NULL CHECK (action_type IN ('approved', 'rejected', 'modified')),
      action_user     TEXT NOT NULL,
      feedback_reason TEXT,
      decided_at      INTEGER NOT NULL,
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      delivered_at    INTEGER,
      delivered_to    TEXT,
      last_error      TEXT
    );
    CREATE INDEX approval_outbox_due ON approval_outbox (delivered_at, next_attempt_at);
  `,
};
