import type { AiServices, ModelOverrides } from './ai/aiServices.js';
import type { AlertService } from './alerts/alertService.js';
import type { EventBus } from './api/eventBus.js';
import type {
  Lang,
  LogFilter,
  LogTemplateDrillView,
  ModelImportReport,
  Overview,
  ProcessName,
  Settings,
  SettingsChange,
  StatusInfo,
  StorageReport,
} from './api/types.js';
import type { AppLog } from './applog/appLog.js';
import type { AssistantService, SaveFile } from './chat/assistantService.js';
import type { Clock, ClockMode } from './config/clock.js';
import type { GenbaConfig } from './config/config.js';
import type { SecretStore } from './config/secretStore.js';
import type { SafetyService } from './diagnostics/safetyService.js';
import type { LogIntelligence } from './logs/logIntelligence.js';
import type { CompactionReport, Retention } from './store/compactStore.js';
import type { PlanningService } from './plan/planningService.js';
import type { DataSourceService } from './sync/dataSourceService.js';
import type { LogsSourceSetting } from './sync/logsSourceSetting.js';
import type { SyncService, SyncServiceStatus } from './sync/syncService.js';
import type { HeldDecisions } from './sync/outbox.js';

export interface AppOptions {
  /** Defaults to the same folder as Electron's userData (see defaultDataDir). */
  dataDir?: string;
  /** Fixes the clock (epoch ms) for reproducible runs: `--now`. */
  now?: number;
  /** Overrides the configured language for this run: `--lang`. */
  lang?: Lang;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** Where the MySQL password lives: the OS secret store in the app, memory in the CLI. */
  secrets?: SecretStore;
  /** Sync in a worker thread (the app, so the UI never freezes) or in-process (CLI). */
  syncRunner?: 'worker' | 'inline';
  /** Whether start() waits for the first load of the demo company (CLI) or lets it run behind the window (app). */
  awaitFirstLoad?: boolean;
  /**
   * The first build of the demo company stores what the first screen needs (sites,
   * operators, progress) and leaves its planning tables (attendance, assignments, arrivals:
   * 100k rows) and its 241k log lines with their templates for later: the app's background
   * sync, or the next command. The overview and `genba status` are there in a fraction of the time.
   */
  firstScreenOnly?: boolean;
  /**
   * start() makes the names' readings before it resolves when the screens are in English (the app: the first screen
   * writes the names in Latin letters, not in Japanese for the few seconds their readings take). The CLI leaves them to
   * the commands that read names.
   */
  namesBeforeStart?: boolean;
  /** Models for this run only (`--intent-model` …), over the configured ones. */
  models?: ModelOverrides;
  /**
   * Asks the manager where to save a file and writes it (the app: a native save dialog).
   * Files are written here, never downloaded by the page. Resolves to the path, or null
   * when the manager cancels.
   */
  saveFile?: SaveFile;
  /** Asks the manager for a folder to read (the app: a native folder dialog); null when the manager cancels. */
  pickFolder?: () => Promise<string | null>;
}

/**
 * The app as the shells see it (Electron's IPC handlers, the CLI, the tests): the services
 * it built, and the few operations that span several of them.
 */
export interface GenbaApp extends SafetyService, LogsSourceSetting, Pick<DataSourceService, 'syncNow' | 'testSource' | 'saveSource' | 'useDemo' | 'resetDemo'> {
  dataDir: string;
  events: EventBus;
  log: AppLog;
  clock: Clock & { mode(): ClockMode };
  lang(): Lang;
  ai: AiServices;
  logs: LogIntelligence;
  /** A template's finer shapes and newest lines fetched from ClickHouse (null: the logs are not there). */
  drillTemplate(id: number, filter: LogFilter): Promise<LogTemplateDrillView | null>;
  alerts: AlertService;
  assistant: AssistantService;
  /** The processes of the local copy with their English names (Settings). */
  processNames(): ProcessName[];
  /** The manager's English name for a process (empty removes it); the list after. */
  saveProcessName(p: { process: string; nameEn: string }): ProcessName[];
  /** The workload forecast, its backtest and the staffing plan of the coming working days. */
  planning: PlanningService;
  /** Who decisions are recorded as: the approver's name in Settings, else the signed-in account of this machine. */
  approver(): string;
  config(): GenbaConfig;
  /** Opens the store; on first use of the demo company, loads it before returning. */
  start(): Promise<void>;
  /** The desktop app: sync on the schedule, starting now. */
  startBackgroundSync(): void;
  /** Stops the schedules, cancels a running sync, waits for a log refresh, unloads the models and closes the store. */
  stop(): Promise<void>;
  status(): StatusInfo;
  overview(): Overview;
  settings(): Settings;
  updateSettings(change: SettingsChange): Settings;
  /** The approval history as CSV, saved where the manager chooses (the app: a save dialog). */
  exportApprovals(): Promise<{ savedTo: string | null }>;
  /** Settings → Models: imports every model of a folder the manager picks, with its progress as events; null when cancelled. */
  importModels(): Promise<{ report: ModelImportReport | null }>;
  /** No notifications for `minutes` (see AlertService.pause). */
  pauseAlerts: AlertService['pause'];
  /** An approved threshold proposal (see AlertService.applyThreshold). */
  applyAlertThreshold: AlertService['applyThreshold'];
  /** Removes what retention no longer keeps (runs after every sync by itself); `override`: other limits for this run. */
  compact(override?: Partial<Retention>): Promise<CompactionReport>;
  /** Bytes per table and what retention would free now (`genba status`). */
  storage(override?: Partial<Retention>): StorageReport;
  /** Whether a sync runs, and how the last one went (tests, CLI shutdown). */
  syncStatus(): SyncServiceStatus;
  syncService: SyncService;
  /** Decisions a restore brought that this data folder did not seal: listed, and confirmed one by one (`genba confirm`). */
  heldDecisions: HeldDecisions;
}
