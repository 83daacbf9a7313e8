/**
 * One row of each company table as every source delivers it to the store (the schema of
 * resources/mysql/company_schema.sql; times already converted to epoch ms).
 */
export interface LocationRow {
  location_id: number;
  location_name: string;
}
export interface OperatorRow {
  operator_id: number;
  operator_name: string;
  location_name: string;
  is_valid: 0 | 1;
  updated_at: number;
}
export interface CapabilityRow {
  capability_id: number;
  operator_id: number;
  process_name: string;
  skill_level: number;
  experience_months: number;
  average_speed: number;
  updated_at: number;
}
export interface SnapshotRow {
  snapshot_id: number;
  snapshot_time: number;
  location_name: string;
  business_id: string;
  process_name: string;
  expected_completion_time: number | null;
  total_waiting: number;
  entry_count: number;
  correction_waiting: number;
}
export interface AppLogRow {
  log_id: number;
  ts: number;
  service: string;
  host: string;
  level: string;
  message: string;
  trace_id: string | null;
}

/** How an operator's day stands in the planning system: planned (scheduled, paid leave) or as it went. */
export const ATTENDANCE_STATUSES = ['scheduled', 'present', 'absent', 'paid_leave', 'late'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One operator's day. Dates are the company's local calendar dates (YYYY-MM-DD); times epoch ms. */
export interface AttendanceRow {
  attendance_id: number;
  operator_id: number;
  attendance_date: string;
  attendance_status: AttendanceStatus;
  planned_start: number | null;
  planned_end: number | null;
  actual_start: number | null;
  actual_end: number | null;
  updated_at: number;
}
/** Who works what on a day: by hand (`manual`) or an approved Genba plan (`genba`, with its plan id). */
export interface DailyAssignmentRow {
  assignment_id: number;
  assignment_date: string;
  operator_id: number;
  location_name: string;
  process_name: string;
  business_id: string | null;
  start_time: number;
  end_time: number;
  assigned_by: 'genba' | 'manual';
  plan_id: string | null;
  updated_at: number;
}
/** Items received on a day for a site, business and process. */
export interface ArrivalRow {
  arrival_id: number;
  arrival_date: string;
  location_name: string;
  business_id: string;
  process_name: string;
  items: number;
  updated_at: number;
}
/** The company's own forecast of a day's items, where it makes one. */
export interface WorkloadForecastRow {
  forecast_id: number;
  forecast_date: string;
  location_name: string;
  business_id: string;
  process_name: string;
  forecast_items: number;
  updated_at: number;
}

export { COMPANY_TABLES, type CompanyTable } from '../api/companyTables.js';
import type { CompanyTable } from '../api/companyTables.js';

/** Primary key and columns of each local table: what every source must deliver. */
export const TABLE_COLUMNS: Record<CompanyTable, { key: string; columns: readonly string[] }> = {
  locations: { key: 'location_id', columns: ['location_id', 'location_name'] },
  operators: { key: 'operator_id', columns: ['operator_id', 'operator_name', 'location_name', 'is_valid', 'updated_at'] },
  operator_process_capabilities: {
    key: 'capability_id',
    columns: ['capability_id', 'operator_id', 'process_name', 'skill_level', 'experience_months', 'average_speed', 'updated_at'],
  },
  progress_snapshots: {
    key: 'snapshot_id',
    columns: [
      'snapshot_id',
      'snapshot_time',
      'location_name',
      'business_id',
      'process_name',
      'expected_completion_time',
      'total_waiting',
      'entry_count',
      'correction_waiting',
    ],
  },
  app_logs: { key: 'log_id', columns: ['log_id', 'ts', 'service', 'host', 'level', 'message', 'trace_id'] },
  attendance_records: {
    key: 'attendance_id',
    columns: [
      'attendance_id',
      'operator_id',
      'attendance_date',
      'attendance_status',
      'planned_start',
      'planned_end',
      'actual_start',
      'actual_end',
      'updated_at',
    ],
  },
  daily_assignments: {
    key: 'assignment_id',
    columns: [
      'assignment_id',
      'assignment_date',
      'operator_id',
      'location_name',
      'process_name',
      'business_id',
      'start_time',
      'end_time',
      'assigned_by',
      'plan_id',
      'updated_at',
    ],
  },
  arrivals: { key: 'arrival_id', columns: ['arrival_id', 'arrival_date', 'location_name', 'business_id', 'process_name', 'items', 'updated_at'] },
  workload_forecasts: {
    key: 'forecast_id',
    columns: ['forecast_id', 'forecast_date', 'location_name', 'business_id', 'process_name', 'forecast_items', 'updated_at'],
  },
};

/**
 * The planning system's tables (AIMEE v2.0): a company may not have them. Their absence is
 * recorded, not an error, and the answers that need them say what is missing.
 */
export const OPTIONAL_TABLES: ReadonlySet<CompanyTable> = new Set(['attendance_records', 'daily_assignments', 'arrivals', 'workload_forecasts']);
