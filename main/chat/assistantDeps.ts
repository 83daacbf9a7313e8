import type Database from 'better-sqlite3';
import type { LlmService } from '../ai/llmService.js';
import type { PlanConditions, StoredPlan } from '../api/planTypes.js';
import type { Alert, IncidentReport, Lang, LogAnomalyReport, LogSearchHit, Overview } from '../api/types.js';
import type { AppLog } from '../applog/appLog.js';
import type { GenbaConfig } from '../config/config.js';
import type { IncidentReads } from '../alerts/alertService.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { LogWindow } from '../logs/logIntelligence.js';
import type { NamedLogSources, WarningSpan } from '../logs/warningSpan.js';

/** What the assistant reads of the logs: anomalies, search, and the warnings of hosts or services named. */
export interface AssistantLogs {
  anomalies: (window?: LogWindow) => LogAnomalyReport;
  search: (text: string, k: number) => Promise<LogSearchHit[]>;
  /** The warning lines kept for the hosts or services named (logs/warningSpan.ts). */
  warnings: (named: NamedLogSources, window?: { from: number; to: number }) => WarningSpan | null;
}

/** What the assistant reads and calls: the store, the settings and clock of the run, the models, and the other services. */
export interface AssistantDeps {
  db: () => Database.Database;
  config: () => GenbaConfig;
  lang: () => Lang;
  /** The run's language was chosen (`--lang`): answers keep it instead of following the question's. */
  langChosen: () => boolean;
  now: () => number;
  llm: LlmService;
  knowledge: KnowledgeBase;
  overview: () => Overview;
  logs: AssistantLogs;
  alerts: () => Alert[];
  /** Log incidents and the drops in speed they likely caused (all sites, or those touching `site`), from the overview and anomalies `reads` gives. */
  incidents: (site?: string, window?: LogWindow, reads?: IncidentReads) => IncidentReport;
  /** The site a log host serves (ocr-sapporo-01 is Sapporo's; null: a host every site shares). */
  siteOfHost?: () => (host: string) => string | null;
  /** When the last sync finished (epoch ms), or null. */
  lastSync: () => number | null;
  /** The distance table: the config's, or the demo company's when that is the source and the config has none. */
  distancesKm: () => Record<string, Record<string, number>>;
  /** Other names of sites, processes and businesses (alias → canonical name or business id): the config's, and the demo company's business names. */
  aliases: () => Record<string, string>;
  /**
   * The staffing plan of a working day (default: the next): the standing one, or one under the manager's conditions.
   * `store`: kept open for a decision (a request to plan); else the standing plan if there is one, or one worked out and
   * kept nowhere (a question about the day stores nothing).
   */
  plan: (date?: string, conditions?: PlanConditions, store?: boolean) => Promise<StoredPlan>;
  log: AppLog;
  /** The readings of a new set of names were just made: screens showing names in Latin letters read them again. */
  onNamesRead?: () => void;
}
