import { GenbaError, type Localized } from '../errors.js';

export type StoreErrorCode =
  | 'STORE_CORRUPT'
  | 'STORE_NEWER_VERSION'
  | 'STORE_OPEN_FAILED'
  | 'STORE_MIGRATION_FAILED'
  | 'STORE_BUSY'
  | 'STORE_IN_USE'
  | 'STORE_NOT_GENBA'
  | 'BACKUP_TARGET_EXISTS'
  | 'BUSINESS_UNKNOWN'
  | 'BUSINESS_NAME_TAKEN'
  | 'PROCESS_UNKNOWN'
  | 'ENGLISH_NAME_INVALID'
  | 'ENGLISH_NAME_TAKEN';

export class StoreError extends GenbaError {
  constructor(code: StoreErrorCode, text: Localized, options: { cause?: unknown; detail?: string } = {}) {
    super(code, text, options);
  }
}
