import type { Localized } from '../errors.js';
import { SyncError, type SyncErrorCode } from './syncError.js';

/**
 * ClickHouse's numbered errors (the same numbers from 18.x to today) and network failures as
 * errors a manager can act on. `where` names the server and table, never a password.
 */
export function clickhouseError(error: unknown, where: string): SyncError {
  if (error instanceof SyncError) return error;
  const e = error as { code?: string; type?: string; message?: string };
  const message = e.message ?? String(error);
  const number = e.code && /^\d+$/.test(e.code) ? Number(e.code) : Number(/Code: (\d+)/.exec(message)?.[1] ?? NaN);
  const detail = `${e.code ?? ''} ${message}`.trim().slice(0, 500);
  const mk = (code: SyncErrorCode, text: Localized): SyncError => new SyncError(code, text, { cause: error, detail });
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE'].includes(e.code ?? '')) {
    return mk('SOURCE_UNREACHABLE', {
      ja: `ログストア（ClickHouse ${where}）に接続できません。URL・ポート・ネットワークを確認してください。手元のデータで作業は続けられます。`,
      en: `Cannot reach the log store (ClickHouse ${where}). Check the URL, port and network. You can keep working on local data.`,
    });
  }
  if (/timeout/i.test(message) || number === 159 || number === 209) {
    return mk('SOURCE_TIMEOUT', {
      ja: `ログストア（ClickHouse ${where}）の応答が時間内にありませんでした。次の同期で続きから再開します。`,
      en: `The log store (ClickHouse ${where}) did not answer in time. The next sync resumes where this one stopped.`,
    });
  }
  switch (number) {
    case 192: // UNKNOWN_USER
    case 193: // WRONG_PASSWORD
    case 194: // REQUIRED_PASSWORD
    case 516: // AUTHENTICATION_FAILED (newer servers)
      return mk('SOURCE_AUTH', {
        ja: `ログストア（ClickHouse ${where}）にログインできません。ユーザー名とパスワード（GENBA_CLICKHOUSE_PASSWORD）を確認してください。`,
        en: `The log store (ClickHouse ${where}) refused the login. Check the user name and password (GENBA_CLICKHOUSE_PASSWORD).`,
      });
    case 497: // ACCESS_DENIED
      return mk('SOURCE_AUTH', {
        ja: `ログストア（ClickHouse ${where}）のログを読む権限がありません。管理者に SELECT 権限を依頼してください。`,
        en: `No permission to read the logs on ClickHouse ${where}. Ask the administrator for SELECT.`,
      });
    case 81: // UNKNOWN_DATABASE
      return mk('SOURCE_UNKNOWN_DATABASE', {
        ja: `ログストア（ClickHouse ${where}）にデータベースが見つかりません。logs.database を確認してください。`,
        en: `The database was not found on ClickHouse ${where}. Check logs.database.`,
      });
    case 60: // UNKNOWN_TABLE
      return mk('SOURCE_MISSING_TABLE', {
        ja: `ログストア（ClickHouse ${where}）にテーブルが見つかりません。logs.table を確認してください。`,
        en: `The table was not found on ClickHouse ${where}. Check logs.table.`,
      });
    case 47: // UNKNOWN_IDENTIFIER
    case 16: {
      // NO_SUCH_COLUMN_IN_TABLE
      const column = /Missing columns?: ?'?([^' ]+)|Unknown identifier: ?([^ ,]+)/.exec(message)?.slice(1).find(Boolean) ?? '?';
      return mk('SOURCE_MISSING_COLUMN', {
        ja: `ログストア（ClickHouse ${where}）のテーブルに設定した列がありません（${column}）。logs.columns を確認してください。`,
        en: `The table on ClickHouse ${where} lacks a configured column (${column}). Check logs.columns.`,
      });
    }
    default:
      return mk('SYNC_FAILED', {
        ja: `ログストア（ClickHouse ${where}）からの取り込みに失敗しました。詳細はアプリのログを確認してください。`,
        en: `Pulling logs from ClickHouse ${where} failed. See the app log for details.`,
      });
  }
}
