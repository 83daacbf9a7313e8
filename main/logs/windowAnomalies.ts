import type Database from 'better-sqlite3';
import type { Localized } from '../api/localized.js';
import { DEFAULT_ANOMALY, detectAnomalies, type AnomalyReport } from './logAnomalies.js';

/**
 * What looks wrong in the last hour, or in a window asked about (「昨夜」, 「14時から」): a
 * window in the past is looked at as of its end, against the same hours of earlier days.
 */
export function windowAnomalies(db: Database.Database, now: number, timeZone: string, window?: { from: number; to: number; label: Localized }): AnomalyReport {
  if (!window) return detectAnomalies(db, now, timeZone);
  const to = Math.min(window.to, now);
  const windowMinutes = Math.max(10, Math.round((to - window.from) / 60_000));
  return detectAnomalies(db, to, timeZone, { ...DEFAULT_ANOMALY, windowMinutes, windowLabel: window.label });
}
