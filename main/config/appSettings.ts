import type { EventBus } from '../api/eventBus.js';
import type { Settings, SettingsChange } from '../api/types.js';
import type { AppEnvControl } from './appEnv.js';
import { osUserName } from './osUserName.js';

/**
 * Settings → language and approver: what the Settings view reads and changes. Who decisions are
 * recorded as is the approver's name set there (config approverName), else this machine's
 * account; every change is saved, then announced to the screens.
 */
export function createAppSettings(env: AppEnvControl, events: EventBus) {
  const account = osUserName();
  const approver = (): string => env.config().approverName ?? account;
  const settings = (): Settings => ({
    lang: env.lang(),
    timeZone: env.config().timeZone,
    approver: { name: approver(), fromAccount: env.config().approverName === null },
  });
  return {
    approver,
    settings,
    updateSettings(change: SettingsChange): Settings {
      if (change.lang !== undefined) env.setLang(change.lang);
      if (change.approverName !== undefined) {
        const name = change.approverName?.trim() || null;
        env.setConfig((c) => ({ ...c, approverName: name }));
      }
      const now = settings();
      events.emit({ type: 'settings-changed', settings: now });
      return now;
    },
  };
}
