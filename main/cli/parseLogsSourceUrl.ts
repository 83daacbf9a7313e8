import type { GenbaConfig } from '../config/config.js';
import { clickhouseLogsSchema, type ClickHouseLogsConfig } from '../config/logsConfig.js';
import { usageError } from './cliUsageError.js';

/**
 * `clickhouse://user[:password]@host[:port]/database?table=app_logs[&tls=true]` → the logs
 * config, keeping the columns, filters and retention already configured for ClickHouse.
 */
export function parseLogsSourceUrl(text: string, prev: GenbaConfig['logs']): { logs: ClickHouseLogsConfig; password: string | undefined } {
  const bad = (): Error =>
    usageError({
      ja: `--logs-source は clickhouse://ユーザー@ホスト:8123/データベース?table=テーブル の形で指定してください: ${text}`,
      en: `--logs-source must look like clickhouse://user@host:8123/database?table=app_logs: ${text}`,
    });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad();
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const table = url.searchParams.get('table') ?? 'app_logs';
  if (url.protocol !== 'clickhouse:' || !url.hostname || !database) throw bad();
  const tls = ['1', 'true', 'required'].includes((url.searchParams.get('tls') ?? '').toLowerCase());
  const base = prev.kind === 'clickhouse' ? prev : null;
  const checked = clickhouseLogsSchema.safeParse({
    kind: 'clickhouse',
    keepRawDays: prev.keepRawDays,
    keepAggregateDays: prev.keepAggregateDays,
    keepMinuteDays: prev.keepMinuteDays,
    url: `${tls ? 'https' : 'http'}://${url.host}${url.port ? '' : tls ? ':8443' : ':8123'}`,
    database,
    table,
    user: url.username ? decodeURIComponent(url.username) : 'default',
    ...(base ? { columns: base.columns, filters: base.filters, requestTimeoutMs: base.requestTimeoutMs } : {}),
  });
  if (!checked.success) {
    const field = String(checked.error.issues[0]?.path[0] ?? 'url');
    throw usageError({ ja: `--logs-source の ${field} が正しくありません: ${text}`, en: `--logs-source has an invalid ${field}: ${text}` });
  }
  return { logs: checked.data, password: url.password ? decodeURIComponent(url.password) : undefined };
}
