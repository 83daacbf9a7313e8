import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Genba';

/**
 * The same folder Electron's `app.getPath('userData')` gives for an app named Genba, so
 * the CLI and the desktop app share one local copy. GENBA_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GENBA_DATA_DIR) return env.GENBA_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
