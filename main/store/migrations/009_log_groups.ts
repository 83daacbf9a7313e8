import type { Migration } from './migration.js';

/**
 * A log row may stand for several lines. A source that aggregates in its own engine
 * (ClickHouse) sends one row per minute, service, host, level and message shape: `lines`
 * says how many source lines it counts for, `last_ts` when the last of them was written
 * (`ts` is the first). Row-level sources keep lines = 1 and last_ts NULL, so every count
 * over app_logs is SUM(lines) and every latest time COALESCE(last_ts, ts).
 */
export const logGroups: Migration = {
  version: 9,
  name: 'log_groups',
  up: `
    ALTER TABLE app_logs ADD COLUMN lines INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE app_logs ADD COLUMN last_ts INTEGER;
  `,
};
