import type Database from 'better-sqlite3';
import type { QueryTable } from '../../api/assistantTypes.js';
import type { Localized } from '../../api/localized.js';
import type { Alert, IncidentReport, Lang, Overview } from '../../api/types.js';
import type { WorkdayHours } from './queryWindow.js';

export interface QueryContext {
  db: Database.Database;
  lang: Lang;
  now: number;
  dayStart: number;
  timeZone: string;
  /** The working day's hours (planning.workday): 「今朝」 is the working morning. */
  workday: WorkdayHours;
  overview: () => Overview;
  /** Incidents of now, or of a window asked for. */
  incidents: (site?: string, window?: { from: number; to: number; label: Localized }) => IncidentReport;
  alerts: () => Alert[];
  /** The skill placement asks for (placement.minSkill): who 「can do」 a process, when the question names no level. */
  minSkill?: number;
  /**
   * Whether a yes or no may be said: false when the reading left a word of the question unused, or took its measure by
   * default with no word naming one, so a verdict would claim more than was read ("Can the helpers do the final check?"
   * read as "will they make the deadline?"). The facts stay.
   */
  verdict?: boolean;
  /** The site a log host serves (null: a host every site shares): a site's log figures are its own hosts'. */
  siteOfHost?: (host: string) => string | null;
  /** One person's overtime limit for a calendar month, in minutes (planning.monthlyOvertimeLimitHours). */
  monthlyOvertimeLimitMinutes?: number;
}

/** What the planner found: the sentences, and the table they were written from. */
export interface QueryAnswer {
  text: string;
  table: QueryTable;
}
