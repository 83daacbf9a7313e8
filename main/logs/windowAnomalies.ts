import type Database from 'better-sqlite3';
import { monthDayFigure } from '../api/figures.js';
import type { Localized } from '../api/localized.js';
import { localDate, startOfZonedDay } from '../config/zonedTime.js';
import { DEFAULT_ANOMALY, detectAnomalies, type AnomalyReport } from './logAnomalies.js';

/**
 * What looks wrong in the last hour, or in a window asked about (「昨夜」, 「14時から」): a
 * window in the past is looked at as of its end, against the same hours of earlier days.
 */
export function windowAnomalies(db: Database.Database, now: number, timeZone: string, window?: { from: number; to: number; label: Localized }): AnomalyReport {
  if (!window) return detectAnomalies(db, now, timeZone);
  const to = Math.min(window.to, now);
  const windowMinutes = Math.max(10, Math.round((to - window.from) / 60_000));
  if (startOfZonedDay(window.from, timeZone, 1) >= to)
    return detectAnomalies(db, to, timeZone, { ...DEFAULT_ANOMALY, windowMinutes, windowLabel: window.label });
  // A window of several days is looked at a day at a time, each day against the same hours of the days before it: an
  // incident is a burst against its own day's usual. The week's total against earlier weeks' hides a failure that recurs
  // most weeks (the database pool on 10/22), and against earlier spans that hold a weekend makes every weekday message a
  // spike.
  const anomalies: AnomalyReport['anomalies'] = [];
  // In warm-up only while every day is: the records' first day does not hide the days after it.
  let warmup = true;
  for (let day = startOfZonedDay(window.from, timeZone); day < to; day = startOfZonedDay(day, timeZone, 1)) {
    const [from, end] = [Math.max(day, window.from), Math.min(startOfZonedDay(day, timeZone, 1), to)];
    if (end - from < 10 * 60_000) continue;
    const label = monthDayFigure(localDate(day, timeZone));
    const r = detectAnomalies(db, end, timeZone, {
      ...DEFAULT_ANOMALY,
      windowMinutes: Math.round((end - from) / 60_000),
      windowLabel: { ja: label, en: label },
    });
    anomalies.push(...r.anomalies);
    warmup &&= r.warmup;
  }
  return { now: to, windowMinutes, warmup, anomalies };
}
