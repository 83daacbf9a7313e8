import type { GenbaConfig } from '../config/config.js';
import { createClickHouseLogSource } from './clickhouseLogSource.js';

const MINUTE = 60_000;

/** What the check read: the source's lines under the filters, and its newest line (epoch ms). */
export interface LogsSourceCheck {
  lines: number;
  last: number | null;
}

/**
 * Reads a little of a log store before Genba switches to it: connects, describes the table
 * (every configured column must exist, the time column must have a usable type), counts the
 * lines and pulls one minute of groups with every column a sync reads. Switching clears the
 * local copy of the old store's logs, so a table that does not exist, a column it lacks or a
 * refused password must fail here, while nothing local has changed. Throws the source's own
 * error (SyncError, in the manager's language).
 */
export async function checkLogsSource(logs: GenbaConfig['logs'], password: string, now: number): Promise<LogsSourceCheck | null> {
  if (logs.kind !== 'clickhouse') return null;
  const source = createClickHouseLogSource(logs, password, { sites: [], mapping: {} });
  try {
    const span = await source.span();
    const to = Math.floor((span.last ?? now) / MINUTE) * MINUTE + MINUTE;
    await source.shapes(to - MINUTE, to);
    await source.groups(to - MINUTE, to, true);
    return { lines: span.lines, last: span.last };
  } finally {
    await source.close();
  }
}
