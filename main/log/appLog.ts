import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface AppLog {
  info(message: string, detail?: string): void;
  warn(message: string, detail?: string): void;
  error(message: string, detail?: string): void;
}

/**
 * JSON lines in `<dataDir>/logs/genba.log`: where error details go, while the manager
 * sees a short message. Synchronous appends: a crash must not lose the line explaining it.
 */
export function createAppLog(dataDir: string, now: () => number = Date.now): AppLog {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'genba.log');
  const write = (level: string, message: string, detail?: string): void => {
    const line = JSON.stringify({ t: new Date(now()).toISOString(), level, message, ...(detail ? { detail } : {}) });
    try {
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // Logging must never take the app down (e.g. disk full); the error still reaches the caller.
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
