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

export const COMPANY_TABLES = ['locations', 'operators', 'operator_process_capabilities', 'progress_snapshots', 'app_logs'] as const;
export type CompanyTable = (typeof COMPANY_TABLES)[number];

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
};
