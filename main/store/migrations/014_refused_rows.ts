import type { Migration } from './migration.js';

/**
 * `sync_refused_rows`: company rows the sync did not copy because a value could not be one of
 * the local column's (a NULL where one is required, a date that is no date, text that is no
 * text), one per row: the table, its primary key as the company wrote it, the first bad
 * column and why, in each language (the status shows them in the manager's), and the row's
 * change time when it has one. The rest of the table syncs; the watermark passes the row, and
 * a fix at the company (a new change time) brings it in and removes it from here. Kept
 * outside sync_state so that a table's success does not hide its refused rows.
 */
export const refusedRows: Migration = {
  version: 14,
  name: 'refused_rows',
  up: `
    CREATE TABLE sync_refused_rows (
      table_name  TEXT NOT NULL,
      row_key     TEXT NOT NULL,
      column_name TEXT NOT NULL,
      reason_ja   TEXT NOT NULL,
      reason_en   TEXT NOT NULL,
      version     INTEGER,
      seen_at     INTEGER NOT NULL,
      PRIMARY KEY (table_name, row_key)
    ) WITHOUT ROWID;
  `,
};
