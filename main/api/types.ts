/**
 * Data shapes that cross the IPC boundary. Plain types only: the renderer imports this
 * file (type-only) and must not pull any Node code with it.
 */
import type { ConsultRequest } from './consultReading.js';
import type { FloorDecision } from './floorDecision.js';
import type { Lang, Localized } from './localized.js';

export type { Lang };

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
  /** Done work: when it finished (its first snapshot with nothing left, after which it stayed at nothing); absent while work is left. */
  finishedAt?: number;
  /** The move a manager decided today for this work, with what it promised and what happened since; absent when none. */
  decision?: FloorDecision;
}

export interface SiteOverview {
  site: string;
  /** The worst status among its processes. */
  status: ProgressStatus;
  processes: ProcessProgress[];
  /**
   * The day's burn-down per process: the items left at each snapshot, with each process's
   * deadline and projected finish (the chart answers "will this work make its deadline?").
   */
  trend: { times: number[]; series: ProcessBurnDown[] };
  /** When every process is done: the first snapshot from which each one's items left stay at 0 (null while work is left, or unknown). */
  finishedAt: number | null;
}

/** One process of one business at a site through the day: the items left at each snapshot, its deadline, its status and projected finish. */
export interface ProcessBurnDown {
  businessId: string;
  process: string;
  status: ProgressStatus;
  deadline: number | null;
  /** Null when done or unknown. */
  projectedFinish: number | null;
  remaining: (number | null)[];
}

export interface Overview {
  now: number;
  timeZone: string;
  /** Time of the newest snapshot the overview is based on. */
  dataAsOf: number | null;
  /** Sites most urgent first (urgency.ts). */
  sites: SiteOverview[];
  /** Every late, stalled or at-risk row of every site, most urgent first: the 要対応 strip and `genba overview`. */
  urgent: ProcessProgress[];
  /** The whole company in one row, at the data's time: the first thing the screen shows. */
  summary: CompanySummary;
  /** Business id → its name, where known (businessNames.ts). */
  businessNames: Record<string, string>;
}

/** The company at a glance, from the latest snapshot of each process: items left, work at risk, the next deadline with work left. */
export interface CompanySummary {
  itemsLeft: number;
  /** Processes late, stalled or at risk (the 要対応 rows). */
  atRisk: number;
  /** Processes with work left. */
  open: number;
  nextDeadline: { at: number; site: string; process: string; businessId: string; remaining: number } | null;
}

export interface TableRows {
  table: string;
  rows: number;
}

export interface ModelFile {
  name: string;
  kind: 'gguf' | 'onnx';
  sizeBytes: number;
}

export type SourceInfo =
  | { kind: 'demo'; id: string; seed: number }
  | { kind: 'mysql'; id: string; host: string; port: number; database: string; user: string; tls: boolean; passwordStored: boolean };

/** An error as it crosses the IPC boundary or reaches stderr: a stable code, a message in the manager's language. */
export interface ErrorPayload {
  code: string;
  message: string;
}

/** A table's company rows the sync skipped: how many, and the first few (primary key, the first column the local copy cannot hold, and why). */
export interface RefusedRowsOfTable {
  table: string;
  rows: number;
  first: { key: string; column: string; why: Localized }[];
}

export interface SyncInfo {
  running: boolean;
  current: { table: string; rowsDone: number; rowsEstimated: number | null } | null;
  lastRun: { at: number; ok: boolean; rows: number; error: ErrorPayload | null } | null;
  tables: { table: string; sourceId: string; lastSuccessAt: number | null; lastError: string | null; absent: boolean }[];
  /** Company rows the sync skipped, per table. A fix at the company brings a row in. */
  refusedRows: RefusedRowsOfTable[];
  /** Decisions stored here and not yet in the company's approval_history. */
  pendingDecisions: number;
  failingDecisions: number;
  /** Of the pending, those a restore brought that this data folder did not seal: sent only once confirmed (genba confirm). */
  heldDecisions: number;
}

export interface StatusInfo {
  version: string;
  dataDir: string;
  database: { path: string; sizeBytes: number; schemaVersion: number };
  source: SourceInfo;
  /** Where the logs come from: the company database's app_logs (with the rest of its data), log files, or the company's ClickHouse. */
  logs: { kind: 'companyDatabase' } | { kind: 'files'; paths: string[] } | { kind: 'clickhouse'; id: string };
  clock: { now: number; mode: 'system' | 'fixed' | 'demo' };
  tables: TableRows[];
  /** The copy of the source is whole; false while the demo's logs wait for the next command or the app's background sync. */
  complete: boolean;
  lastSync: number | null;
  dataAsOf: number | null;
  sync: SyncInfo;
  models: { dir: string; found: ModelFile[] };
  alertsPausedUntil: number | null;
}

/** `genba status`: bytes per table (with its indexes) and what retention would remove now. */
export interface StorageReport {
  tables: { name: string; bytes: number }[];
  retention: { rawLogs: number; minuteCounts: number; snapshots: number; keepRawDays: number; keepAggregateDays: number; keepSnapshotDays: number };
}

/** The Settings → Data source form. The password is optional: empty keeps the stored one. */
export interface DataSourceForm {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  tls: boolean;
}

export interface SyncSummary {
  rows: number;
  tables: { table: string; rows: number; deleted: number; absent?: true }[];
  ms: number;
  delivered: number;
  /** Decisions that could not be delivered this time, and the cause of the last failure. */
  deliveryFailed: number;
  deliveryError: string | null;
  /** Log lines the log store received after an earlier run had passed their minute, counted now in their own minute; null: none. */
  lateLogLines: { lines: number; from: number } | null;
}

export interface Settings {
  lang: Lang;
  timeZone: string;
  /** Who decisions are recorded as: the name set in Settings, else this machine's account (`fromAccount`). */
  approver: { name: string; fromAccount: boolean };
}

/** What Settings may change (settings.update): the language, the approver's name (null or blank: this machine's account). */
export interface SettingsChange {
  lang?: Lang | undefined;
  approverName?: string | null | undefined;
}

/**
 * What people call one business (Settings → Business names): the name shown for its id and
 * the other names the assistant understands. `from`: who gave the name in use: the manager
 * in Settings, the data source (the demo company names its own), or nobody yet (null).
 */
export interface BusinessName {
  id: string;
  name: string | null;
  aliases: string[];
  /** Its English name, for English screens and answers (the manager's, else the source's); null: romanized from the name. */
  nameEn?: string | null;
  from: 'settings' | 'source' | null;
}

/** A process of the local copy and its English name: the manager's from Settings, else the declared vocabulary's (Entry 1), else none. */
export interface ProcessName {
  process: string;
  nameEn: string | null;
  /** The vocabulary's name, in force while the manager gives none (null: the name is romanized). */
  defaultEn: string | null;
}

export interface DemoResetResult {
  rows: Record<string, number>;
  elapsedMs: number;
}

export type ModelRole = 'intent' | 'answer' | 'embedding';

export interface ModelsStatus {
  modelsDir: string;
  /** llama.cpp's accelerator (cuda, metal, vulkan, cpu) and threads; null until a model ran. */
  backend: { backend: string; threads: number } | null;
  roles: {
    role: 'intent' | 'answer';
    path: string | null;
    state: 'not_configured' | 'missing' | 'on_disk' | 'loading' | 'loaded' | 'error';
    sizeBytes: number | null;
    architecture: string | null;
    loadProgress: number | null;
    error: ErrorPayload | null;
  }[];
  embedding: { modelDir: string | null; state: 'not_configured' | 'missing' | 'on_disk' | 'loading' | 'ready' | 'error'; dim: number | null };
  catalog: {
    name: string;
    role: ModelRole;
    kind: 'gguf' | 'onnx';
    path: string;
    present: boolean;
    sizeBytes: number | null;
    sizeLabel: string;
    description: Localized;
  }[];
}

/** What Settings → Models → import from a folder did with each model it found there (a USB stick, a share). */
export interface ModelImportReport {
  folder: string;
  files: {
    /** The GGUF file's or the ONNX model folder's name in the folder. */
    file: string;
    kind: 'gguf' | 'onnx';
    /** The catalogue's name of the model, when it is one of them. */
    name: string | null;
    outcome: 'imported' | 'refused';
    /** The file's sha256, and whether it matched the one listed for it: in the folder's SHA256SUMS or in the catalogue. */
    sha256: string | null;
    verified: boolean;
    /** Whether the folder's SHA256SUMS lists the file. */
    listed: boolean;
    sizeBytes: number;
    /** RAM the model needs on the CPU with the configured context, against this machine's memory (GGUF only). */
    memory: { needBytes: number; machineBytes: number } | null;
    /** Why it was refused, in the manager's words. */
    reason: Localized | null;
  }[];
}

export interface ModelTestResult {
  role: ModelRole;
  text: string;
  tokens: number;
  ms: number;
  firstTokenMs: number | null;
  tokensPerSecond: number;
  backend: string;
}

export interface LogTemplateSummary {
  id: number;
  template: string;
  /** Its lines and errors: all of them, or where a filter narrows the list, those that match it. */
  count: number;
  errors: number;
  firstSeen: number | null;
  lastSeen: number | null;
  clusterId: number | null;
  sparkline: number[];
}
export interface LogTemplateDetail extends LogTemplateSummary {
  samples: { ts: number; service: string; host: string; level: string; message: string }[];
  /** `name`: inferred from the text before the variable (queue, user), null when nothing names it. */
  parameters: { position: number; name: string | null; values: { value: string; count: number }[] | null }[];
  /**
   * What a value's count counts: lines, or, for logs a server grouped (ClickHouse, MySQL with
   * `aggregate`), the messages sampled from the groups (one or two per shape and span), not lines.
   */
  valuesCount: 'lines' | 'samples';
}
/** A template's detail as the log store that aggregates holds it (ClickHouse): what the laptop does not keep. */
export interface LogTemplateDrill {
  /** Its finer shapes (digits kept one for one, so a value's length shows), most lines first. */
  shapes: { sample: string; lines: number; first: number; last: number }[];
  /** Shapes beyond those listed. */
  moreShapes: number;
  /** Its newest lines, newest first. */
  lines: { ts: number; service: string; host: string; level: string; message: string }[];
  /** Lines of the template from `shapesFrom` to the window's end, narrowed, as the store counts them. */
  total: number;
  /**
   * Where the shapes and the total start: the window's start, or later when the window holds more
   * of the template's lines than a drill-down reads (the newest of them, by the laptop's counts).
   */
  shapesFrom: number;
  /**
   * The template has more shapes in the window than one drill-down looks for (200, or a message
   * too long to send): the shapes, lines and total are of those it looked for, a lower bound.
   */
  partial: boolean;
}
/** A drill-down as the Logs view shows it: the store it was fetched from, and the range. */
export interface LogTemplateDrillView extends LogTemplateDrill {
  /** host:port/database.table (no user, no password). */
  store: string;
  from: number;
  to: number;
}
/** Log lines per time bucket and level over a window: the Logs view's volume chart. */
export interface LogVolume {
  from: number;
  to: number;
  bucketMinutes: number;
  buckets: { at: number; ERROR: number; WARN: number; INFO: number; DEBUG: number }[];
}
export interface LogSearchHit extends LogTemplateSummary {
  score: number;
  sample: string | null;
}
export interface LogScatterPoint {
  id: number;
  x: number;
  y: number;
  clusterId: number | null;
  count: number;
  anomalous: boolean;
  template: string;
}
/** Some templates' lines: the templates that have any, their lines, and the lines' trend. */
export interface FamilyLines {
  templates: number[];
  lines: number;
  trend: number[];
}
export interface LogCluster extends FamilyLines {
  id: number;
  label: string;
}
export type LogAnomalyKind = 'new_template' | 'spike' | 'dip' | 'outlier' | 'error_burst';
export interface LogAnomaly {
  kind: LogAnomalyKind;
  severity: 'warning' | 'critical';
  templateId: number | null;
  service: string | null;
  template: string | null;
  firstSeen: number;
  lastSeen: number;
  count: number;
  score: number | null;
  samples: string[];
  explanation: Localized;
}
export interface LogAnomalyReport {
  now: number;
  windowMinutes: number;
  warmup: boolean;
  anomalies: LogAnomaly[];
}
/** Narrows template listing and search to templates with at least one line that matches, counted by those lines; epoch ms. */
export interface LogFilter {
  service?: string | undefined;
  host?: string | undefined;
  level?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | undefined;
  from?: number | undefined;
  to?: number | undefined;
}
/** Anomalies that belong together (same service or host, near in time): one alert, not one per signal. */
export interface LogIncident {
  /** Stable while the incident lasts: its main service and the minute it began. */
  id: string;
  /** Where its burst began (epoch ms), possibly before the anomaly window. */
  start: number;
  end: number;
  /** Most lines first. */
  services: string[];
  hosts: string[];
  /** Sites its hosts serve, where known. */
  sites: string[];
  /**
   * Its lines since `start` (through the report's now), wherever the count is shown, and the
   * median over the same span of the day on the previous 7 days.
   */
  lines: number;
  /** Of `lines`, those at level ERROR. */
  errorLines: number;
  usualLines: number;
  severity: 'warning' | 'critical';
  anomalies: LogAnomaly[];
  samples: string[];
}
/** `genba logs incidents`: the incidents of now, each with the drops in speed it likely caused. */
export interface IncidentReport {
  now: number;
  warmup: boolean;
  incidents: (LogIncident & { affects: IncidentKpiLink[] })[];
}
/** `genba logs timeline`: a site's speed, its incidents and its hosts' log lines on one time axis. */
export interface SiteTimeline {
  site: string;
  from: number;
  to: number;
  /** Items per minute between consecutive snapshots, per process and business. */
  processes: { process: string; businessId: string; points: { at: number; perMinute: number }[] }[];
  incidents: (LogIncident & { affects: IncidentKpiLink[] })[];
  /** Lines and errors per bucket (bucketMinutes) from the hosts that serve the site. */
  logs: { at: number; lines: number; errors: number }[];
  /** 5; 60 where the window reaches log rows kept per hour (older than logs.keepMinuteDays). */
  bucketMinutes: number;
  hosts: string[];
  /** A template asked for (the Logs view's selection): its lines per bucket, from every host. */
  template?: { id: number; text: string; points: { at: number; lines: number }[] } | null;
}
/** An incident that began before a drop in a site's speed: its likely cause, with the numbers. */
export interface IncidentKpiLink {
  incidentId: string;
  site: string;
  process: string;
  businessId: string;
  /** Items per minute before the incident began, and since the drop. */
  speedBefore: number;
  speedAfter: number;
  /** When the speed first fell (epoch ms). */
  dropAt: number;
}
export interface LogsRefresh {
  mined: number;
  newTemplates: number;
  embedded: number;
  rebuilt: string | null;
  clusters: number;
  model: string;
}

export type { AlertKind } from './alertKinds.js';
import type { AlertKind } from './alertKinds.js';
export interface Alert {
  id: number;
  kind: AlertKind;
  severity: 'warning' | 'critical';
  site: string | null;
  process: string | null;
  title: string;
  /** The title in both languages: the chat answers in the question's language, whatever the screens' is. */
  titles?: Localized;
  detail: Record<string, unknown>;
  firstSeen: number;
  lastSeen: number;
  status: 'open' | 'resolved';
  resolvedAt: number | null;
  acknowledgedAt: number | null;
  snoozedUntil: number | null;
  /** When the data behind it was current. */
  dataAsOf: number | null;
  /** What to ask the assistant to fix it: the words for the conversation and the reading the chat answers. */
  request: ConsultRequest | null;
  /** When what it reports began (an incident's first line, else when the alert was first seen). */
  startedAt: number;
  /**
   * Whether startedAt is when the thing began (an incident's first line), or only when a check first saw it (a delay, a
   * drop in speed): the screens say 「発生」 for the one and 「検知」 for the other, never "began just now" for a delay that built up.
   */
  startKnown: boolean;
  /** The decision taken on the work it is about, with its outcome so far; null when none. */
  decision: FloorDecision | null;
}
export interface AlertCheck {
  opened: number;
  updated: number;
  resolved: number;
  notified: number;
  open: Alert[];
}

/** Events the core pushes to the renderer. */
export type GenbaEvent =
  | { type: 'progress'; task: string; done: number; total: number; table?: string }
  | { type: 'sync-finished'; ok: boolean; rows: number; error: ErrorPayload | null }
  | { type: 'data-changed'; tables: string[] }
  | { type: 'alert'; id: number; kind: AlertKind; severity: 'warning' | 'critical'; site: string | null; title: string; openCount: number }
  | { type: 'alerts-changed'; openCount: number }
  /** A notification was clicked: show that alert. */
  | { type: 'open-alert'; id: number }
  | { type: 'settings-changed'; settings: Settings }
  | { type: 'llm-chunk'; role: ModelRole; text: string }
  /** A piece of the streamed chat answer for the request with this id. */
  | { type: 'chat-chunk'; requestId: string; text: string }
  /** The stage a chat request has reached (the chat shows 意図 → データ → 最適化 → 説明). */
  | { type: 'chat-stage'; requestId: string; stage: ChatStage };

export type ChatStage = 'intent' | 'data' | 'optimize' | 'answer';
