import { mkdirSync, statfsSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from './configError.js';
import type { Localized } from '../api/localized.js';

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

/** Kernel file systems (proc, sys, devpts, cgroup, debugfs, securityfs): never a data folder. */
const PSEUDO_FS = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x27e0eb, 0x63677270, 0x64626720, 0x73636673]);

/**
 * Makes sure `dir` can be a data folder: a folder (created, private, if missing) on a real
 * file system. A read-only folder is allowed here, so that `genba doctor` can still say
 * what is wrong; writing commands refuse it when they open the store.
 */
export function prepareDataDir(dir: string): void {
  const notFolder = (what: Localized, cause?: unknown): ConfigError =>
    new ConfigError(
      'DATA_DIR_INVALID',
      {
        ja: `データフォルダ ${dir} は使えません: ${what.ja}。--data-dir（または GENBA_DATA_DIR）で別のフォルダを指定してください。`,
        en: `The data folder ${dir} cannot be used: ${what.en}. Give another folder with --data-dir (or GENBA_DATA_DIR).`,
      },
      cause === undefined ? undefined : String(cause),
    );
  const st = statOrNull(dir);
  if (st && !st.isDirectory()) throw notFolder({ ja: 'フォルダではなくファイルです', en: 'it is a file, not a folder' });
  if (!st) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw notFolder(
        code === 'EEXIST' || code === 'ENOTDIR'
          ? { ja: '途中にファイルがあります', en: 'a part of the path is a file' }
          : code === 'ENOSPC'
            ? { ja: 'ディスクの空きがありません', en: 'the disk is full' }
            : { ja: '作成できません（権限を確認してください）', en: 'it cannot be created (check the permissions)' },
        error,
      );
    }
  }
  if (process.platform === 'linux' && PSEUDO_FS.has(statfsSync(dir).type)) {
    throw notFolder({ ja: 'システムの特殊なフォルダです（/proc など）', en: 'it is a system pseudo-folder (such as /proc)' });
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
