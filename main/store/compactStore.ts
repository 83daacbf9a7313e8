import type Database from 'better-sqlite3';
import { startOfZonedDay } from '../config/zonedTime.js';
import { openAlertsFirstSeen } from './alertRows.js';
import { recordCompactedIds, type CompactableTable } from './compactedIds.js';
import { FOLDED_THROUGH, foldLogRows, type FoldInput } from './foldLogRows.js';
import { SNAPSHOTS } from './progressSnapshots.js';
import { writeTransaction } from './writeTransaction.js';

export interface Retention {
  keepRawDays: number;
  keepAggregateDays: number;
  keepSnapshotDays: number;
  timeZone: string;
  /**
   * Rows of a grouped log source newer than this many local days (back from the start of today) stay one per minute;
   * older ones are folded to one per hour (foldLogRows.ts). Unset: nothing is folded.
   */
  keepMinuteDays?: number;
  /**
   * The shape the log source groups lines by, computed here (sync/groupShape.ts): what a folded row is one of. Null or
   * unset where the logs are rows of their own (a row-level source, synced by id): those are never folded.
   */
  foldShape?: ((message: string) => string) | null;
}

export interface CompactionReport {
  rawLogs: number;
  /** Log rows of a minute each folded into rows of an hour (older than keepMinuteDays). */
  foldedLogs: number;
  minuteCounts: number;
  snapshots: number;
  /** Pages given back to the file system. */
  freedPages: number;
  ms: number;
}

/** Rows removed per transaction: small enough that a reader (the UI) never waits long. */
const BATCH = 5000;

/**
 * Where each table's cut lies: the start of the local day `keep` calendar days back, so a kept
 * day is a whole day (the anomaly baselines compare whole windows of earlier days), a DST
 * change between included.
 */
export function retentionCuts(now: number, r: Retention): { raw: number; aggregate: number; snapshots: number; minute: number } {
  const daysBack = (keep: number): number => startOfZonedDay(now, r.timeZone, -keep);
  return {
    raw: daysBack(r.keepRawDays),
    aggregate: daysBack(r.keepAggregateDays),
    snapshots: daysBack(r.keepSnapshotDays),
    // Unset, the minute window is the raw one: nothing lies between them to fold.
    minute: daysBack(r.keepMinuteDays ?? r.keepRawDays),
  };
}

/**
 * Times a decision or an open alert refers to: the day of each proposal's data (its
 * snapshots and log lines are the evidence of the decision), and an open alert's day from
 * its first sighting on. Rows inside are kept whatever their age.
 */
function protectedSpans(db: Database.Database, timeZone: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const { t } of db.prepare('SELECT data_as_of AS t FROM proposals').all() as { t: number }[]) {
    spans.push([startOfZonedDay(t, timeZone), startOfZonedDay(t, timeZone, 1)]);
  }
  for (const t of openAlertsFirstSeen(db)) {
    spans.push([startOfZonedDay(t, timeZone), Infinity]);
  }
  return spans;
}

/** SQL for "not inside any protected span" on `col`, and its parameters. */
function outside(col: string, spans: [number, number][]): { sql: string; params: number[] } {
  if (spans.length === 0) return { sql: '1', params: [] };
  return {
    sql: spans.map(() => `NOT (${col} >= ? AND ${col} < ?)`).join(' AND '),
    params: spans.flatMap(([a, b]) => [a, Number.isFinite(b) ? b : Number.MAX_SAFE_INTEGER]),
  };
}

/** What compaction would remove now, without removing it (`genba status`). */
export function retentionPreview(db: Database.Database, now: number, r: Retention): { rawLogs: number; minuteCounts: number; snapshots: number } {
  const cut = retentionCuts(now, r);
  const spans = protectedSpans(db, r.timeZone);
  const count = (table: string, col: string, before: number): number => {
    const o = outside(col, spans);
    return (
      db
        .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${col} < ? AND ${o.sql}${table === 'app_logs' ? ' AND template_id IS NOT NULL' : ''}`)
        .get(before, ...o.params) as { n: number }
    ).n;
  };
  return {
    rawLogs: count('app_logs', 'ts', cut.raw),
    minuteCounts: count('log_template_minutes', 'minute', cut.aggregate),
    snapshots: count(SNAPSHOTS.table, SNAPSHOTS.time, cut.snapshots),
  };
}

/**
 * Removes what retention no longer keeps, in small transactions with a pause between them
 * (the event loop, and so the UI, stays responsive), then gives the freed pages back to the
 * file system. Raw log rows go before their per-minute counts, which go before the
 * templates' totals (kept forever: they are small and carry the history). Snapshots a
 * decision or an open alert refers to stay.
 */
export async function compactStore(
  db: Database.Database,
  now: number,
  r: Retention,
  pause: () => Promise<void> = () => new Promise((ok) => setImmediate(ok)),
): Promise<CompactionReport> {
  const t0 = performance.now();
  const cut = retentionCuts(now, r);
  let freedAlong = 0;
  /**
   * Runs `step` (one transaction over at most `limit` rows; it returns how many it took) until a step takes fewer than
   * its limit, with a pause between steps.
   */
  const inBatches = async (step: (limit: number) => number): Promise<number> => {
    let total = 0;
    let limit = BATCH;
    /** Met a full disk: from then on every batch gives its space back before the next. */
    let full = false;
    for (;;) {
      let n: number;
      try {
        n = step(limit);
      } catch (error) {
        // A full disk: even a delete needs room in the write-ahead log. Give back what earlier
        // batches freed and try a smaller batch; only a batch of one that cannot be written fails.
        if ((error as { code?: string }).code !== 'SQLITE_FULL' || limit === 1) throw error;
        full = true;
        freedAlong += giveBackNow(db);
        limit = Math.max(1, Math.floor(limit / 4));
        continue;
      }
      total += n;
      if (n < limit) return total;
      // Space freed as it goes, so that compaction on a full disk makes room for its own next batch.
      if (full) freedAlong += giveBackNow(db);
      limit = Math.min(BATCH, limit * 2);
      await pause();
    }
  };
  /**
   * Deletes rows of `table` older than `before` by their key (`key`: one column, or several
   * for a WITHOUT ROWID table). The ids deleted from a table synced by id are remembered in
   * the same transaction (compactedIds.ts): the sync's look-back must not take them for rows
   * still to come, nor read and count them again.
   */
  const batched = (table: string, key: string, col: string, before: number, also = '1', remember?: CompactableTable): Promise<number> =>
    inBatches((limit) => {
      // Read again for every batch: a decision taken meanwhile protects its day at once.
      const o = outside(col, protectedSpans(db, r.timeZone));
      const where = `(${key}) IN (SELECT ${key} FROM ${table} WHERE ${col} < ? AND ${o.sql} AND ${also} LIMIT ${limit})`;
      return writeTransaction(db, () => {
        if (!remember) return db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(before, ...o.params).changes;
        const ids = (
          db
            .prepare(`DELETE FROM ${table} WHERE ${where} RETURNING ${key}`)
            .raw()
            .all(before, ...o.params) as [number][]
        ).map((x) => x[0]);
        recordCompactedIds(db, remember, ids);
        return ids.length;
      });
    });
  // A line not yet mined has not reached its template's counts: it stays until it has.
  const rawLogs = await batched('app_logs', 'log_id', 'ts', cut.raw, 'template_id IS NOT NULL', 'app_logs');
  const foldedLogs = r.foldShape && cut.minute > cut.raw ? await inBatches(foldStep(db, cut, { shape: r.foldShape, timeZone: r.timeZone })) : 0;
  const minuteCounts = await batched('log_template_minutes', 'template_id, minute', 'minute', cut.aggregate);
  const snapshots = await batched(SNAPSHOTS.table, SNAPSHOTS.key, SNAPSHOTS.time, cut.snapshots, '1', SNAPSHOTS.table);
  const freedPages = freedAlong + (await giveBackPages(db, pause));
  return { rawLogs, foldedLogs, minuteCounts, snapshots, freedPages, ms: Math.round(performance.now() - t0) };
}

/**
 * One batch of folding: the oldest minute rows of [the raw cut, the minute cut) not yet folded, outside the spans a
 * decision or an open alert protects (their rows stay as they were seen), are deleted and written folded in one
 * transaction; a later batch that reaches the same hour adds to its folded rows. Only mined rows fold (a row's
 * template is part of what it is folded with). Each batch starts where the last one ended, and the whole run where the
 * last run finished (FOLDED_THROUGH): the folded week is not read again after every sync.
 */
function foldStep(db: Database.Database, cut: { raw: number; minute: number }, rule: { shape: (message: string) => string; timeZone: string }) {
  const through = db.prepare('SELECT value FROM meta WHERE key = ?').get(FOLDED_THROUGH) as { value: string } | undefined;
  let after = Math.max(cut.raw, through ? Number(through.value) : -Infinity);
  return (limit: number): number => {
    const o = outside('ts', protectedSpans(db, rule.timeZone));
    const taken = writeTransaction(db, () => {
      const rows = db
        .prepare(
          `SELECT log_id, ts, last_ts, service, host, level, message, trace_id, template_id, lines FROM app_logs
           WHERE ts >= ? AND ts < ? AND folded = 0 AND template_id IS NOT NULL AND ${o.sql} ORDER BY ts LIMIT ${limit}`,
        )
        .all(after, cut.minute, ...o.params) as (FoldInput & { log_id: number })[];
      const drop = db.prepare('DELETE FROM app_logs WHERE log_id = ?');
      for (const row of rows) drop.run(row.log_id);
      foldLogRows(db, rows, rule);
      const next = rows.length < limit ? cut.minute : rows.at(-1)!.ts;
      if (rows.length < limit)
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(FOLDED_THROUGH, String(next));
      return { n: rows.length, next };
    });
    // Moved on only once committed: a batch that failed (a full disk) is read again from the same place.
    after = taken.next;
    return taken.n;
  };
}

/**
 * Writes the write-ahead log back and empties it, and with incremental auto-vacuum returns
 * the free pages: the file shrinks now. Returns the pages given back.
 */
function giveBackNow(db: Database.Database): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2 || free === 0) return 0;
  try {
    db.pragma('incremental_vacuum');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return free;
  } catch (error) {
    // Moving pages needs a little room in the log too: the next, smaller batch tries again.
    if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
    return 0;
  }
}

/**
 * Freed pages back to the file system. A store made with incremental auto-vacuum gives
 * them back a few hundred at a time; an older store (auto_vacuum off) is switched once,
 * with a full VACUUM, the first time compaction frees a quarter of it.
 */
async function giveBackPages(db: Database.Database, pause: () => Promise<void>): Promise<number> {
  const free = (): number => db.pragma('freelist_count', { simple: true }) as number;
  const before = free();
  if (before === 0) return 0;
  if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) {
    const pages = db.pragma('page_count', { simple: true }) as number;
    if (before < pages / 4) return 0;
    try {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    } catch (error) {
      // VACUUM copies the whole file: without room for it the freed pages stay inside, reused by later writes.
      if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
      return 0;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    return before;
  }
  while (free() > 0) {
    db.pragma('incremental_vacuum(500)');
    // Written back as it goes (without waiting for readers): the log is then reused from its
    // start instead of growing by every page moved, which a nearly full disk has no room for.
    db.pragma('wal_checkpoint(PASSIVE)');
    await pause();
  }
  // In WAL mode the file itself shrinks once the log is written back.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return before;
}
