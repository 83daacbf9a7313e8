import type { Migration } from './migration.js';

/**
 * What compaction removed, and history a template split could not divide.
 *
 * `compacted_ids`: runs of consecutive primary keys that compaction deleted from an
 * id-keyed table (app_logs, progress_snapshots). The row-level sync's look-back treats a
 * missing id as a row an open transaction may still commit; an id listed here is known to
 * have been taken and deleted on purpose, so it is neither re-read nor counted again.
 *
 * `sync_gaps`: runs of ids the row-level sync found missing below ids it had already read
 * (a transaction still open, or one rolled back), and when it first saw each. Every run
 * re-reads from the oldest one seen within the look-back, whatever the times written in the
 * rows around it: a line written with an old time (a late importer) must not make the sync
 * give up on a transaction that is still open.
 *
 * `log_templates.retired_at`: a template that was split into several events after part of
 * its history had become per-minute counts only (older than keepRawDays, or from a source
 * that aggregates). Those counts cannot be divided between the new templates, so they stay
 * on the old one, which the miner no longer matches new lines to.
 */
export const compactionMemory: Migration = {
  version: 10,
  name: 'compaction_memory',
  up: `
    CREATE TABLE compacted_ids (
      table_name TEXT NOT NULL,
      first_id   INTEGER NOT NULL,
      last_id    INTEGER NOT NULL,
      PRIMARY KEY (table_name, first_id)
    ) WITHOUT ROWID;
    CREATE INDEX compacted_ids_by_last ON compacted_ids (table_name, last_id);
    CREATE TABLE sync_gaps (
      table_name TEXT NOT NULL,
      first_id   INTEGER NOT NULL,
      last_id    INTEGER NOT NULL,
      seen_at    INTEGER NOT NULL,
      PRIMARY KEY (table_name, first_id)
    ) WITHOUT ROWID;
    ALTER TABLE log_templates ADD COLUMN retired_at INTEGER;
  `,
};
