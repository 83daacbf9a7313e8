import type Database from 'better-sqlite3';
import { localDate, startOfZonedDay } from '../../config/zonedTime.js';

/** What the question narrows the series to (empty: all). */
interface SeriesFilter {
  site: readonly string[];
  process: readonly string[];
  business: readonly string[];
}

/**
 * Items that arrived between `from` and `to`, per site, process or business, from the progress
 * snapshots. A series' done plus waiting counts what its day has received so far, starting
 * again each day: so a day's arrivals in the span are its last figure in the span less its last
 * figure before the span (nothing before it that day: the day's items up to then all count,
 * those that came before the first snapshot too).
 */
export function arrivedIn(
  db: Database.Database,
  o: { from: number; to: number; timeZone: string; filter: SeriesFilter; by: 'site' | 'process' | 'business' },
): { key: string; items: number }[] {
  const list = (xs: readonly string[]): string | null => (xs.length > 0 ? JSON.stringify(xs) : null);
  const rows = db
    .prepare(
      `SELECT location_name, process_name, business_id, snapshot_time, total_waiting + entry_count FROM progress_snapshots
       WHERE snapshot_time >= @start AND snapshot_time <= @to
         AND (@site IS NULL OR location_name IN (SELECT value FROM json_each(@site)))
         AND (@process IS NULL OR process_name IN (SELECT value FROM json_each(@process)))
         AND (@business IS NULL OR business_id IN (SELECT value FROM json_each(@business)))
       ORDER BY snapshot_time`,
    )
    .raw()
    .all({
      start: startOfZonedDay(o.from, o.timeZone),
      to: o.to,
      site: list(o.filter.site),
      process: list(o.filter.process),
      business: list(o.filter.business),
    }) as [string, string, string, number, number][];
  // The local date, memoised per hour: a zone's offset changes at most on the hour.
  const dates = new Map<number, string>();
  const dateOf = (t: number): string => {
    const hour = Math.floor(t / 3_600_000);
    let d = dates.get(hour);
    if (d === undefined) dates.set(hour, (d = localDate(t, o.timeZone)));
    return d;
  };
  const days = new Map<string, { key: string; before: number; last: number | null }>();
  for (const [site, process, business, t, total] of rows) {
    const id = `${site}\u0000${process}\u0000${business}\u0000${dateOf(t)}`;
    let d = days.get(id);
    if (!d) days.set(id, (d = { key: o.by === 'process' ? process : o.by === 'business' ? business : site, before: 0, last: null }));
    if (t < o.from) d.before = total;
    else d.last = total;
  }
  const out = new Map<string, number>();
  for (const d of days.values()) {
    // A figure that fell (items withdrawn or moved) counts as none arrived, not as negative arrivals.
    const n = d.last === null ? 0 : Math.max(0, d.last - d.before);
    out.set(d.key, (out.get(d.key) ?? 0) + n);
  }
  return [...out].map(([key, items]) => ({ key, items })).sort((a, b) => (a.key < b.key ? -1 : 1));
}
