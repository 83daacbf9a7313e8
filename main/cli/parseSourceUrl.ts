import type { DataSourceForm } from '../api/types.js';
import { mysqlSourceSchema } from '../config/config.js';
import { usageError } from './cliUsageError.js';
import type { Localized } from '../api/localized.js';

/** `mysql://user[:password]@host[:port]/database[?tls=true]` → the data-source form. */
export function parseSourceUrl(text: string): DataSourceForm & { passwordInUrl: boolean } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError({
      ja: `--source の形式が正しくありません: ${text}（例: mysql://genba@db.example:3306/company）`,
      en: `--source is not a valid URL: ${text} (e.g. mysql://genba@db.example:3306/company)`,
    });
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.protocol !== 'mysql:' || !url.hostname || !url.username || !database) {
    throw usageError({
      ja: '--source には mysql://ユーザー@ホスト:ポート/データベース の形で指定してください',
      en: '--source must look like mysql://user@host:port/database',
    });
  }
  const port = url.port ? Number(url.port) : 3306;
  // The same rules as config.json: a bad field is named here, before anything is saved.
  const checked = mysqlSourceSchema
    .pick({ host: true, port: true, database: true, user: true })
    .safeParse({ host: url.hostname, port, database, user: decodeURIComponent(url.username) });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = String(issue.path[0] ?? 'source');
    const names: Record<string, Localized> = {
      host: { ja: 'ホスト名', en: 'host' },
      port: { ja: 'ポート番号（1〜65535）', en: 'port (1 to 65535)' },
      database: { ja: 'データベース名（英数字と _ $ - のみ、64文字まで）', en: 'database name (letters, digits, _ $ - only, up to 64)' },
      user: { ja: 'ユーザー名', en: 'user' },
    };
    const name = names[field] ?? { ja: field, en: field };
    throw usageError({ ja: `--source の${name.ja}が正しくありません: ${text}`, en: `--source has an invalid ${name.en}: ${text}` });
  }
  const tls = ['1', 'true', 'required'].includes((url.searchParams.get('tls') ?? url.searchParams.get('ssl') ?? '').toLowerCase());
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    database,
    user: decodeURIComponent(url.username),
    ...(password !== undefined ? { password } : {}),
    tls,
    passwordInUrl: password !== undefined,
  };
}
