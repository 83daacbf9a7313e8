import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CompanyRepository } from '../store/companyRepository.js';
import type { AppLogRow } from '../sync/companyRows.js';
import { parseLogLine } from '../sync/logLine.js';

/** Lines ingested from files get ids far above any source's, so the two never collide. */
const FILE_ID_BASE = 2 ** 40;

/**
 * `genba logs ingest`: adds the lines of log files (plain text or JSON lines) to the local
 * app_logs, in one transaction. Mining picks them up like synced lines.
 */
export function ingestLogFiles(db: Database.Database, paths: string[], o: { timeZone: string; now: number }): number {
  const max = (db.prepare('SELECT MAX(log_id) AS m FROM app_logs WHERE log_id >= ?').get(FILE_ID_BASE) as { m: number | null }).m;
  let next = (max ?? FILE_ID_BASE - 1) + 1;
  const rows: AppLogRow[] = paths.flatMap((file) => readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0).map((line) => {
    const p = parseLogLine(line, o.timeZone, o.now);
    return { log_id: next++, ts: p.ts, service: p.service ?? basename(file), host: p.host ?? 'local', level: p.level, message: p.message, trace_id: p.trace_id };
  }));
  const repo = new CompanyRepository(db);
  db.transaction(() => repo.upsert('app_logs', rows))();
  return rows.length;
}
