import type Database from 'better-sqlite3';
import type { DayForecast } from '../api/planTypes.js';
import { localDate, startOfZonedDay } from '../config/zonedTime.js';
import { countSnapshots } from '../store/progressSnapshots.js';
import { dailyVolumes } from './dailyVolumes.js';
import { forecastSeries, MIN_HISTORY } from './forecastSeries.js';

const memo = new WeakMap<Database.Database, { key: string; value: Map<string, DayForecast> }>();

/**
 * Today's forecast of each series (by `volumeKey`), made from the history before today: what the
 * evening before expected. Computed once a day, and again when that history changes, so an
 * alert check or a question every few minutes does not refit fifty series (docs/bench/
 * 2026-11-26-forecast-refit-costs.md).
 */
export function forecastOfToday(db: Database.Database, o: { now: number; timeZone: string }): Map<string, DayForecast> {
  const today = localDate(o.now, o.timeZone);
  const arrivals = db.prepare(`SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) AS v FROM arrivals WHERE arrival_date < ?`).get(today) as { v: string };
  const key = `${today}|${o.timeZone}|${arrivals.v}/${countSnapshots(db, null, startOfZonedDay(o.now, o.timeZone))}`;
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
