import type { Migration } from './migration.js';

/**
 * The local copy of the company tables (resources/mysql/company_schema.sql). Times are epoch milliseconds: the
 * sync converts the company's DATETIMEs from its configured time zone once, so every
 * comparison here is plain integer maths.
 */
export const companyMirror: Migration = {
  version: 1,
  name: 'company_mirror',
  up: `
    CREATE TABLE locations (
      location_id   INTEGER PRIMARY KEY,
      location_name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE operators (
      operator_id   INTEGER PRIMARY KEY,
      operator_name TEXT NOT NULL,
      location_name TEXT NOT NULL,
      is_valid      INTEGER NOT NULL DEFAULT 1 CHECK (is_valid IN (0, 1)),
      updated_at    INTEGER NOT NULL
    );
    CREATE INDEX operators_by_location ON operators (location_name, is_valid);
    CREATE TABLE operator_process_capabilities (
      capability_id     INTEGER PRIMARY KEY,
      operator_id       INTEGER NOT NULL,
      process_name      TEXT NOT NULL,
      skill_level       INTEGER NOT NULL CHECK (skill_level BETWEEN 1 AND 5),
      experience_months INTEGER NOT NULL CHECK (experience_months >= 0),
      average_speed     REAL NOT NULL CHECK (average_speed >= 0),
      updated_at        INTEGER NOT NULL
    );
    CREATE INDEX capabilities_by_process ON operator_process_capabilities (process_name, skill_level);
    CREATE INDEX capabilities_by_operator ON operator_process_capabilities (operator_id);
    CREATE TABLE progress_snapshots (
      snapshot_id              INTEGER PRIMARY KEY,
      snapshot_time            INTEGER NOT NULL,
      location_name            TEXT NOT NULL,
      business_id              TEXT NOT NULL,
      process_name             TEXT NOT NULL,
      expected_completion_time INTEGER,
      total_waiting            INTEGER NOT NULL,
      entry_count              INTEGER NOT NULL,
      correction_waiting       INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX snapshots_by_series ON progress_snapshots (location_name, process_name, business_id, snapshot_time);
    CREATE INDEX snapshots_by_time ON progress_snapshots (snapshot_time);
    CREATE TABLE app_logs (
      log_id   INTEGER PRIMARY KEY,
      ts       INTEGER NOT NULL,
      service  TEXT NOT NULL,
      host     TEXT NOT NULL,
      level    TEXT NOT NULL,
      message  TEXT NOT NULL,
      trace_id TEXT
    );
    CREATE INDEX app_logs_by_ts ON app_logs (ts);
  `,
};
