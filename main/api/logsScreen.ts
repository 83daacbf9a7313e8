import type { FamilyLines, LogAnomalyReport, LogCluster, LogFilter, LogScatterPoint, LogTemplateSummary, LogVolume } from './types.js';

/** The periods the Logs view offers, in hours back from the app's clock: one of them is always chosen. */
export const LOG_PERIOD_HOURS = [1, 6, 24, 168] as const;
export type LogPeriodHours = (typeof LOG_PERIOD_HOURS)[number];
/** The period the Logs view opens on. */
export const DEFAULT_LOG_PERIOD: LogPeriodHours = 24;

/** The one range of a screen: [from, to) in whole minutes, `to` the app's clock (its minute), `hours` back from it. */
export interface LogRange {
  from: number;
  to: number;
  hours: LogPeriodHours;
}

/** What narrows the Logs view besides its range: every panel and every count follows it. */
export type LogNarrowing = Pick<LogFilter, 'level' | 'service' | 'host'>;

/**
 * Everything the Logs view shows, for one range and one narrowing, computed together so that
 * every panel counts the same lines: those that match, written in [range.from, range.to).
 */
export interface LogsScreen {
  range: LogRange;
  narrowing: LogNarrowing;
  /** Lines per bucket and level in the range. */
  volume: LogVolume;
  /**
   * Families with lines in the range: `lines` and `trend` count those lines (the trend in
   * TREND_BUCKETS equal buckets of the range), `templates` the members that have any.
   */
  families: LogCluster[];
  /** The lines of the range in templates of no family, counted as a family's are. */
  outsideFamilies: FamilyLines;
  /**
   * Templates with lines in the range (count, errors and sparkline of those lines): first the
   * ones that changed in it (a spike, a new message, one unlike any family: `changed` of them,
   * the strongest first), then by their lines. At most the limit asked for.
   */
  templates: LogTemplateSummary[];
  /** How many templates have lines in the range, and how many of those changed in it. */
  matched: number;
  changed: number;
  /** The anomalies of the range (its window is the range), those of the narrowed lines. */
  anomalies: LogAnomalyReport;
  /** The templates with lines in the range, sized by those lines; positions as in logs.scatter. */
  scatter: LogScatterPoint[];
}

/** The trends of the Logs view cut its range into this many buckets. */
export const TREND_BUCKETS = 24;
