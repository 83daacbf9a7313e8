import type { ClickHouseLogsConfig } from '../config/logsConfig.js';

/** `clickhouse://user@host:8123/db/table`: the logs' identity, never with a password. */
export function clickhouseSourceId(c: Pick<ClickHouseLogsConfig, 'url' | 'user' | 'database' | 'table'>): string {
  const url = new URL(c.url);
  return `clickhouse://${encodeURIComponent(c.user)}@${url.host}/${c.database}/${c.table}`;
}
