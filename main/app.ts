import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { type AiServices, createAiServices, type ModelOverrides } from './ai/aiServices.js';
import { type AlertService, createAlertService } from './alerts/alertService.js';
import { type AssistantService, createAssistantService, type SaveFile } from './chat/assistantService.js';
import { createLogIntelligence, type LogIntelligence } from './logs/logIntelligence.js';
import { createEventBus, type EventBus } from './api/eventBus.js';
import type { Lang, Overview, Settings, StatusInfo } from './api/types.js';
import { appClock, type Clock, type ClockMode } from './config/clock.js';
import { type GenbaConfig, loadConfig } from './config/config.js';
import { updateConfig } from './config/updateConfig.js';
import { defaultDataDir, prepareDataDir } from './config/dataDir.js';
import { mineUnderSyncLock, unminedLines } from './logs/mineStoredLogs.js';
import { CLICKHOUSE_PASSWORD, memorySecretStore, MYSQL_PASSWORD, type SecretStore } from './config/secretStore.js';
import { GenbaError, describeError } from './errors.js';
import { type AppLog, createAppLog } from './applog/appLog.js';
import { computeOverview } from './placement/siteOverview.js';
import { compactStore, type CompactionReport, type Retention } from './store/compactStore.js';
import { storageReport } from './store/storageReport.js';
import type { StorageReport } from './api/types.js';
import { businessNames } from './placement/businessNames.js';
import { statusInfo } from './statusInfo.js';
import { CompanyRepository } from './store/companyRepository.js';
import { DB_FILE, openStoreForUse } from './store/openStoreForUse.js';
import { createSafetyService, type SafetyService } from './diagnostics/safetyService.js';
import { DEMO_ANCHOR_MS, DEMO_DEFINITION } from './sync/demo/demoDefinition.js';
import { hostSiteResolver } from './logs/logIncidents.js';
import { Outbox } from './sync/outbox.js';
import { createDataSourceService, type DataSourceService } from './sync/dataSourceService.js';
import { checkLogsSource } from './sync/checkLogsSource.js';
import { createSyncService, type SyncService, type SyncServiceStatus } from './sync/syncService.js';
import type { DecisionRecord } from './sync/syncSource.js';

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
   * operators, progress) and leaves its 241k log lines and their templates for later: the
   * app's background sync, or the next command. The overview and `genba status` are
   * there in a third of the time.
   */
  deferLogs?: boolean;
  /** Models for this run only (`--intent-model` …), over the configured ones. */
  models?: ModelOverrides;
  /**
   * Asks the manager where to save a file and writes it (the app: a native save dialog).
   * Files are written here, never downloaded by the page. Resolves to the path, or null
   * when the manager cancels.
   */
  saveFile?: SaveFile;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'manager';
  } catch {
    return 'manager';
  }
}

function notStarted(): GenbaError {
  return new GenbaError('APP_NOT_STARTED', { ja: 'アプリの起動処理が完了していません。', en: 'The app has not finished starting.' });
}

/**
 * The app as the shells see it (Electron's IPC handlers, the CLI, the tests): the services
 * it built, and the few operations that span several of them.
 */
export interface GenbaApp extends SafetyService, Pick<DataSourceService, 'syncNow' | 'testSource' | 'saveSource' | 'useDemo' | 'resetDemo'> {
  dataDir: string;
  events: EventBus;
  log: AppLog;
  clock: Clock & { mode(): ClockMode };
  lang(): Lang;
  ai: AiServices;
  logs: LogIntelligence;
  alerts: AlertService;
  assistant: AssistantService;
  /** Who records decisions: the signed-in user of this machine. */
  userName: string;
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
  updateSettings(change: { lang: Lang }): Settings;
  /**
   * Saves where the logs come from to config.json without reading the store first (used from
   * the next sync on; a store that is down today is still the right setting). A manager's
   * switch goes through switchLogsSource, which reads it first.
   */
  saveLogsSource(logs: GenbaConfig['logs']): void;
  /**
   * Switches to another log store only once it has been read (connect, describe, one minute
   * of groups): the first sync from it clears the old store's logs, so a table that does not
   * exist, a missing column or a refused password fails here and changes nothing.
   */
  switchLogsSource(logs: GenbaConfig['logs']): Promise<void>;
  /** A manager's decision: stored here first, then delivered to approval_history. */
  recordDecision(decision: DecisionRecord): void;
  /** The approval history as CSV, saved where the manager chooses (the app: a save dialog). */
  exportApprovals(): Promise<{ savedTo: string | null }>;
  pauseAlerts(minutes: number): { pausedUntil: number };
  /**
   * A threshold the assistant proposed, approved by the manager: written to the config (it
   * applies to every site). Refused when the setting is no longer the value it was proposed against.
   */
  applyAlertThreshold(change: { setting: 'alerts.productivityDropShare'; current: number; proposed: number }): {
    setting: 'alerts.productivityDropShare';
    previous: number;
    value: number;
  };
  /** Removes what retention no longer keeps (runs after every sync by itself); `override`: other limits for this run. */
  compact(override?: Partial<Retention>): Promise<CompactionReport>;
  /** Bytes per table and what retention would free now (`genba status`). */
  storage(override?: Partial<Retention>): StorageReport;
  /** Whether a sync runs, and how the last one went (tests, CLI shutdown). */
  syncStatus(): SyncServiceStatus;
  syncService: SyncService;
}

/** Composition root: builds every service from the config; nothing else reaches for globals. */
export function createApp(options: AppOptions = {}): GenbaApp {
  const dataDir = options.dataDir ?? defaultDataDir();
  prepareDataDir(dataDir);
  let config: GenbaConfig = loadConfig(dataDir);
  const secrets = options.secrets ?? memorySecretStore();
  const log = createAppLog(dataDir);
  const events: EventBus = createEventBus((error) => log.error('event listener failed', describeError(error)));
  const dbPath = join(dataDir, DB_FILE);
  const clock = appClock({ fixedNow: options.now, demoAnchor: DEMO_ANCHOR_MS, isDemo: () => config.source.kind === 'demo' });
  // --lang holds for the run until the manager picks a language in Settings.
  let langOverride = options.lang;
  const lang = (): Lang => langOverride ?? config.lang;

  let db: Database.Database | null = null;
  let closeStore: (() => void) | null = null;
  let repo: CompanyRepository | null = null;
  let outbox: Outbox | null = null;
  const sync: SyncService = createSyncService({
    runner: options.syncRunner ?? 'inline',
    events,
    log,
    lang,
    now: clock.now,
    schedule: () => config.sync,
    deliveryDue: () => outbox !== null && outbox.due(clock.now(), 1).length > 0,
    job: (kind, groups, opts) => ({
      kind,
      groups,
      dbPath,
      nativeBinding: options.nativeBinding,
      source: config.source,
      logs: config.logs,
      timeZone: config.timeZone,
      password: secrets.get(MYSQL_PASSWORD),
      logsPassword: secrets.get(CLICKHOUSE_PASSWORD) ?? '',
      hostSites: config.alerts.hostSites,
      batchSize: config.sync.batchSize,
      fixedNow: clock.fixed ? clock.now() : undefined,
      lookbackMs: config.sync.lookbackMinutes * 60_000,
      reset: opts.reset,
    }),
  });

  /** The sites overview at the clock's now: the Overview view, the alert rules and the assistant read the same. */
  const overviewNow = (): Overview => ({
    ...computeOverview(store().db, { now: clock.now(), timeZone: config.timeZone, ...config.overview }),
    businessNames: businessNames(config.placement.aliases, config.source.kind === 'demo' ? DEMO_DEFINITION.businesses : []),
  });

  const ai = createAiServices({ dataDir, config: () => config, overrides: options.models ?? {}, log, events, lang });
  const logs = createLogIntelligence({
    db: () => store().db,
    dataDir,
    now: clock.now,
    timeZone: () => config.timeZone,
    log,
    embeddings: ai.embeddings,
    embeddingModelDir: () => ai.embeddingModelDir(),
    describe: async (prompt) => {
      if (ai.llm.status().find((r) => r.role === 'answer')?.state === 'not_configured') throw new Error('no answer model');
      return (await ai.llm.generate('answer', prompt, { maxTokens: 80, temperature: 0.3 })).text;
    },
  });

  const alerts = createAlertService({
    db: () => store().db,
    now: clock.now,
    lang,
    config: () => config,
    events,
    log,
    overview: () => overviewNow(),
    lastSync: () => store().repo.lastSuccessfulSync(),
    anomalies: (window) => logs.anomalies(window),
    // The demo company's hosts carry its sites' labels (ocr-sapporo-01); a company's own
    // hosts are mapped in the config, or named after its locations.
    siteOfHost: () =>
      hostSiteResolver(
        config.alerts.hostSites,
        config.source.kind === 'demo'
          ? DEMO_DEFINITION.sites.map((x) => ({ name: x.name, label: x.host }))
          : store()
              .repo.locationNames()
              .map((name) => ({ name })),
      ),
    pausedUntil: () => {
      const v = store().repo.getMeta('alerts_paused_until');
      return v === null ? null : Number(v);
    },
  });
  /** The refresh started after a sync mined new lines; stop() waits for it before closing the store. */
  let logRefresh: Promise<unknown> = Promise.resolve();
  // New log lines mined by a sync get their vectors, index and families here, in the core:
  // the app and a continuous `genba sync` alike.
  events.on((e) => {
    if (e.type === 'data-changed' && e.tables.includes('log_templates') && db) {
      logRefresh = logs.refresh().catch((error: unknown) => log.error('log refresh failed', describeError(error)));
    }
  });
  // Alerts are evaluated after every sync, as well as on their own schedule.
  events.on((e) => {
    if (e.type === 'sync-finished' && db) {
      try {
        alerts.check();
      } catch (error) {
        log.error('alert check after sync failed', describeError(error));
      }
    }
  });
  const retention = (override: Partial<Retention> = {}): Retention => ({
    keepRawDays: config.logs.keepRawDays,
    keepAggregateDays: config.logs.keepAggregateDays,
    keepSnapshotDays: config.sync.keepSnapshotDays,
    timeZone: config.timeZone,
    ...override,
  });
  /**
   * Retention after each sync of the desktop app (its background schedule), once the new
   * lines are mined and indexed; stop() waits for it. A one-off `genba sync` leaves the copy
   * whole; `genba compact` runs it by hand.
   */
  let compaction: Promise<unknown> = Promise.resolve();
  let compactAfterSync = false;
  const compactNow = async (override?: Partial<Retention>): Promise<CompactionReport> => {
    const r = await compactStore(store().db, clock.now(), retention(override));
    if (r.rawLogs + r.minuteCounts + r.snapshots > 0) log.info('compaction', JSON.stringify(r));
    return r;
  };
  events.on((e) => {
    if (e.type === 'sync-finished' && db && compactAfterSync) {
      compaction = Promise.all([logRefresh, compaction])
        .then(() => (db ? compactNow() : null))
        .catch((error: unknown) => log.error('compaction failed', describeError(error)));
    }
  });

  const assistant = createAssistantService({
    db: () => store().db,
    dataDir,
    config: () => config,
    lang,
    now: clock.now,
    llm: ai.llm,
    embedder: logs.embedder,
    overview: () => overviewNow(),
    logs: { anomalies: (window) => logs.anomalies(window), search: (text, k) => logs.search(text, k) },
    alerts: () => alerts.list({ status: 'open' }),
    incidents: (site, window) => alerts.incidents(site, window),
    lastSync: () => store().repo.lastSuccessfulSync(),
    meta: { get: (key) => store().repo.getMeta(key), set: (key, value) => store().repo.setMeta(key, value) },
    // Written in the same transaction as the proposal's status; delivery starts once it is committed.
    record: (d) => store().outbox.record(d, clock.now()),
    deliver: () => sync.run('deliver', []).then((r) => r.delivery),
    events,
    log,
  });
  const recordDecision = (decision: DecisionRecord): void => {
    store().outbox.record(decision, clock.now());
    sync.run('deliver', []).catch(() => {});
  };
  const dataSource = createDataSourceService({
    config: () => config,
    setConfig: (change) => setConfig(change),
    secrets,
    sync,
    log,
    requireStore: () => void store(),
  });
  const sourceId = dataSource.sourceId;
  const safety = createSafetyService({
    dataDir,
    dbPath,
    nativeBinding: options.nativeBinding,
    lang,
    log,
    db: () => store().db,
    llm: ai.llm,
    embeddingModelDir: () => ai.embeddingModelDir(),
    testSource: () => dataSource.doctorCheck(),
  });
  const store = () => {
    if (!db || !repo || !outbox) throw notStarted();
    return { db, repo, outbox };
  };
  /** Changes config.json from the file as it is now (see updateConfig), and goes on with what was written. */
  const setConfig = (change: (current: GenbaConfig) => GenbaConfig): void => {
    config = updateConfig(dataDir, change);
  };

  return {
    dataDir,
    events,
    log,
    clock,
    lang,
    ai,
    logs,
    alerts,
    assistant,
    userName: safeUserName(),
    config: () => config,
    async start(): Promise<void> {
      if (db) return;
      const opened = openStoreForUse(dataDir, options.nativeBinding);
      db = opened.db;
      closeStore = opened.close;
      repo = new CompanyRepository(db);
      outbox = new Outbox(db);
      outbox.retryNow(clock.now());
      assistant.knowledge.ensureDefaults();
      log.info('started', `dataDir=${dataDir}`);
      // A demo company whose first build was cut short is built on, never used half-made.
      // A command that needs only the first screen does not build on a copy that already has it.
      const firstScreenOnly =
        options.deferLogs === true && repo.syncStates().some((x) => x.table === 'progress_snapshots' && x.sourceId === sourceId() && x.lastSuccessAt !== null);
      if (config.source.kind === 'demo' && !repo.isComplete(sourceId()) && !firstScreenOnly) {
        // Without the logs group the copy does not count as complete: the next run builds on.
        const first = options.deferLogs ? sync.run('sync', ['masters', 'progress']) : sync.run();
        if (options.awaitFirstLoad === false) first.catch(() => {});
        else await first;
      }
      // Lines whose mining was cut short (a killed command): mined now, before anything reads templates (the app's background sync does it there).
      const pending = options.awaitFirstLoad !== false && !options.deferLogs ? unminedLines(db) : 0;
      if (pending > 0) {
        const onProgress = (done: number): void => events.emit({ type: 'progress', task: 'mining', table: 'app_logs', done, total: pending });
        const mined = mineUnderSyncLock(db, dataDir, { nativeBinding: options.nativeBinding, onProgress });
        if (mined) log.info('log lines mined at start', `${mined.lines} lines, ${Math.round(mined.ms)} ms`);
      }
    },

    ...safety,
    startBackgroundSync(): void {
      compactAfterSync = true;
      sync.startSchedule();
      alerts.start();
      sync.run().catch(() => {});
      assistant.prepare().catch((error) => log.warn('assistant start-up work failed', describeError(error)));
      void safety.dailyBackup();
    },

    async stop(): Promise<void> {
      sync.stopSchedule();
      alerts.stop();
      await sync.cancel();
      await logRefresh;
      await compaction;
      await ai.dispose();
      closeStore?.();
      closeStore = null;
      db = repo = outbox = null;
    },

    status(): StatusInfo {
      const { db, repo, outbox } = store();
      return statusInfo({
        dataDir,
        dbPath,
        db,
        repo,
        outbox,
        config,
        sourceId: sourceId(),
        clock: { now: clock.now(), mode: clock.mode() },
        passwordStored: secrets.get(MYSQL_PASSWORD) !== null,
        sync: sync.status(),
      });
    },

    overview: overviewNow,

    settings: (): Settings => ({ lang: lang(), timeZone: config.timeZone }),

    updateSettings(change: { lang: Lang }): Settings {
      setConfig((c) => ({ ...c, lang: change.lang }));
      langOverride = undefined;
      const settings = { lang: config.lang, timeZone: config.timeZone };
      events.emit({ type: 'settings-changed', settings });
      return settings;
    },

    syncNow: dataSource.syncNow,
    testSource: dataSource.testSource,
    saveSource: dataSource.saveSource,
    saveLogsSource(logs) {
      setConfig((c) => ({ ...c, logs }));
      log.info('logs source saved', logs.kind);
    },
    async switchLogsSource(logs) {
      const checked = await checkLogsSource(logs, secrets.get(CLICKHOUSE_PASSWORD) ?? '', clock.now());
      setConfig((c) => ({ ...c, logs }));
      log.info('logs source checked and saved', `${logs.kind}${checked ? `, ${checked.lines} lines` : ''}`);
    },
    useDemo: dataSource.useDemo,
    resetDemo: dataSource.resetDemo,
    recordDecision,
    exportApprovals: () => assistant.exportApprovals(options.saveFile, clock.now()),

    pauseAlerts(minutes: number): { pausedUntil: number } {
      const pausedUntil = clock.now() + minutes * 60_000;
      store().repo.setMeta('alerts_paused_until', String(pausedUntil));
      return { pausedUntil };
    },
    applyAlertThreshold(change) {
      let previous = config.alerts.productivityDropShare;
      // Checked against the file as it is now: another window, process or hand edit may have changed it since the proposal.
      setConfig((c) => {
        previous = c.alerts.productivityDropShare;
        if (Math.abs(previous - change.current) > 1e-9)
          throw new GenbaError('THRESHOLD_CHANGED', {
            ja: `しきい値はこの提案の後に変わっています（現在 ${Math.round(previous * 100)}%）。もう一度アラートの改善を尋ねてください。`,
            en: `The threshold changed after this proposal (now ${Math.round(previous * 100)}%). Ask about the alerts again.`,
          });
        return { ...c, alerts: { ...c.alerts, productivityDropShare: change.proposed } };
      });
      log.info('alert threshold changed by the manager', `${change.setting}: ${previous} -> ${change.proposed}`);
      return { setting: change.setting, previous, value: change.proposed };
    },
    compact(override?: Partial<Retention>): Promise<CompactionReport> {
      // One compaction at a time: after the one a sync started, if any.
      const next = compaction.then(() => compactNow(override));
      compaction = next.catch(() => undefined);
      return next;
    },
    storage: (override?: Partial<Retention>) => storageReport(store().db, clock.now(), retention(override)),
    syncStatus: () => sync.status(),
    syncService: sync,
  } satisfies GenbaApp;
}
