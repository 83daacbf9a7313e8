import { GenbaError, type Localized } from '../errors.js';

export type LogsErrorCode = 'LOG_FILE_UNREADABLE';

/** Refusals of the log intelligence (its codes are stable, like every capability's). */
export class LogsError extends GenbaError {
  declare readonly code: LogsErrorCode;
  constructor(code: LogsErrorCode, text: Localized, options: { cause?: unknown; detail?: string } = {}) {
    super(code, text, options);
  }
}
