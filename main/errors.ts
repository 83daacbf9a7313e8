/** Languages the manager can choose; every user-facing message exists in both. */
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

export interface LocalizedText {
  ja: string;
  en: string;
}

/**
 * Base of every error the core raises on purpose. `code` is stable (the renderer and
 * scripts branch on it); `text` is written for the manager; `detail` is for the app log.
 */
export class GenbaError extends Error {
  readonly code: string;
  readonly text: LocalizedText;
  readonly detail: string | undefined;

  constructor(code: string, text: LocalizedText, options: { cause?: unknown; detail?: string } = {}) {
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

export interface ErrorPayload {
  code: string;
  message: string;
}

/** Converts anything thrown into what crosses the IPC boundary or reaches stderr. */
export function toErrorPayload(error: unknown, lang: Lang): ErrorPayload {
  if (error instanceof GenbaError) return { code: error.code, message: error.messageIn(lang) };
  return {
    code: 'INTERNAL',
    message:
      lang === 'ja'
        ? '内部エラーが発生しました。詳細はアプリのログを確認してください。'
        : 'An internal error occurred. See the app log for details.',
  };
}

export function describeError(error: unknown): string {
  if (error instanceof GenbaError) return `${error.code}: ${error.text.en}${error.detail ? ` (${error.detail})` : ''}`;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
