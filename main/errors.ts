import type { ErrorPayload } from './api/types.js';
import { isLang, LANGS, localize, type Lang, type Localized } from './api/localized.js';

export type { ErrorPayload, Lang, Localized };
export { isLang, LANGS, localize };

/**
 * Base of every error the core raises on purpose. `code` is stable (the renderer and
 * scripts branch on it); `text` is written for the manager; `detail` is for the app log.
 */
export class GenbaError extends Error {
  readonly code: string;
  readonly text: Localized;
  readonly detail: string | undefined;

  constructor(code: string, text: Localized, options: { cause?: unknown; detail?: string } = {}) {
    super(text.en, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.text = text;
    this.detail = options.detail;
  }

  messageIn(lang: Lang): string {
    return this.text[lang];
  }
}

/** What the manager reads for a fault Genba did not foresee; the details go to the app log. */
const INTERNAL_ERROR: Localized = {
  ja: '内部エラーが発生しました。詳細はアプリのログを確認してください。',
  en: 'An internal error occurred. See the app log for details.',
};

/** Converts anything thrown into what crosses the IPC boundary or reaches stderr. */
export function toErrorPayload(thrown: unknown, lang: Lang): ErrorPayload {
  const error = fromSystemError(thrown);
  if (error instanceof GenbaError) return { code: error.code, message: error.messageIn(lang) };
  return { code: 'INTERNAL', message: INTERNAL_ERROR[lang] };
}

/** An error's name and the first line of its message: enough for a report to name it, never a stack. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
}

export function describeError(error: unknown): string {
  if (error instanceof GenbaError) return `${error.code}: ${error.text.en}${error.detail ? ` (${error.detail})` : ''}`;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Errors of the machine rather than of Genba (a full disk, a read-only folder or file),
 * raised deep in SQLite or the file system, become a message with the next step: the
 * manager never sees a stack for them. Anything else is returned unchanged.
 */
export function fromSystemError(error: unknown, where?: string): unknown {
  if (error instanceof GenbaError) return error;
  const e = error as { code?: string; path?: string } | null;
  const code = e?.code ?? '';
  const place = e?.path ?? where;
  const at: Localized = { ja: place ? `（${place}）` : '', en: place ? ` (${place})` : '' };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new GenbaError(
      'DISK_FULL',
      {
        ja: `ディスクの空きがありません${at.ja}。データは書き込み前の状態のままです。空きを作ってから、もう一度実行してください。`,
        en: `The disk is full${at.en}. The data is as it was before this write. Free some space, then run it again.`,
      },
      { cause: error, detail: String(error) },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN') {
    return new GenbaError(
      'DATA_DIR_READ_ONLY',
      {
        ja: `データフォルダかデータベースに書き込めません${at.ja}。データは壊れていません。権限を確認する（例: chmod u+w）か、--data-dir で書き込めるフォルダを指定してください。`,
        en: `Cannot write to the data folder or database${at.en}. The data is not damaged. Check the permissions (e.g. chmod u+w), or use --data-dir with a writable folder.`,
      },
      { cause: error, detail: String(error) },
    );
  }
  return error;
}
