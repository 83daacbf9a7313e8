import type { CompanyTable } from '../store/companyRows.js';
import { TABLE_COLUMNS } from '../store/companyRows.js';
import { SyncError } from './syncError.js';

export type SyncGroup = 'masters' | 'progress' | 'planning' | 'logs';

/** How one company table is pulled. */
export interface TableSpec {
  table: CompanyTable;
  group: SyncGroup;
  /** The SELECT that reads it; configurable for companies whose schema differs. */
  select: string;
  /** Keyset columns, in order; together unique (the last is usually the primary key). */
  watermark: readonly string[];
  /** Columns holding DATETIMEs, converted to epoch ms in the company's zone. */
  times: readonly string[];
  /** Small master tables: their keys are compared every run so rows deleted upstream disappear here. */
  reconcileDeletes: boolean;
  /** The SELECT is the company's own (config.json's source.tables), not the default. */
  configured?: true;
  /** A planning table a company may not have (store/companyRows.ts OPTIONAL_TABLES): its absence is recorded, not an error. */
  optional?: true;
}

export const DEFAULT_TABLE_SPECS: readonly TableSpec[] = [
  {
    table: 'locations',
    group: 'masters',
    select: 'SELECT location_id, location_name FROM locations',
    watermark: ['location_id'],
    times: [],
    reconcileDeletes: true,
  },
  {
    table: 'operators',
    group: 'masters',
    select: 'SELECT operator_id, operator_name, location_name, is_valid, updated_at FROM operators',
    watermark: ['updated_at', 'operator_id'],
    times: ['updated_at'],
    reconcileDeletes: true,
  },
  {
    table: 'operator_process_capabilities',
    group: 'masters',
    select: 'SELECT capability_id, operator_id, process_name, skill_level, experience_months, average_speed, updated_at FROM operator_process_capabilities',
    watermark: ['updated_at', 'capability_id'],
    times: ['updated_at'],
    reconcileDeletes: true,
  },
  {
    table: 'progress_snapshots',
    group: 'progress',
    select: `SELECT snapshot_id, snapshot_time, location_name, business_id, process_name, expected_completion_time,
      total_waiting, entry_count, correction_waiting FROM progress_snapshots`,
    watermark: ['snapshot_id'],
    times: ['snapshot_time', 'expected_completion_time'],
    reconcileDeletes: false,
  },
  {
    table: 'app_logs',
    group: 'logs',
    select: 'SELECT log_id, ts, service, host, level, message, trace_id FROM app_logs',
    watermark: ['log_id'],
    times: ['ts'],
    reconcileDeletes: false,
  },
  // The planning tables change in place (a scheduled day becomes present or absent, an arrival count is corrected), so they follow
  // their change time like the masters; they are too long to compare whole every run, so a row deleted upstream stays here.
  // A group of their own, synced on the masters' schedule: a first build's first screen (the sites' progress) does not wait
  // for their 100k rows (firstLoad.ts).
  {
    table: 'attendance_records',
    group: 'planning',
    select: `SELECT attendance_id, operator_id, attendance_date, attendance_status, planned_start, planned_end, actual_start, actual_end, updated_at
      FROM attendance_records`,
    watermark: ['updated_at', 'attendance_id'],
    times: ['updated_at', 'planned_start', 'planned_end', 'actual_start', 'actual_end'],
    reconcileDeletes: false,
    optional: true,
  },
  {
    table: 'daily_assignments',
    group: 'planning',
    select: `SELECT assignment_id, assignment_date, operator_id, location_name, process_name, business_id, start_time, end_time, assigned_by, plan_id,
      updated_at FROM daily_assignments`,
    watermark: ['updated_at', 'assignment_id'],
    times: ['updated_at', 'start_time', 'end_time'],
    reconcileDeletes: false,
    optional: true,
  },
  {
    table: 'arrivals',
    group: 'planning',
    select: 'SELECT arrival_id, arrival_date, location_name, business_id, process_name, items, updated_at FROM arrivals',
    watermark: ['updated_at', 'arrival_id'],
    times: ['updated_at'],
    reconcileDeletes: false,
    optional: true,
  },
  {
    table: 'workload_forecasts',
    group: 'planning',
    select: 'SELECT forecast_id, forecast_date, location_name, business_id, process_name, forecast_items, updated_at FROM workload_forecasts',
    watermark: ['updated_at', 'forecast_id'],
    times: ['updated_at'],
    reconcileDeletes: false,
    optional: true,
  },
];

export const SYNC_GROUPS: readonly SyncGroup[] = ['masters', 'progress', 'planning', 'logs'];

/** The default specs with the company's own SELECTs and watermarks laid over them. */
export function tableSpecs(overrides: Partial<Record<CompanyTable, { select: string; watermark: string[] }>> = {}): TableSpec[] {
  return DEFAULT_TABLE_SPECS.map((spec) => {
    const o = overrides[spec.table];
    return o ? { ...spec, select: o.select, watermark: o.watermark, configured: true } : { ...spec };
  });
}

export function requiredColumns(table: CompanyTable): readonly string[] {
  return TABLE_COLUMNS[table].columns;
}

export function primaryKey(table: CompanyTable): string {
  return TABLE_COLUMNS[table].key;
}

/** An optional table missing at the source. The company's own SELECT for it failing is still an error: they said it exists. */
export function isAbsentOptional(spec: TableSpec, error: unknown): boolean {
  return spec.optional === true && !spec.configured && error instanceof SyncError && error.code === 'SOURCE_MISSING_TABLE';
}
