import type { Lang } from '../api/types.js';
import { appClock, type Clock, type ClockMode } from './clock.js';
import { type GenbaConfig, loadConfig } from './config.js';
import { updateConfig } from './updateConfig.js';

/**
 * What every service of one run reads the same way: the clock, the language, the time zone
 * and the config. One object built once by the composition root and handed whole to each
 * service, so a `--now`, a `--lang` or a config change reaches all of them at once.
 */
export interface AppEnv {
  readonly clock: Clock & { mode(): ClockMode };
  now(): number;
  lang(): Lang;
  /** `--lang` was given, or the manager picked a language in Settings during this run: answers keep it instead of following the question's. */
  langChosen(): boolean;
  timeZone(): string;
  config(): GenbaConfig;
}

/** The composition root's handle: the env, plus the only ways to change it. */
export interface AppEnvControl extends AppEnv {
  /** Changes config.json from the file as it is now (see updateConfig), and goes on with what was written. */
  setConfig(change: (current: GenbaConfig) => GenbaConfig): GenbaConfig;
  /** The manager picked a language in Settings: saved, and `--lang` no longer holds. */
  setLang(lang: Lang): void;
}

export function createAppEnv(dataDir: string, o: { fixedNow?: number | undefined; lang?: Lang | undefined; demoAnchor: number }): AppEnvControl {
  let config = loadConfig(dataDir);
  // --lang holds for the run until the manager picks a language in Settings.
  let langOverride = o.lang;
  let picked = false;
  const clock = appClock({ fixedNow: o.fixedNow, demoAnchor: o.demoAnchor, isDemo: () => config.source.kind === 'demo' });
  const setConfig = (change: (current: GenbaConfig) => GenbaConfig): GenbaConfig => (config = updateConfig(dataDir, change));
  return {
    clock,
    now: clock.now,
    lang: () => langOverride ?? config.lang,
    langChosen: () => langOverride !== undefined || picked,
    timeZone: () => config.timeZone,
    config: () => config,
    setConfig,
    setLang(lang) {
      setConfig((c) => ({ ...c, lang }));
      langOverride = undefined;
      picked = true;
    },
  };
}
