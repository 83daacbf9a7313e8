import type Database from 'better-sqlite3';

/**
 * Whether the logs come from a server that groups them (ClickHouse, MySQL with `aggregate`): their
 * pull's watermark is a minute (logGroupSync.ts). Then a template's values were noted from the
 * groups' sampled messages, over all time, whether or not its rows are still kept. Another source
 * of logs starts a fresh copy, so the pull's kind is that of every template's values.
 */
export function groupedLogs(db: Database.Database): boolean {
  const row = db.prepare("SELECT watermark FROM sync_state WHERE table_name = 'app_logs'").get() as { watermark: string | null } | undefined;
  if (!row?.watermark) return false;
  try {
    return typeof (JSON.parse(row.watermark) as { minute?: unknown } | null)?.minute === 'number';
  } catch {
    return false;
  }
}
