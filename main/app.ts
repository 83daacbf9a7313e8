import type Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../package.json';
import { findModels } from './ai/findModels.js';
import { createEventBus, type EventBus } from './api/eventBus.js';
import type { DemoResetResult, Lang, Overview, Settings, StatusInfo } from './api/types.js';
import { type Clock, fixedClock, systemClock } from './config/clock.js';
import { type GenbaConfig, loadConfig, saveConfig } from './config/config.js';
import { defaultDataDir } from './config/dataDir.js';
import { GenbaError, describeError } from './errors.js';
import { type AppLog, createAppLog } from './log/appLog.js';
import { computeOverview } from './placement/siteOverview.js';
import { CompanyRepository } from './store/companyRepository.js';
import { schemaVersion } from './store/migration.js';
import { openStore } from './store/openStore.js';
import { DEMO_ANCHOR_MS } from './sync/demo/demoDefinition.js';
import { DEMO_SOURCE_ID, loadDemoCompany } from './sync/loadDemoCompany.js';

export interface AppOptions {
  /** Defaults to the same folder as Electron's userData (see defaultDataDir). */
  dataDir?: string;
  /** Fixes the clock (epoch ms) for reproducible runs: `--now`. */
  now?: number;
  /** Overrides the configured language for this run: `--lang`. */
  lang?: Lang;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
}

export interface GenbaApp {
  readonly dataDir: string;
  readonly events: EventBus;
  readonly log: AppLog;
  readonly clock: Clock;
  lang(): Lang;
  config(): GenbaConfig;
  start(): void;
  stop(): void;
  status(): StatusInfo;
  overview(): Overview;
  settings(): Settings;
  updateSettings(change: { lang: Lang }): Settings;
  resetDemo(): DemoResetResult;
  pauseAlerts(minutes: number): { pausedUntil: number };
}

export const DB_FILE = 'genba.sqlite';

function notStarted(): GenbaError {
  return new GenbaError('APP_NOT_STARTED', { ja: 'アプリの起動処理が完了していません。', en: 'The app has not finished starting.' });
}

/** Composition root: builds every service from the config; nothing else reaches for globals. */
export function createApp(options: AppOptions = {}): GenbaApp {
  const dataDir = options.dataDir ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let config = loadConfig(dataDir);
  // The demo company is a snapshot of one afternoon: with no --now, its clock stands there.
  const clockMode: StatusInfo['clock']['mode'] = options.now !== undefined ? 'fixed' : config.source.kind === 'demo' ? 'demo' : 'system';
  const clock = options.now !== undefined ? fixedClock(options.now) : clockMode === 'demo' ? fixedClock(DEMO_ANCHOR_MS) : systemClock;
  const log = createAppLog(dataDir);
  const events = createEventBus((error) => log.error('event listener failed', describeError(error)));
  const dbPath = join(dataDir, DB_FILE);
  let db: Database.Database | null = null;
  let repo: CompanyRepository | null = null;

  const store = (): { db: Database.Database; repo: CompanyRepository } => {
    if (!db || !repo) throw notStarted();
    return { db, repo };
  };
  // --lang holds for the run until the manager picks a language in Settings.
  let langOverride = options.lang;
  const lang = (): Lang => langOverride ?? config.lang;

  const buildDemo = (): DemoResetResult => {
    const { db } = store();
    log.info('building demo company', `seed=${config.source.seed}`);
    const result = loadDemoCompany(db, config.source.seed, (p) => events.emit({ type: 'progress', ...p }));
    events.emit({ type: 'data-changed', tables: Object.keys(result.rows) });
    log.info('demo company built', JSON.stringify(result.rows));
    return { rows: result.rows, elapsedMs: result.elapsedMs };
  };

  return {
    dataDir,
    events,
    log,
    clock,
    lang,
    config: () => config,

    start() {
      if (db) return;
      db = openStore(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      repo = new CompanyRepository(db);
      const seed = repo.getMeta('demo_seed');
      if (repo.getMeta('source') !== DEMO_SOURCE_ID || seed !== String(config.source.seed)) buildDemo();
      log.info('started', `dataDir=${dataDir}`);
    },

    stop() {
      db?.close();
      db = null;
      repo = null;
    },

    status() {
      const { db, repo } = store();
      const dataAsOf = (db.prepare('SELECT MAX(snapshot_time) AS t FROM progress_snapshots WHERE snapshot_time <= ?').get(clock.now()) as { t: number | null }).t;
      const paused = repo.getMeta('alerts_paused_until');
      const modelsDir = join(dataDir, 'models');
      return {
        version: pkg.version,
        dataDir,
        database: { path: dbPath, sizeBytes: statSync(dbPath).size, schemaVersion: schemaVersion(db) },
        source: { kind: config.source.kind, seed: config.source.seed },
        clock: { now: clock.now(), mode: clockMode },
        tables: repo.counts(),
        lastSync: repo.lastSuccessfulSync(),
        dataAsOf,
        models: { dir: modelsDir, found: findModels(modelsDir) },
        alertsPausedUntil: paused !== null && Number(paused) > clock.now() ? Number(paused) : null,
      };
    },

    overview() {
      return computeOverview(store().db, { now: clock.now(), timeZone: config.timeZone, ...config.overview });
    },

    settings: () => ({ lang: lang(), timeZone: config.timeZone }),

    updateSettings(change) {
      config = { ...config, lang: change.lang };
      saveConfig(dataDir, config);
      langOverride = undefined;
      const settings = { lang: config.lang, timeZone: config.timeZone };
      events.emit({ type: 'settings-changed', settings });
      return settings;
    },

    resetDemo: () => buildDemo(),

    pauseAlerts(minutes) {
      const pausedUntil = clock.now() + minutes * 60_000;
      store().repo.setMeta('alerts_paused_until', String(pausedUntil));
      return { pausedUntil };
    },
  };
}
