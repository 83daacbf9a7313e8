import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ConfigError } from './configError.js';

/** A config write takes milliseconds: a lock this old was left by a process that died while writing. */
const STALE_MS = 10_000;
const RETRY_MS = 20;
const DEFAULT_TIMEOUT_MS = 5_000;

/** Blocks this thread: config writes are synchronous (Settings, the threshold) and the wait is short. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock file was left behind by a writer that is gone (its process died, or it is far older than any write). */
function stale(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) return true;
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return false; // released between our attempt and this look: the next attempt takes it
  }
}

/**
 * Runs `fn` holding `<path>` as a lock file between processes (the app, `genba`, a second
 * app on the same folder). The config sits below the store in the layers, so this cannot be
 * one of the store's SQLite folder locks: it is a file created with O_EXCL, which exactly one
 * creator wins. A lock left by a process that died while holding it is broken (its pid is
 * gone, or it is older than any write); two processes breaking the same stale lock at once
 * could both proceed, which needs a crash in the middle of a config write to begin with.
 */
export function withConfigLock<T>(path: string, fn: () => T, timeoutMs = DEFAULT_TIMEOUT_MS): T {
  const token = `${process.pid}\n${randomUUID()}\n`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let fd: number | null = null;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== null) {
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      break;
    }
    if (stale(path)) {
      try {
        unlinkSync(path);
      } catch {
        // another process broke it first
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ConfigError('CONFIG_BUSY', {
        ja: `設定ファイルを別の処理（アプリか別の genba コマンド）が書き込み中です。少し待ってからもう一度実行してください（${path}）。`,
        en: `Another process (the app or another genba command) is writing the settings file. Wait a moment and try again (${path}).`,
      });
    }
    sleep(RETRY_MS);
  }
  try {
    return fn();
  } finally {
    try {
      // Only our own lock: one broken as stale and taken by another writer stays theirs.
      if (readFileSync(path, 'utf8') === token) unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
