import { createHash } from 'node:crypto';
import { closeSync, fchmodSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Every file Genba writes into the data folder holds the company's data (or says something
 * about it), so it is its owner's alone, whatever the folder's mode and the process's umask:
 * a data folder that already existed with mode 755 must not make the store readable by
 * every user of the machine. The mode is set on the open file before its first byte.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `path` empty and private when it does not exist; an existing file is left exactly
 * as it is. For files another library then fills (SQLite keeps the mode of a file it finds,
 * and gives its -wal and -shm files the mode of the database file).
 */
export function createPrivateFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE); // the umask may have taken bits the owner needs; never adds any for others
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `path` (created or emptied), private before the first byte is written. */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE); // an existing file keeps its mode through 'w': set it before writing
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } finally {
    closeSync(fd);
  }
}

/** Copies `from` to `to` (created or replaced), private from the first byte: copyFileSync would give the copy the source's mode. */
export function copyToPrivateFile(from: string, to: string): void {
  const input = openSync(from, 'r');
  try {
    const output = openSync(to, 'w', PRIVATE_FILE_MODE);
    try {
      fchmodSync(output, PRIVATE_FILE_MODE);
      const buf = Buffer.alloc(1 << 20);
      for (;;) {
        const n = readSync(input, buf, 0, buf.length, null);
        if (n === 0) break;
        let done = 0;
        while (done < n) done += writeSync(output, buf, done, n - done);
      }
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

/**
 * copyToPrivateFile without blocking: a model of gigabytes copied in the app's main process must
 * leave it free to answer the window and send the copy's progress (`onBytes`, after each MiB).
 * Returns the sha256 of the bytes written, hashed in the same pass: a checksum taken on another
 * read could vouch for a file that changed in between.
 */
export async function copyToPrivateFileAsync(from: string, to: string, onBytes?: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const input = await open(from, 'r');
  try {
    const output = await open(to, 'w', PRIVATE_FILE_MODE);
    try {
      await output.chmod(PRIVATE_FILE_MODE);
      const buf = Buffer.alloc(1 << 20);
      for (;;) {
        const { bytesRead } = await input.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        hash.update(buf.subarray(0, bytesRead));
        let done = 0;
        while (done < bytesRead) done += (await output.write(buf, done, bytesRead - done)).bytesWritten;
        onBytes?.(bytesRead);
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  return hash.digest('hex');
}
