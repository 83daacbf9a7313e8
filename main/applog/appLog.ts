import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { escapeField } from '../api/escapeControls.js';

export interface AppLog {
  info(message: string, detail?: string): void;
  warn(message: string, detail?: string): void;
  error(message: string, detail?: string): void;
}

/** The log is rotated at this size; genba.log.1 … .3 keep the previous ones. */
export const LOG_ROTATE_BYTES = 5 * 1024 * 1024;
const KEEP = 3;

/**
 * Secrets never reach the file: a URL's password, `password=…` pairs and a whole
 * connection string's user and host (only the database name stays).
 */
export function redact(text: string): string {
  return text
    .replace(
      /\b(mysql|mariadb|postgres(?:ql)?|mongodb):\/\/[^\s/"']*@?[^\s/"']*(\/[A-Za-z0-9_$-]*)?/gi,
      (_m, scheme: string, db?: string) => `${scheme}://***${db ?? ''}`,
    )
    .replace(/\b(password|passwd|pwd|secret|token)(["']?\s*[:=]\s*["']?)[^\s"',;})]+/gi, '$1$2***');
}

/**
 * JSON lines in `<dataDir>/logs/genba.log`: where error details go, while the manager
 * sees a short message. Synchronous appends: a crash must not lose the line explaining it.
 * Messages and details carry names from outside (a file name, a model's, a server's error):
 * their control, bidi and line-separator characters are written as visible escapes, so that
 * one entry stays one line however it is read (JSON leaves U+0085, U+2028 and U+202E raw, and
 * a reader of the parsed fields would see a line feed), and never reads as something else.
 */
export function createAppLog(dataDir: string, now: () => number = Date.now, rotateBytes = LOG_ROTATE_BYTES): AppLog {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'genba.log');
  const rotate = (): void => {
    if (!existsSync(file) || statSync(file).size < rotateBytes) return;
    for (let i = KEEP - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  };
  const write = (level: string, message: string, detail?: string): void => {
    const line = JSON.stringify({
      t: new Date(now()).toISOString(),
      level,
      message: escapeField(redact(message)),
      ...(detail ? { detail: escapeField(redact(detail)) } : {}),
    });
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      rotate();
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
