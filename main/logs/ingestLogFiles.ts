import type Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { SyncError } from '../sync/syncError.js';
import { basename } from 'node:path';
import { CompanyRepository } from '../store/companyRepository.js';
import type { AppLogRow } from '../sync/companyRows.js';
import { parseLogLine } from '../sync/logLine.js';

/** Larger files belong in the sync's log-file source, which reads them in batches. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** The file's text (invalid UTF-8 becomes U+FFFD), or an error that names the file. */
function readLogFile(file: string): string {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SyncError('LOG_FILE_UNREADABLE', {
      ja: `ログファイル ${basename(file)} を読めません（存在、権限、種類を確認してください）。何も取り込んでいません。`,
      en: `Cannot read the log file ${basename(file)} (check that it exists, its permissions and kind). Nothing was ingested.`,
    }, { cause: error, detail: String(error) });
  }
}

/** Lines ingested from files get ids far above any source's, so the two never collide. */
const FILE_ID_BASE = 2 ** 40;

/**
 * `genba logs ingest`: adds the lines of log files (plain text or JSON lines) to the local
 * app_logs, in one transaction. Mining picks them up like synced lines.
 */
export function ingestLogFiles(db: Database.Database, paths: string[], o: { timeZone: string; now: number }): number {
  const max = (db.prepare('SELECT MAX(log_id) AS m FROM app_logs WHERE log_id >= ?').get(FILE_ID_BASE) as { m: number | null }).m;
  let next = (max ?? FILE_ID_BASE - 1) + 1;
  const rows: AppLogRow[] = paths.flatMap((file) => readLogFile(file).split(/\r?\n/).filter((l) => l.length > 0).map((line) => {
    const p = parseLogLine(line, o.timeZone, o.now);
    return { log_id: next++, ts: p.ts, service: p.service ?? basename(file), host: p.host ?? 'local', level: p.level, message: p.message, trace_id: p.trace_id };
  }));
  const repo = new CompanyRepository(db);
  db.transaction(() => repo.upsert('app_logs', rows))();
  return rows.length;
}
