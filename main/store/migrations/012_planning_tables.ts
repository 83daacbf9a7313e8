import type { Migration } from './migration.js';

/**
 * The local copy of the planning system's tables (AIMEE v2.0: attendance, daily
 * assignments, arrivals, the company's own forecasts). Dates are the company's local
 * calendar dates as 'YYYY-MM-DD' text, because a day is what planning counts; times are
 * epoch ms like everywhere else.
 *
 * `sync_state.absent`: the company database has no such table. The tables are optional,
 * so their absence is a state the status shows and the answers name, not a sync error.
 *
 * `plans`: the staffing plans Genba made (body: the plan as the manager saw it, JSON), open
 * until decided; a newer plan of the same day supersedes an open one.
 * `approval_outbox.assignments`: an approved plan's rows for the company's daily_assignments
 * (JSON), delivered in the same transaction as its approval_history row.
 */
export const planningTables: Migration = {
  version: 12,
  name: 'planning_tables',
  up: `
    CREATE TABLE attendance_records (
      attendance_id     INTEGER PRIMARY KEY,
      operator_id       INTEGER NOT NULL,
      attendance_date   TEXT NOT NULL,
      attendance_status TEXT NOT NULL CHECK (attendance_status IN ('scheduled', 'present', 'absent', 'paid_leave', 'late')),
      planned_start     INTEGER,
      planned_end       INTEGER,
      actual_start      INTEGER,
      actual_end        INTEGER,
      updated_at        INTEGER NOT NULL
    );
    CREATE INDEX attendance_by_date ON attendance_records (attendance_date, operator_id);
    CREATE INDEX attendance_by_operator ON attendance_records (operator_id, attendance_date);
    CREATE TABLE daily_assignments (
      assignment_id   INTEGER PRIMARY KEY,
      assignment_date TEXT NOT NULL,
      operator_id     INTEGER NOT NULL,
      location_name   TEXT NOT NULL,
      process_name    TEXT NOT NULL,
      business_id     TEXT,
      start_time      INTEGER NOT NULL,
      end_time        INTEGER NOT NULL,
      assigned_by     TEXT NOT NULL CHECK (assigned_by IN ('genba', 'manual')),
      plan_id         TEXT,
      updated_at      INTEGER NOT NULL
    );
    CREATE INDEX assignments_by_date ON daily_assignments (assignment_date, location_name);
    CREATE TABLE arrivals (
      arrival_id    INTEGER PRIMARY KEY,
      arrival_date  TEXT NOT NULL,
      location_name TEXT NOT NULL,
      business_id   TEXT NOT NULL,
      process_name  TEXT NOT NULL,
      items         INTEGER NOT NULL CHECK (items >= 0),
      updated_at    INTEGER NOT NULL
    );
    CREATE INDEX arrivals_by_series ON arrivals (location_name, business_id, process_name, arrival_date);
    CREATE INDEX arrivals_by_date ON arrivals (arrival_date);
    CREATE TABLE workload_forecasts (
      forecast_id    INTEGER PRIMARY KEY,
      forecast_date  TEXT NOT NULL,
      location_name  TEXT NOT NULL,
      business_id    TEXT NOT NULL,
      process_name   TEXT NOT NULL,
      forecast_items REAL NOT NULL CHECK (forecast_items >= 0),
      updated_at     INTEGER NOT NULL
    );
    CREATE INDEX workload_forecasts_by_date ON workload_forecasts (forecast_date);
    ALTER TABLE sync_state ADD COLUMN absent INTEGER NOT NULL DEFAULT 0 CHECK (absent IN (0, 1));
    CREATE TABLE plans (
      plan_id    TEXT PRIMARY KEY,
      plan_date  TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      status     TEXT NOT NULL CHECK (status IN ('open', 'approved', 'modified', 'rejected', 'superseded')),
      body       TEXT NOT NULL,
      decided_at INTEGER
    );
    CREATE INDEX plans_by_date ON plans (plan_date, status);
    ALTER TABLE approval_outbox ADD COLUMN assignments TEXT;
  `,
};
