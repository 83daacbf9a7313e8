import type { DataSourceForm } from '../api/types.js';
import { usageError } from './cliUsageError.js';

/** `mysql://user[:password]@host[:port]/database[?tls=true]` → the data-source form. */
export function parseSourceUrl(text: string): DataSourceForm & { passwordInUrl: boolean } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`--source の形式が正しくありません: ${text}（例: mysql://genba@db.example:3306/company）`,
      `--source is not a valid URL: ${text} (e.g. mysql://genba@db.example:3306/company)`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.protocol !== 'mysql:' || !url.hostname || !url.username || !database) {
    throw usageError('--source には mysql://ユーザー@ホスト:ポート/データベース の形で指定してください',
      '--source must look like mysql://user@host:port/database');
  }
  const tls = ['1', 'true', 'required'].includes((url.searchParams.get('tls') ?? url.searchParams.get('ssl') ?? '').toLowerCase());
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 3306,
    database,
    user: decodeURIComponent(url.username),
    ...(password !== undefined ? { password } : {}),
    tls,
    passwordInUrl: password !== undefined,
  };
}
