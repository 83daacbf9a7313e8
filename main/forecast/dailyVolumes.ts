import type Database from 'better-sqlite3';
import { localDate } from '../config/zonedTime.js';
import { snapshotVolumes } from '../store/progressSnapshots.js';
import type { DailySeries } from './dailySeries.js';

/** A stored series of daily items: which site, business and process, and where its figures come from. */
export interface StoredSeries extends DailySeries {
  site: string;
  businessId: string;
  process: string;
  /** `arrivals`: the company's count of items received; `snapshots`: done plus remaining at the day's last snapshot. */
  from: 'arrivals' | 'snapshots';
}

export const volumeKey = (site: string, businessId: string, process: string): string => `${site}/${businessId}/${process}`;

/**
 * Each series' items per day up to `until` (a local date, included). The company's arrivals
 * where it records them; otherwise the progress snapshots, where the last snapshot of a day
 * holds everything that day had to do (done plus still waiting). Only days with data are
 * listed: a missing day is unknown, not zero.
 */
export function dailyVolumes(db: Database.Database, o: { timeZone: string; until: string }): StoredSeries[] {
  const hasArrivals = (db.prepare('SELECT EXISTS (SELECT 1 FROM arrivals) AS x').get() as { x: number }).x === 1;
  return hasArrivals ? fromArrivals(db, o.until) : fromSnapshots(db, o.timeZone, o.until);
}

function fromArrivals(db: Database.Database, until: string): StoredSeries[] {
  const rows = db
    .prepare(
      `SELECT location_name AS site, business_id AS businessId, process_name AS process, arrival_date AS date, SUM(items) AS value
       FROM arrivals WHERE arrival_date <= ? GROUP BY location_name, business_id, process_name, arrival_date
       ORDER BY location_name, business_id, process_name, arrival_date`,
    )
    .all(until) as { site: string; businessId: string; process: string; date: string; value: number }[];
  return group(rows, 'arrivals');
}

function fromSnapshots(db: Database.Database, timeZone: string, until: string): StoredSeries[] {
  const rows = snapshotVolumes(db);
  // The local date of an instant, memoised per hour: a zone's offset changes at most on the hour.
  const dates = new Map<number, string>();
  const dateOf = (t: number): string => {
    const hour = Math.floor(t / 3_600_000);
    let d = dates.get(hour);
    if (d === undefined) {
      d = localDate(t, timeZone);
      dates.set(hour, d);
    }
    return d;
  };
  // The last snapshot of each series and day: rows are in time order, so a later one replaces an earlier one.
  const last = new Map<string, { site: string; businessId: string; process: string; date: string; value: number }>();
  for (const [site, businessId, process, t, value] of rows) {
    const date = dateOf(t);
    if (date > until) continue;
    last.set(`${volumeKey(site, businessId, process)}\u0000${date}`, { site, businessId, process, date, value });
  }
  return group([...last.values()], 'snapshots');
}

function group(rows: { site: string; businessId: string; process: string; date: string; value: number }[], from: StoredSeries['from']): StoredSeries[] {
  const out = new Map<string, StoredSeries>();
  for (const r of rows) {
    const key = volumeKey(r.site, r.businessId, r.process);
    let s = out.get(key);
    if (!s) {
      s = { key, site: r.site, businessId: r.businessId, process: r.process, from, values: [] };
      out.set(key, s);
    }
    s.values.push({ date: r.date, value: r.value });
  }
  return [...out.values()];
}
