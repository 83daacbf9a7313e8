import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { LogsError } from './logsError.js';
import { basename } from 'node:path';
import { CompanyRepository } from '../store/companyRepository.js';
import type { AppLogRow } from '../store/companyRows.js';
import { parseLogLine } from './logLine.js';
import { writeTransaction } from '../store/writeTransaction.js';

/** Larger files belong in the sync's log-file source, which reads them in batches. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** The file's bytes (decoded later: invalid UTF-8 becomes U+FFFD), or an error that names the file. */
function readLogFile(file: string): Buffer {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    return readFileSync(file);
  } catch (error) {
    throw new LogsError(
      'LOG_FILE_UNREADABLE',
      {
        ja: `ログファイル ${basename(file)} を読めません（存在、権限、種類を確認してください）。何も取り込んでいません。`,
        en: `Cannot read the log file ${basename(file)} (check that it exists, its permissions and kind). Nothing was ingested.`,
      },
      { cause: error, detail: String(error) },
    );
  }
}

/** Lines ingested from files get ids far above any source's, so the two never collide. */
const FILE_ID_BASE = 2 ** 40;

export interface IngestedFile {
  file: string;
  /** Lines added now. */
  lines: number;
  /** Lines of this file that earlier ingests already added (skipped now). */
  alreadyIngested: number;
}
export interface IngestReport {
  lines: number;
  files: IngestedFile[];
}

/** What was taken from one file: its real path, how many bytes and lines, and the hash of those bytes. */
interface Taken {
  bytes: number;
  lines: number;
  sha256: string;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * `genba logs ingest`: adds the lines of log files (plain text or JSON lines) to the local
 * app_logs, in one transaction. Mining picks them up like synced lines. A file is
 * remembered by its path, length and hash: ingesting it again adds nothing, and a file
 * that only grew adds only what was appended, so no line is ever stored twice.
 */
export function ingestLogFiles(db: Database.Database, paths: string[], o: { timeZone: string; now: number }): IngestReport {
  const repo = new CompanyRepository(db);
  const max = (db.prepare('SELECT MAX(log_id) AS m FROM app_logs WHERE log_id >= ?').get(FILE_ID_BASE) as { m: number | null }).m;
  let next = (max ?? FILE_ID_BASE - 1) + 1;
  const rows: AppLogRow[] = [];
  const files: IngestedFile[] = [];
  const marks: [string, Taken][] = [];
  for (const file of paths) {
    const data = readLogFile(file);
    const key = `ingested:${realpathSync(file)}`;
    const before = JSON.parse(repo.getMeta(key) ?? 'null') as Taken | null;
    // The whole file, a last line without a line feed included (a finished file often ends so).
    // A file that only grew since (same first bytes) adds what follows; any other change, all of it.
    const whole = sha(data);
    const prefix = before === null || before.bytes > data.length ? null : before.bytes === data.length ? whole : sha(data.subarray(0, before.bytes));
    const from = before !== null && prefix === before.sha256 ? before.bytes : 0;
    const lines = data
      .subarray(from)
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.length > 0);
    for (const line of lines) {
      const p = parseLogLine(line, o.timeZone, o.now);
      rows.push({
        log_id: next++,
        ts: p.ts,
        service: p.service ?? basename(file),
        host: p.host ?? 'local',
        level: p.level,
        message: p.message,
        trace_id: p.trace_id,
      });
    }
    const already = from > 0 ? before!.lines : 0;
    files.push({ file, lines: lines.length, alreadyIngested: already });
    marks.push([key, { bytes: data.length, lines: already + lines.length, sha256: whole }]);
  }
  writeTransaction(db, () => {
    repo.upsert('app_logs', rows);
    for (const [key, taken] of marks) repo.setMeta(key, JSON.stringify(taken));
  });
  return { lines: rows.length, files };
}
