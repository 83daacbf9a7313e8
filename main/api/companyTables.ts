import type { Localized } from './localized.js';

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

/** What each company table holds, in a manager's words: an answer about the data's freshness names tables by these. */
export const COMPANY_TABLE_WORDS: Record<CompanyTable, Localized> = {
  locations: { ja: '拠点', en: 'sites' },
  operators: { ja: 'オペレーター', en: 'operators' },
  operator_process_capabilities: { ja: 'スキル', en: 'skills' },
  progress_snapshots: { ja: '進捗', en: 'progress' },
  app_logs: { ja: 'ログ', en: 'logs' },
  attendance_records: { ja: '勤怠', en: 'attendance' },
  daily_assignments: { ja: '日々の配置', en: 'daily assignments' },
  arrivals: { ja: '到着件数', en: 'arrivals' },
  workload_forecasts: { ja: '物量予測', en: 'workload forecasts' },
};
