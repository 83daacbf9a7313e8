import type Database from 'better-sqlite3';
import { startOfZonedHour } from '../config/zonedTime.js';

const HOUR = 3_600_000;
/** Offsets change only at whole quarter hours: every instant of a quarter hour has the same local hour start. */
const QUARTER = 900_000;

/**
 * meta: the end of the newest hour folded so far (epoch ms). A reader whose window starts before it may meet rows
 * that stand for an hour; the sync never takes back (nor pulls again) anything before it.
 */
export const FOLDED_UNTIL = 'logs_folded_until';

/**
 * meta: every minute row of a grouped source older than this was folded by an earlier compaction (or lay in a span a
 * decision or an open alert protected then, and stays as it is). The next compaction starts here instead of reading
 * the week's folded rows again.
 */
export const FOLDED_THROUGH = 'logs_folded_through';

/** A log row of a grouped source, as read from app_logs or as a sync's group about to be written. */
export interface FoldInput {
  ts: number;
  last_ts: number | null;
  service: string;
  host: string;
  level: string;
  message: string;
  trace_id: string | null;
  template_id: number;
  lines: number;
}

/** How rows are folded: the shape the log store groups by, computed here (sync/groupShape.ts), and the company's zone. */
export interface FoldRule {
  shape: (message: string) => string;
  timeZone: string;
}

/** The end of the newest folded hour, or null when no row was ever folded in this copy of the logs. */
export function foldedUntil(db: Database.Database): number | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(FOLDED_UNTIL) as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

/** The local hour start of each instant, cached per quarter hour: a day's rows need a few dozen zone look-ups, not one each. */
export function hourOf(timeZone: string): (ts: number) => number {
  const cache = new Map<number, number>();
  return (ts) => {
    const q = Math.floor(ts / QUARTER);
    let start = cache.get(q);
    if (start === undefined) {
      start = startOfZonedHour(q * QUARTER, timeZone);
      cache.set(q, start);
    }
    return start;
  };
}

interface Folded extends FoldInput {
  /** The newest line's time among the inputs: the sample is its row's message. */
  newest: number;
}

/**
 * Writes `rows` folded: one row per local hour, host, service, level, shape and template, merged with the folded rows
 * already there for the same key (which are deleted and written again: an update of `ts` would fire the trigger that
 * takes a changed row's count back, migration 007). `lines` is the sum, `ts` the first line, `last_ts` the last; the
 * template is part of the key, so a template's lines stay its own even where two messages of one shape mined apart
 * (the sync's mixedShapes). The message kept is that of the row with the newest line, and its trace id with it: one
 * real message of the shape, so the drill-down (sync/templateDrill.ts) finds the shape's lines by it exactly, and the
 * sample a reader shows for a window (newest first) is the hour's latest text. Runs inside the caller's transaction
 * (the caller deletes the minute rows it folded in the same one), so a kill at any instant loses and duplicates no line.
 * Returns the rows written.
 */
export function foldLogRows(db: Database.Database, rows: readonly FoldInput[], rule: FoldRule): number {
  if (rows.length === 0) return 0;
  const hour = hourOf(rule.timeZone);
  const shapes = new Map<string, string>();
  const shapeOf = (message: string): string => {
    let s = shapes.get(message);
    if (s === undefined) {
      s = rule.shape(message);
      shapes.set(message, s);
    }
    return s;
  };
  const keyOf = (r: FoldInput, h: number): string => [h, r.host, r.service, r.level, r.template_id, shapeOf(r.message)].join('\u0000');
  const folded = new Map<string, Folded>();
  const add = (r: FoldInput): void => {
    const key = keyOf(r, hour(r.ts));
    const last = r.last_ts ?? r.ts;
    const f = folded.get(key);
    if (!f) {
      folded.set(key, { ...r, last_ts: last, newest: last });
      return;
    }
    f.lines += r.lines;
    f.ts = Math.min(f.ts, r.ts);
    f.last_ts = Math.max(f.last_ts!, last);
    if (last > f.newest) Object.assign(f, { newest: last, message: r.message, trace_id: r.trace_id });
  };
  const hours = new Set(rows.map((r) => hour(r.ts)));
  // The rows folded earlier for these hours: a key met again adds to its row.
  const earlier = db.prepare(
    `SELECT log_id, ts, last_ts, service, host, level, message, trace_id, template_id, lines FROM app_logs WHERE folded = 1 AND ts >= ? AND ts < ?`,
  );
  const drop = db.prepare('DELETE FROM app_logs WHERE log_id = ?');
  const wanted = new Set(rows.map((r) => keyOf(r, hour(r.ts))));
  for (const h of hours) {
    for (const r of earlier.all(h, h + HOUR) as (FoldInput & { log_id: number })[]) {
      // A row of another hour that the index range also holds (a zone whose hours are not the epoch's) is left alone.
      if (hour(r.ts) !== h || !wanted.has(keyOf(r, h))) continue;
      drop.run(r.log_id);
      add(r);
    }
  }
  for (const r of rows) add(r);
  const insert = db.prepare(
    `INSERT INTO app_logs (ts, service, host, level, message, trace_id, template_id, lines, last_ts, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  let until = foldedUntil(db) ?? -Infinity;
  for (const f of folded.values()) {
    insert.run(f.ts, f.service, f.host, f.level, f.message, f.trace_id, f.template_id, f.lines, f.last_ts);
    until = Math.max(until, hour(f.ts) + HOUR);
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(FOLDED_UNTIL, String(until));
  return folded.size;
}
