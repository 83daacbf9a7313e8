export type CheckStatus = 'ok' | 'warning' | 'error' | 'skipped';
export type CheckId = 'data_dir' | 'database' | 'backups' | 'index' | 'models' | 'gpu' | 'source';

export interface DoctorCheck {
  id: CheckId;
  status: CheckStatus;
  /** What was found, for the manager. */
  summary: string;
  /** What to do about it; null when nothing is needed. */
  fix: string | null;
  detail?: string;
  /** What `genba doctor --fix` may do about it: 'restore' only for real damage to the database. */
  repair?: 'restore';
}
export interface DoctorReport {
  at: number;
  ok: boolean;
  checks: DoctorCheck[];
}
