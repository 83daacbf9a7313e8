import { GenbaError } from '../errors.js';

/** Exit code 2: the command line itself is wrong. */
export class CliUsageError extends GenbaError {}

export function usageError(ja: string, en: string): CliUsageError {
  return new CliUsageError('CLI_USAGE', { ja, en });
}
