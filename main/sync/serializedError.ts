import { GenbaError } from '../errors.js';
import { SyncError } from './syncError.js';

/** Errors cross the worker boundary as data and come back as GenbaErrors. */
export interface SerializedError {
  code: string;
  ja: string;
  en: string;
  detail?: string | undefined;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof GenbaError) return { code: error.code, ja: error.text.ja, en: error.text.en, detail: error.detail };
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    code: 'SYNC_FAILED',
    ja: '同期に失敗しました。詳細はアプリのログを確認してください。',
    en: 'Sync failed. See the app log for details.',
    detail: message,
  };
}

export function deserializeError(e: SerializedError): SyncError {
  return new SyncError(e.code as SyncError['code'], { ja: e.ja, en: e.en }, e.detail === undefined ? {} : { detail: e.detail });
}
