import type { AppEnv } from '../config/appEnv.js';
import { CLICKHOUSE_PASSWORD, MYSQL_PASSWORD, type SecretStore } from '../config/secretStore.js';
import type { SyncServiceDeps } from './syncService.js';

/**
 * Builds each sync job from the settings and the secret store as they are when it starts, so
 * a source saved in Settings is used by the very next run.
 */
export function jobFromConfig(env: AppEnv, secrets: SecretStore, at: { dbPath: string; nativeBinding?: string | undefined }): SyncServiceDeps['job'] {
  return (kind, groups, opts) => {
    const config = env.config();
    return {
      kind,
      groups,
      dbPath: at.dbPath,
      nativeBinding: at.nativeBinding,
      source: config.source,
      logs: config.logs,
      timeZone: config.timeZone,
      password: secrets.get(MYSQL_PASSWORD),
      logsPassword: secrets.get(CLICKHOUSE_PASSWORD) ?? '',
      hostSites: config.alerts.hostSites,
      batchSize: config.sync.batchSize,
      fixedNow: env.clock.fixed ? env.now() : undefined,
      lookbackMs: config.sync.lookbackMinutes * 60_000,
      reset: opts.reset,
    };
  };
}
