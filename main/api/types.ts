/**
 * Data shapes that cross the IPC boundary. Plain types only: the renderer imports this
 * file (type-only) and must not pull any Node code with it.
 */
export type Lang = 'ja' | 'en';

export type ProgressStatus = 'done' | 'on_track' | 'at_risk' | 'late' | 'stalled';

export interface ProcessProgress {
  site: string;
  process: string;
  businessId: string;
  snapshotTime: number;
  deadline: number | null;
  remaining: number;
  completedToday: number;
  /** Items per minute over the recent window; null when there is only one snapshot. */
  speedPerMinute: number | null;
  /** Items per minute needed from the snapshot on to meet the deadline. */
  requiredPerMinute: number | null;
  projectedFinish: number | null;
  /** Positive: minutes after the deadline; negative: minutes of slack. */
  minutesLate: number | null;
  status: ProgressStatus;
}

export interface SiteOverview {
  site: string;
  /** The worst status among its processes. */
  status: ProgressStatus;
  processes: ProcessProgress[];
  /** Remaining items per process over the day, for the trend chart. */
  trend: { times: number[]; series: { process: string; remaining: (number | null)[] }[] };
}

export interface Overview {
  now: number;
  timeZone: string;
  /** Time of the newest snapshot the overview is based on. */
  dataAsOf: number | null;
  sites: SiteOverview[];
}

export interface TableRows { table: string; rows: number }

export interface ModelFile { name: string; kind: 'gguf' | 'onnx'; sizeBytes: number }

export interface StatusInfo {
  version: string;
  dataDir: string;
  database: { path: string; sizeBytes: number; schemaVersion: number };
  source: { kind: 'demo'; seed: number };
  clock: { now: number; mode: 'system' | 'fixed' | 'demo' };
  tables: TableRows[];
  lastSync: number | null;
  dataAsOf: number | null;
  models: { dir: string; found: ModelFile[] };
  alertsPausedUntil: number | null;
}

export interface Settings { lang: Lang; timeZone: string }

export interface DemoResetResult { rows: Record<string, number>; elapsedMs: number }

/** Events the core pushes to the renderer. */
export type GenbaEvent =
  | { type: 'progress'; task: string; done: number; total: number }
  | { type: 'data-changed'; tables: string[] }
  | { type: 'alert'; id: string; kind: string; severity: 'info' | 'warning' | 'critical'; site: string | null; title: string }
  | { type: 'settings-changed'; settings: Settings };
