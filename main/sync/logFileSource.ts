import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseLogLine } from '../logs/logLine.js';
import { SyncError } from './syncError.js';
import type { Batch, LocalRow, SyncSource, Watermark } from './syncSource.js';
import type { TableSpec } from './tableSpecs.js';

/** `head`: the file's first bytes, to notice a file rewritten in place to the same size or more. */
interface FilePosition {
  ino: number;
  offset: number;
  head: string;
}
interface FilesWatermark {
  files: Record<string, FilePosition>;
  nextId: number;
}

const CHUNK = 4 * 1024 * 1024;
const HEAD_BYTES = 64;

export const logFilesSourceId = (paths: readonly string[]): string => `files:${[...paths].sort().join('|')}`;

function readFrom(path: string, offset: number, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(maxBytes);
    const n = readSync(fd, buf, 0, maxBytes, offset);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Plain-text or JSON-lines log files as the app_logs table. Follows appends (only whole
 * lines are taken; a half-written last line waits), rotation (the rest of the renamed
 * `<file>.1` is read before the new file) and truncation (read again from the start).
 */
export function createLogFileSource(o: { paths: readonly string[]; service: string; timeZone: string; now: () => number }): SyncSource {
  const host = hostname();

  const headOf = (path: string, upTo: number): string => readFrom(path, 0, Math.min(HEAD_BYTES, upTo)).toString('base64');

  /** Complete lines after `offset` in `path`, up to `limit`; returns the new offset. */
  const takeLines = (path: string, offset: number, limit: number): { lines: string[]; offset: number } => {
    const lines: string[] = [];
    let pos = offset;
    while (lines.length < limit) {
      const buf = readFrom(path, pos, CHUNK);
      if (buf.length === 0) break;
      let start = 0;
      let nl = buf.indexOf(10, start);
      if (nl < 0 && buf.length === CHUNK) nl = buf.length - 1; // a line longer than a chunk: cut it
      if (nl < 0) break;
      while (nl >= 0 && lines.length < limit) {
        const text = buf.subarray(start, nl).toString('utf8').replace(/\r$/, '');
        if (text.length > 0) lines.push(text);
        start = nl + 1;
        nl = buf.indexOf(10, start);
      }
      pos += start;
      if (start === 0) break;
    }
    return { lines, offset: pos };
  };

  return {
    id: logFilesSourceId(o.paths),
    tables: ['app_logs'],
    checkColumns: async () => {
      const missing = o.paths.filter((p) => !existsSync(p) && !existsSync(`${p}.1`));
      if (missing.length > 0) {
        throw new SyncError('LOG_FILE_UNREADABLE', {
          ja: `ログファイル ${missing.join(', ')} が見つかりません。パスを確認してください。`,
          en: `Log file ${missing.join(', ')} not found. Check the path.`,
        });
      }
    },
    estimate: async () => null,
    async fetch(_spec: TableSpec, after: Watermark | null, limit: number): Promise<Batch> {
      const wm: FilesWatermark = after ? structuredClone(after as FilesWatermark) : { files: {}, nextId: 1 };
      const rows: LocalRow[] = [];
      const add = (lines: string[]): void => {
        for (const line of lines) {
          const p = parseLogLine(line, o.timeZone, o.now());
          rows.push({
            log_id: wm.nextId++,
            ts: p.ts,
            service: p.service ?? o.service,
            host: p.host ?? host,
            level: p.level,
            message: p.message,
            trace_id: p.trace_id,
          });
        }
      };
      for (const path of o.paths) {
        if (rows.length >= limit) break;
        const pos = wm.files[path];
        const current = existsSync(path) ? statSync(path) : null;
        if (pos && (!current || current.ino !== pos.ino)) {
          // Rotated: finish the old file under its new name, then start the new one.
          const rotated = `${path}.1`;
          if (existsSync(rotated) && statSync(rotated).ino === pos.ino) {
            const r = takeLines(rotated, pos.offset, limit - rows.length);
            add(r.lines);
            pos.offset = r.offset;
            if (rows.length >= limit) continue;
          }
          if (!current) continue;
          wm.files[path] = { ino: current.ino, offset: 0, head: '' };
        } else if (!current) {
          continue;
        } else if (!pos || current.size < pos.offset || headOf(path, pos.offset) !== pos.head) {
          wm.files[path] = { ino: current.ino, offset: 0, head: '' }; // new, or truncated/rewritten in place
        }
        const p = wm.files[path]!;
        const r = takeLines(path, p.offset, limit - rows.length);
        add(r.lines);
        p.offset = r.offset;
        p.head = headOf(path, p.offset);
      }
      return { rows, next: wm };
    },
    keys: async () => [],
    close: async () => {},
  };
}
