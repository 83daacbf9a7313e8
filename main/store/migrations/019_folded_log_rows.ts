import type { Migration } from './migration.js';

/**
 * A log row of a grouped source (ClickHouse, MySQL with `aggregate`) may stand for an hour. Older than the minute window
 * (logs.keepMinuteDays), compaction folds a day's rows of one minute each into one row per local hour, host, service,
 * level, message shape and template (store/foldLogRows.ts), and a first sync inserts such days folded. `folded` = 1
 * marks them, so that a reader never guesses an hour from ts and last_ts: `ts` and `last_ts` stay the first and last
 * line, `lines` the count, and the per-minute counts (log_template_minutes) stay as they were. Row-level rows and
 * minute groups keep 0.
 */
export const foldedLogRows: Migration = {
  version: 19,
  name: 'folded_log_rows',
  up: `
    ALTER TABLE app_logs ADD COLUMN folded INTEGER NOT NULL DEFAULT 0;
  `,
};
