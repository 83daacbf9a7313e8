import { describeError, firstLine, fromSystemError, GenbaError } from '../errors.js';
import { SyncError } from './syncError.js';

/**
 * What the manager reads when the log sync fails on something Genba did not foresee (a bug,
 * a state no release writes): one sentence in each language with the error's own first
 * line, so that a report can name it. The stack goes to the app log as the detail, never to
 * the window or the terminal. Errors raised on purpose, and a full disk or a read-only data
 * folder, keep their own words.
 */
export function logSyncFault(error: unknown): GenbaError {
  const known = fromSystemError(error);
  if (known instanceof GenbaError) return known;
  const first = firstLine(error).slice(0, 200);
  return new SyncError(
    'SYNC_FAILED',
    {
      ja: `ログの取り込み中に予期しないエラーが発生しました（${first}）。取り込みが済んだ分は保存されており、次の同期で続きから再開します。繰り返す場合は、アプリのログを添えて報告してください。`,
      en: `Pulling the logs stopped on an unexpected error (${first}). What was pulled is kept, and the next sync resumes where this one stopped. If it happens again, report it with the app log.`,
    },
    { cause: error, detail: describeError(error) },
  );
}
