import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, type GenbaConfig, loadConfig, saveConfig } from './config.js';
import { ConfigError } from './configError.js';
import { withConfigLock } from './configLock.js';

/**
 * The one way to change config.json. The file is shared with hand edits, other processes
 * (`genba`, a second app) and other parts of this one, so a write never starts from a copy
 * kept in memory: under a lock, it re-reads the file, applies `change` to that fresh copy (so
 * only the keys the change touches differ), and writes it atomically. `change` may throw to
 * refuse (a value it was proposed against has changed): the file is then left as it is.
 * An invalid file is never replaced: the manager's edit may be half done. Returns what was written.
 */
export function updateConfig(dataDir: string, change: (current: GenbaConfig) => GenbaConfig, options: { lockTimeoutMs?: number } = {}): GenbaConfig {
  const path = join(dataDir, CONFIG_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return withConfigLock(
    `${path}.lock`,
    () => {
      let current: GenbaConfig;
      try {
        current = loadConfig(dataDir);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        throw new ConfigError(
          error.code as 'CONFIG_INVALID' | 'CONFIG_UNREADABLE',
          {
            ja: `${error.text.ja} 設定は変更していません。ファイルを直してから、もう一度実行してください。`,
            en: `${error.text.en} Nothing was changed: fix the file, then try again.`,
          },
          error.detail,
        );
      }
      return saveConfig(dataDir, change(current));
    },
    options.lockTimeoutMs,
  );
}
