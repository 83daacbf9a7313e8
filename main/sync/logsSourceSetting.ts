import type { AppLog } from '../applog/appLog.js';
import type { GenbaConfig } from '../config/config.js';
import { CLICKHOUSE_PASSWORD, type SecretStore } from '../config/secretStore.js';
import { checkLogsSource } from './checkLogsSource.js';

export interface LogsSourceSetting {
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
}

export function createLogsSourceSetting(deps: {
  setConfig: (change: (current: GenbaConfig) => GenbaConfig) => GenbaConfig;
  secrets: SecretStore;
  now: () => number;
  log: AppLog;
}): LogsSourceSetting {
  return {
    saveLogsSource(logs) {
      deps.setConfig((c) => ({ ...c, logs }));
      deps.log.info('logs source saved', logs.kind);
    },
    async switchLogsSource(logs) {
      const checked = await checkLogsSource(logs, deps.secrets.get(CLICKHOUSE_PASSWORD) ?? '', deps.now());
      deps.setConfig((c) => ({ ...c, logs }));
      deps.log.info('logs source checked and saved', `${logs.kind}${checked ? `, ${checked.lines} lines` : ''}`);
    },
  };
}
