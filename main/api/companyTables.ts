/** The company tables Genba reads, declared once: the local copy (store/companyRows.ts) and the config's own SELECTs follow it. */
export const COMPANY_TABLES = [
  'locations',
  'operators',
  'operator_process_capabilities',
  'progress_snapshots',
  'app_logs',
  'attendance_records',
  'daily_assignments',
  'arrivals',
  'workload_forecasts',
] as const;
export type CompanyTable = (typeof COMPANY_TABLES)[number];
