import { GenbaError, type LocalizedText } from '../errors.js';

export type StoreErrorCode = 'STORE_CORRUPT' | 'STORE_NEWER_VERSION' | 'STORE_OPEN_FAILED' | 'STORE_MIGRATION_FAILED';

export class StoreError extends GenbaError {
  constructor(code: StoreErrorCode, text: LocalizedText, options: { cause?: unknown; detail?: string } = {}) {
    super(code, text, options);
  }
}
