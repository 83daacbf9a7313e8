import { GenbaError, type Localized } from '../errors.js';

/** Exit code 2: the command line itself is wrong. */
export class CliUsageError extends GenbaError {}

export function usageError(text: Localized): CliUsageError {
  return new CliUsageError('CLI_USAGE', text);
}
