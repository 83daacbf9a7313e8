import { ATTENDANCE_STATUSES, type CompanyTable } from './companyRows.js';

/**
 * What a value of one local column may be, once a source has converted it (times to epoch ms,
 * dates to 'YYYY-MM-DD'). The sync refuses a row with any other value (sync/checkRows.ts)
 * rather than write it: the local tables' constraints would stop the whole pull, and a value
 * they let through (a string in a count, bytes for a site's name) would reach the plan and
 * the rows an approval writes back.
 */
export type ColumnType =
  | { kind: 'integer'; min: number; max: number; nullable?: true }
  | { kind: 'real'; min: number; max: number; nullable?: true }
  /** `maxLength` in characters: the canonical company schema's VARCHAR, which a plan's row must fit when it is written back. */
  | { kind: 'text'; maxLength: number; values?: readonly string[]; nullable?: true }
  /** A calendar date, 'YYYY-MM-DD'. */
  | { kind: 'date'; nullable?: true }
  /** Epoch ms. */
  | { kind: 'time'; nullable?: true };

const INT_MAX = 2_147_483_647;
const id: ColumnType = { kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER };
const count: ColumnType = { kind: 'integer', min: 0, max: INT_MAX };
const time: ColumnType = { kind: 'time' };
const maybeTime: ColumnType = { kind: 'time', nullable: true };
const date: ColumnType = { kind: 'date' };
const site: ColumnType = { kind: 'text', maxLength: 50 };
const business: ColumnType = { kind: 'text', maxLength: 10 };
const process: ColumnType = { kind: 'text', maxLength: 100 };

/** Every column of every local table (the lengths are resources/mysql/company_schema.sql's). */
export const COLUMN_TYPES: Record<CompanyTable, Record<string, ColumnType>> = {
  locations: { location_id: id, location_name: site },
  operators: {
    operator_id: id,
    operator_name: { kind: 'text', maxLength: 100 },
    location_name: site,
    is_valid: { kind: 'integer', min: 0, max: 1 },
    updated_at: time,
  },
  operator_process_capabilities: {
    capability_id: id,
    operator_id: id,
    process_name: process,
    skill_level: { kind: 'integer', min: 1, max: 5 },
    experience_months: count,
    average_speed: { kind: 'real', min: 0, max: 1e9 },
    updated_at: time,
  },
  progress_snapshots: {
    snapshot_id: id,
    snapshot_time: time,
    location_name: site,
    business_id: business,
    process_name: process,
    expected_completion_time: maybeTime,
    total_waiting: count,
    entry_count: count,
    correction_waiting: count,
  },
  app_logs: {
    log_id: id,
    ts: time,
    // Log files name their own services and hosts: wider than the company's VARCHAR(64), and never written back.
    service: { kind: 'text', maxLength: 255 },
    host: { kind: 'text', maxLength: 255 },
    level: { kind: 'text', maxLength: 32 },
    // TEXT holds 64 KiB; a line longer than a million characters is no log line.
    message: { kind: 'text', maxLength: 1_000_000 },
    trace_id: { kind: 'text', maxLength: 255, nullable: true },
  },
  attendance_records: {
    attendance_id: id,
    operator_id: id,
    attendance_date: date,
    attendance_status: { kind: 'text', maxLength: 20, values: ATTENDANCE_STATUSES },
    planned_start: maybeTime,
    planned_end: maybeTime,
    actual_start: maybeTime,
    actual_end: maybeTime,
    updated_at: time,
  },
  daily_assignments: {
    assignment_id: id,
    assignment_date: date,
    operator_id: id,
    location_name: site,
    process_name: process,
    business_id: { ...business, nullable: true },
    start_time: time,
    end_time: time,
    assigned_by: { kind: 'text', maxLength: 10, values: ['genba', 'manual'] },
    plan_id: { kind: 'text', maxLength: 64, nullable: true },
    updated_at: time,
  },
  arrivals: { arrival_id: id, arrival_date: date, location_name: site, business_id: business, process_name: process, items: count, updated_at: time },
  workload_forecasts: {
    forecast_id: id,
    forecast_date: date,
    location_name: site,
    business_id: business,
    process_name: process,
    // DECIMAL(12, 2)
    forecast_items: { kind: 'real', min: 0, max: 1e10 },
    updated_at: time,
  },
};
