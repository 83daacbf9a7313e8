import { GenbaError, type Localized } from '../errors.js';

export class ConfigError extends GenbaError {
  constructor(code: 'CONFIG_INVALID' | 'CONFIG_UNREADABLE' | 'CONFIG_BUSY' | 'CLOCK_INVALID' | 'DATA_DIR_INVALID', text: Localized, detail?: string) {
    super(code, text, detail === undefined ? {} : { detail });
  }
}
