import { GenbaError, type Localized } from '../errors.js';

export type SyncErrorCode =
  | 'SOURCE_UNREACHABLE'
  | 'SOURCE_AUTH'
  | 'SOURCE_UNKNOWN_DATABASE'
  | 'SOURCE_MISSING_TABLE'
  | 'SOURCE_MISSING_COLUMN'
  | 'SOURCE_TIME_COLUMN'
  | 'SOURCE_BAD_QUERY'
  | 'SOURCE_TIMEOUT'
  | 'SOURCE_TLS'
  | 'WRITEBACK_DENIED'
  | 'SOURCE_PASSWORD_MISSING'
  | 'SYNC_CANCELLED'
  | 'SYNC_FAILED'
  | 'SYNC_BUSY'
  | 'LOG_FILE_UNREADABLE';

export class SyncError extends GenbaError {
  declare readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode, text: Localized, options: { cause?: unknown; detail?: string } = {}) {
    super(code, text, options);
  }
}

export function missingColumn(table: string, column: string): SyncError {
  return new SyncError('SOURCE_MISSING_COLUMN', {
    ja: `会社データベースのテーブル ${table} に必要な列「${column}」がありません。同期設定の SELECT を確認してください。`,
    en: `The company table ${table} lacks the required column "${column}". Check the SELECT in the sync settings.`,
  });
}

/**
 * Turns a mysql2 / network error into one a manager can act on. `where` names the server,
 * `table` the table being read when it happened.
 */
export function toSyncError(error: unknown, where: string, table?: string): SyncError {
  if (error instanceof SyncError) return error;
  const e = error as { code?: string; errno?: number; message?: string; sqlMessage?: string };
  const detail = `${e.code ?? ''} ${e.sqlMessage ?? e.message ?? String(error)}`.trim();
  const mk = (code: SyncErrorCode, text: Localized): SyncError => new SyncError(code, text, { cause: error, detail });
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EAI_AGAIN':
    case 'ECONNRESET':
    case 'PROTOCOL_CONNECTION_LOST':
      return mk('SOURCE_UNREACHABLE', {
        ja: `会社データベース（${where}）に接続できません。ホスト名・ポート・ネットワークを確認してください。手元のデータで作業は続けられます。`,
        en: `Cannot reach the company database (${where}). Check the host, port and network. You can keep working on local data.`,
      });
    case 'ER_DBACCESS_DENIED_ERROR':
      // MariaDB says "access denied" for a database that does not exist, to users who cannot see it.
      return mk('SOURCE_UNKNOWN_DATABASE', {
        ja: `会社データベース（${where}）のデータベースが見つからないか、このユーザーにアクセス権がありません。データベース名と権限を確認してください。`,
        en: `The database on ${where} does not exist or this user may not use it. Check the database name and the user's rights.`,
      });
    case 'ER_ACCESS_DENIED_ERROR':
      return mk('SOURCE_AUTH', {
        ja: `会社データベース（${where}）にログインできません。ユーザー名とパスワードを確認してください。`,
        en: `The company database (${where}) refused the login. Check the user name and password.`,
      });
    case 'ER_BAD_DB_ERROR':
      return mk('SOURCE_UNKNOWN_DATABASE', {
        ja: `会社データベース（${where}）にデータベース名が見つかりません。データベース名を確認してください。`,
        en: `The database name was not found on ${where}. Check the database name.`,
      });
    case 'ER_NO_SUCH_TABLE':
      return mk('SOURCE_MISSING_TABLE', {
        ja: `会社データベースにテーブル ${table ?? ''} がありません（${e.sqlMessage ?? ''}）。同期設定の SELECT を確認してください。`,
        en: `The company database has no table ${table ?? ''} (${e.sqlMessage ?? ''}). Check the SELECT in the sync settings.`,
      });
    case 'ER_BAD_FIELD_ERROR': {
      const column = /Unknown column '([^']+)'/.exec(e.sqlMessage ?? '')?.[1] ?? '?';
      return missingColumn(table ?? '?', column);
    }
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR': {
      // A plan's delivery writes daily_assignments too, and replacing a day's earlier plan deletes that plan's rows there.
      const write = /^(INSERT|UPDATE|DELETE) command denied/i.exec(e.sqlMessage ?? '')?.[1]?.toUpperCase();
      if (table === 'daily_assignments' && write)
        return mk('WRITEBACK_DENIED', {
          ja: `承認した計画を会社データベースの daily_assignments に書き込む権限（${write}）がありません。データベース管理者に INSERT、UPDATE と DELETE（同じ日の前の計画を置き換えるため）の権限を依頼してください。承認は手元に保存され、権限が付けば送信されます。`,
          en: `No permission (${write}) to write approved plans to daily_assignments in the company database. Ask the database administrator for INSERT, UPDATE and DELETE (DELETE replaces a day's earlier plan). Decisions are kept locally and sent once permitted.`,
        });
      return table === 'approval_history'
        ? mk('WRITEBACK_DENIED', {
            ja: '承認結果を会社データベースの approval_history に書き込む権限がありません。データベース管理者に INSERT と UPDATE の権限を依頼してください。承認は手元に保存され、権限が付けば送信されます。',
            en: 'No permission to write decisions to approval_history in the company database. Ask the database administrator for INSERT and UPDATE. Decisions are kept locally and sent once permitted.',
          })
        : mk('SOURCE_AUTH', {
            ja: `テーブル ${table ?? ''} を読む権限がありません。データベース管理者に SELECT 権限を依頼してください。`,
            en: `No permission to read ${table ?? ''}. Ask the database administrator for SELECT.`,
          });
    }
    case 'ETIMEDOUT':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
      return mk('SOURCE_TIMEOUT', {
        ja: `会社データベース（${where}）の応答が時間内にありませんでした。しばらくしてから再試行します。`,
        en: `The company database (${where}) did not answer in time. Genba will retry.`,
      });
    case 'HANDSHAKE_SSL_ERROR':
    case 'HANDSHAKE_NO_SSL_SUPPORT':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return mk('SOURCE_TLS', {
        ja: `会社データベース（${where}）との暗号化接続（TLS）に失敗しました。証明書の設定を確認してください。`,
        en: `The encrypted (TLS) connection to ${where} failed. Check the certificate settings.`,
      });
    case 'ER_PARSE_ERROR':
      return mk('SOURCE_BAD_QUERY', {
        ja: `テーブル ${table ?? ''} の同期設定の SELECT に誤りがあります。`,
        en: `The SELECT configured for ${table ?? ''} has an error.`,
      });
    default:
      return mk('SYNC_FAILED', {
        ja: `会社データベース（${where}）との同期に失敗しました。詳細はアプリのログを確認してください。`,
        en: `Syncing with the company database (${where}) failed. See the app log for details.`,
      });
  }
}
