import type Database from 'better-sqlite3';
import type { DayForecast } from '../api/planTypes.js';
import { localDate, startOfZonedDay } from '../config/zonedTime.js';
import { dailyVolumes } from './dailyVolumes.js';
import { forecastSeries, MIN_HISTORY } from './forecastSeries.js';

const memo = new WeakMap<Database.Database, { key: string; value: Map<string, DayForecast> }>();

/**
 * Today's forecast of each series (by `volumeKey`), made from the history before today: what the
 * evening before expected. Computed once a day, and again when that history changes, so an
 * alert check or a question every few minutes does not refit fifty series (~20 ms each).
 */
export function forecastOfToday(db: Database.Database, o: { now: number; timeZone: string }): Map<string, DayForecast> {
  const today = localDate(o.now, o.timeZone);
  const version = db
    .prepare(
      `SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) FROM arrivals WHERE arrival_date < ?)
         || '/' || (SELECT COUNT(*) FROM progress_snapshots WHERE snapshot_time < ?) AS v`,
    )
    .get(today, startOfZonedDay(o.now, o.timeZone)) as { v: string };
  const key = `${today}|${o.timeZone}|${version.v}`;
  const cached = memo.get(db);
  if (cached?.key === key) return cached.value;
  const value = new Map<string, DayForecast>();
  for (const s of dailyVolumes(db, { timeZone: o.timeZone, until: today })) {
    const history = s.values.filter((v) => v.date < today);
    if (history.length >= MIN_HISTORY) value.set(s.key, forecastSeries(history, [today])[0]!);
  }
  memo.set(db, { key, value });
  return value;
}
