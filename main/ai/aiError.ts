import { GenbaError, type Localized } from '../errors.js';

export type AiErrorCode =
  | 'AI_MODEL_MISSING'
  | 'AI_MODEL_CORRUPT'
  | 'AI_MODEL_UNSUPPORTED'
  | 'AI_OUT_OF_MEMORY'
  | 'AI_NOT_CONFIGURED'
  | 'AI_TIMEOUT'
  | 'AI_CANCELLED'
  | 'AI_DISPOSED'
  | 'AI_LOAD_FAILED'
  | 'AI_SCHEMA_INVALID'
  | 'AI_EMBEDDING_FAILED'
  | 'MODEL_UNKNOWN'
  | 'AI_NO_FOLDER_PICKER'
  | 'MODEL_CHECKSUM_MISMATCH'
  | 'MODEL_DOWNLOAD_FAILED';

export class AiError extends GenbaError {
  declare readonly code: AiErrorCode;
}

export const aiError = (code: AiErrorCode, text: Localized, detail?: string): AiError => new AiError(code, text, detail === undefined ? {} : { detail });
