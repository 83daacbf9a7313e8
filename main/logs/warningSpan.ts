import type Database from 'better-sqlite3';

/** The hosts and services a question names, whose lines are counted. */
export interface NamedLogSources {
  hosts: readonly string[];
  services: readonly string[];
}

/**
 * The warning lines kept for some hosts or services: how many, and the first and last written (the span an all-clear
 * says they ran over). Per template and level, with errors, is matchingLines.ts' warningLines.
 */
export interface WarningSpan {
  lines: number;
  first: number;
  last: number;
}

/**
 * The WARN lines the store holds for the hosts or services named (all it keeps as rows: the raw window). An all-clear
 * about a host counts its errors; a warning that has run for days is no incident, and still not «nothing» (locked-1129h:
 * «export-01のdisk warning、いつから？» answered «no log incident» beside 38 warnings since 10/21). Null when none.
 */
export function warningSpan(
  db: Database.Database,
  named: NamedLogSources,
  // The period asked («今日何かあった？»): only its warnings; none asked («いつから？»), every warning kept.
  window?: { from: number; to: number },
): WarningSpan | null {
  if (named.hosts.length === 0 && named.services.length === 0) return null;
  const where = [
    ...(named.hosts.length > 0 ? [`host IN (${named.hosts.map(() => '?').join(', ')})`] : []),
    ...(named.services.length > 0 ? [`service IN (${named.services.map(() => '?').join(', ')})`] : []),
  ].join(' OR ');
  // A total and its first and last line: exact on days kept per hour too (logs/foldedHours.ts), where a row keeps its
  // count and its first and last line, and counts where its first line falls (a day asked about is whole hours).
  const r = db
    .prepare(
      `SELECT SUM(lines) AS lines, MIN(ts) AS first, MAX(COALESCE(last_ts, ts)) AS last FROM app_logs
       WHERE level = 'WARN' AND (${where}) AND ts >= ? AND ts < ?`,
    )
    .get(...named.hosts, ...named.services, window?.from ?? Number.MIN_SAFE_INTEGER, window?.to ?? Number.MAX_SAFE_INTEGER) as {
    lines: number | null;
    first: number | null;
    last: number | null;
  };
  return r.lines ? { lines: r.lines, first: r.first!, last: r.last! } : null;
}
