import { join } from 'node:path';
import { createAiServices } from './ai/aiServices.js';
import { createAlertService } from './alerts/alertService.js';
import { createAssistantService } from './chat/assistantService.js';
import { createLogIntelligence } from './logs/logIntelligence.js';
import { createTemplateDrill } from './sync/templateDrill.js';
import { createEventBus } from './api/eventBus.js';
import { createAppEnv } from './config/appEnv.js';
import { defaultDataDir, prepareDataDir } from './config/dataDir.js';
import { createAppSettings } from './config/appSettings.js';
import { memorySecretStore, mysqlPasswordStored } from './config/secretStore.js';
import { describeError } from './errors.js';
import { createAppLog } from './applog/appLog.js';
import { storageReport } from './store/storageReport.js';
import { createProcessNameSettings } from './chat/processNameSettings.js';
import { overviewNow } from './placement/overviewNow.js';
import { createPlanningService } from './plan/planningService.js';
import { statusInfo } from './statusInfo.js';
import { DB_FILE } from './store/openStoreForUse.js';
import { createStoreHandle } from './store/storeHandle.js';
import { createSafetyService } from './diagnostics/safetyService.js';
import { DEMO_ANCHOR_MS, placementDistancesKm } from './sync/demo/demoDefinition.js';
import { hostSiteResolver } from './logs/siteHosts.js';
import { knownSiteHosts } from './sync/knownSiteHosts.js';
import { Outbox } from './store/approvalOutbox.js';
import { decisionOutbox } from './sync/outbox.js';
import { createDataSourceService } from './sync/dataSourceService.js';
import { createLogsSourceSetting } from './sync/logsSourceSetting.js';
import { createSyncService } from './sync/syncService.js';
import { deliveryDue } from './sync/deliveryDue.js';
import { jobFromConfig } from './sync/jobFromConfig.js';
import { createAfterSync, retentionOf } from './sync/afterSync.js';
import { firstLoad } from './sync/firstLoad.js';
import type { AppOptions, GenbaApp } from './genbaApp.js';

export type { AppOptions, GenbaApp } from './genbaApp.js';

/**
 * Composition root: builds every service from the config and says how they connect; each
 * behaviour lives in the service that owns it. Nothing else reaches for globals.
 */
export function createApp(options: AppOptions = {}): GenbaApp {
  const dataDir = options.dataDir ?? defaultDataDir();
  prepareDataDir(dataDir);
  const env = createAppEnv(dataDir, { fixedNow: options.now, lang: options.lang, demoAnchor: DEMO_ANCHOR_MS });
  const { clock, lang, config, setConfig } = env;
  const secrets = options.secrets ?? memorySecretStore();
  const log = createAppLog(dataDir);
  const events = createEventBus((error) => log.error('event listener failed', describeError(error)));
  const dbPath = join(dataDir, DB_FILE);
  const store = createStoreHandle(dataDir, options.nativeBinding);
  const outbox = () => new Outbox(store.db());
  const job = jobFromConfig(env, secrets, { dbPath, nativeBinding: options.nativeBinding });
  const sync = createSyncService({
    runner: options.syncRunner ?? 'inline',
    events,
    log,
    env,
    schedule: () => config().sync,
    deliveryDue: () => deliveryDue(store.isOpen, outbox, clock.now()),
    job,
  });
  const dataSource = createDataSourceService({ env, secrets, sync, log, requireStore: () => void store.db() });
  const overview = () => overviewNow(store.db(), env);
  const distancesKm = () => placementDistancesKm(config());
  // The site a log host serves (ocr-sapporo-01 is Sapporo's; alerts.hostSites maps a company's own): the alerts' and the chat's.
  const siteOfHost = () => hostSiteResolver(knownSiteHosts(config(), store.repo()));
  const decisions = decisionOutbox(store.db, clock.now, () => sync.run('deliver', []).then((r) => r.delivery), dataDir);
  const appSettings = createAppSettings(env, events);
  const { approver } = appSettings;
  const planning = createPlanningService({ db: store.db, env, distancesKm, businessNames: () => overview().businessNames, approver, ...decisions });
  const ai = createAiServices({ dataDir, env, overrides: options.models ?? {}, log, events });
  const logs = createLogIntelligence({
    db: store.db,
    dataDir,
    env,
    log,
    embeddings: ai.embeddings,
    embeddingModelDir: () => ai.embeddingModelDir(),
    describe: (prompt) => ai.describe(prompt),
  });
  const meta = { get: (key: string) => store.repo().getMeta(key), set: (key: string, value: string) => store.repo().setMeta(key, value) };
  const alerts = createAlertService({
    env,
    setConfig,
    db: store.db,
    events,
    log,
    overview,
    lastSync: () => store.repo().lastSuccessfulSync(),
    latinNames: () => assistant.latinNames(),
    anomalies: (window) => logs.anomalies(window),
    meta,
    siteOfHost,
  });
  const afterSync = createAfterSync({
    events,
    log,
    isOpen: store.isOpen,
    db: store.db,
    env,
    refreshLogs: () => logs.refresh(),
    checkAlerts: () => void alerts.check(),
  });
  const assistant = createAssistantService({
    db: store.db,
    dataDir,
    env,
    llm: ai.llm,
    embedder: logs.embedder,
    overview,
    logs: {
      anomalies: (window) => logs.anomalies(window),
      search: (text, k) => logs.search(text, k),
      warnings: (named, window) => logs.warnings(named, window),
    },
    alerts: () => alerts.list({ status: 'open' }),
    incidents: (site, window, reads) => alerts.incidents(site, window, reads),
    lastSync: () => store.repo().lastSuccessfulSync(),
    meta,
    ...decisions,
    distancesKm,
    siteOfHost,
    plan: (date, conditions, store) => planning.forQuestion(date, conditions, store),
    events,
    log,
    decided: () => alerts.afterDecision(),
  });
  const safety = createSafetyService({
    dataDir,
    dbPath,
    nativeBinding: options.nativeBinding,
    env,
    log,
    db: store.db,
    llm: ai.llm,
    embeddingModelDir: () => ai.embeddingModelDir(),
    testSource: () => dataSource.doctorCheck(),
  });
  return {
    ...safety,
    heldDecisions: decisions.held,
    dataDir,
    events,
    log,
    clock,
    lang,
    ai,
    logs,
    drillTemplate: createTemplateDrill({ db: store.db, repo: store.repo, job: () => job('sync', [], {}), now: clock.now }),
    alerts,
    assistant,
    planning,
    approver,
    config,
    async start() {
      if (!store.open()) return;
      decisions.atStart();
      assistant.knowledge.ensureDefaults();
      log.info('started', `dataDir=${dataDir}`);
      const at = { db: store.db(), repo: store.repo(), dataDir, nativeBinding: options.nativeBinding, source: config().source, now: clock.now() };
      await firstLoad({ ...at, sourceId: dataSource.sourceId(), sync, events, log }, options);
      if (options.namesBeforeStart) await assistant.namesForScreens();
    },
    startBackgroundSync() {
      afterSync.compactAfterEachSync();
      sync.startSchedule();
      alerts.start();
      const first = sync.run();
      assistant.prepare().catch((error) => log.warn('assistant start-up work failed', describeError(error)));
      // The plan is warmed on the inputs it will plan with: after this sync, which brings a first build's planning tables.
      void first.catch(() => null).then(() => planning.warm());
      void safety.dailyBackup();
    },
    async stop() {
      sync.stopSchedule();
      alerts.stop();
      await sync.cancel();
      await afterSync.idle();
      await ai.dispose();
      store.close();
    },
    status: () =>
      statusInfo({
        ...{ dataDir, dbPath, env, store, outbox: outbox(), sourceId: dataSource.sourceId(), sync: sync.status() },
        passwordStored: mysqlPasswordStored(secrets),
        alertsPausedUntil: alerts.pausedUntil(),
      }),
    overview,
    ...createProcessNameSettings({ db: store.db, now: clock.now, events, log }),
    settings: appSettings.settings,
    updateSettings: appSettings.updateSettings,
    syncNow: dataSource.syncNow,
    testSource: dataSource.testSource,
    saveSource: dataSource.saveSource,
    ...createLogsSourceSetting({ setConfig, secrets, now: clock.now, log }),
    useDemo: dataSource.useDemo,
    resetDemo: dataSource.resetDemo,
    exportApprovals: () => assistant.exportApprovals(options.saveFile, clock.now()),
    importModels: () => ai.importPicked(options.pickFolder),
    pauseAlerts: alerts.pause,
    applyAlertThreshold: alerts.applyThreshold,
    compact: (override) => afterSync.compact(override),
    storage: (override) => storageReport(store.db(), clock.now(), retentionOf(config(), override)),
    syncStatus: () => sync.status(),
    syncService: sync,
  } satisfies GenbaApp;
}
