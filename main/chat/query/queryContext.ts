import type Database from 'better-sqlite3';
import type { QueryTable } from '../../api/assistantTypes.js';
import type { Localized } from '../../api/localized.js';
import type { Alert, IncidentReport, Lang, Overview } from '../../api/types.js';

export interface QueryContext {
  db: Database.Database;
  lang: Lang;
  now: number;
  dayStart: number;
  timeZone: string;
  overview: () => Overview;
  /** Incidents of now, or of a window asked for. */
  incidents: (site?: string, window?: { from: number; to: number; label: Localized }) => IncidentReport;
  alerts: () => Alert[];
}

/** What the planner found: the sentences, and the table they were written from. */
export interface QueryAnswer {
  text: string;
  table: QueryTable;
}
