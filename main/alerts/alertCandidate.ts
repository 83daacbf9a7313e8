import type Database from 'better-sqlite3';
import type { AlertKind, LogAnomalyReport, Overview } from '../api/types.js';
import type { AskQueryInput } from '../api/askQuery.js';
import type { Localized } from '../api/localized.js';
import type { GenbaConfig } from '../config/config.js';

/** One alert a rule raises (the engine dedupes, opens, updates and resolves them); and what every rule reads. */
export interface AlertCandidate {
  /** Dedupe key: kind + site + process (or the log anomaly's subject). */
  key: string;
  kind: AlertKind;
  severity: 'warning' | 'critical';
  site: string | null;
  process: string | null;
  title: Localized;
  detail: Record<string, unknown>;
  dataAsOf: number | null;
  /** What its "Propose a fix" asks: the words in each language, and the reading answered as it is. */
  request: { text: Localized; reading: AskQueryInput } | null;
}

export interface RuleInputs {
  db: Database.Database;
  now: number;
  timeZone: string;
  config: GenbaConfig['alerts'];
  /** The working day and the overtime limit (config.planning): when work runs past the day. */
  workday: GenbaConfig['planning'];
  overview: Overview;
  lastSync: number | null;
  anomalies: LogAnomalyReport | null;
  /** The site a log host serves (configured mapping, or the data's own names); none: unknown. */
  siteOfHost?: (host: string) => string | null;
  /** A window asked about (「昨夜」): its incidents are those whose burst overlaps it, counted inside it. */
  window?: { from: number; to: number };
}
