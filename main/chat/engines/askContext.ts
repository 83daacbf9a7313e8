import type Database from 'better-sqlite3';
import type { AskQuery } from '../../api/askQuery.js';
import type { AskResult, Citation, UnusedWord, Proposal, QueryTable, ThresholdAction } from '../../api/assistantTypes.js';
import type { BusinessNames } from '../../api/businessLabel.js';
import type { StoredPlan } from '../../api/planTypes.js';
import type { ChatStage, Lang, Overview, ProcessProgress } from '../../api/types.js';
import type { GenbaConfig } from '../../config/config.js';
import type { ProposeOptions } from '../../placement/proposePlacement.js';
import type { placementSituation } from '../../placement/placementSituation.js';
import type { AssistantDeps } from '../assistantDeps.js';
import type { QueryWindow } from '../query/queryWindow.js';
import type { QuestionReads } from './questionReads.js';

/** Everything an engine reads for one question: fixed once, so every engine of the question sees the same clock and settings. */
export interface AskContext extends QuestionReads {
  /**
   * The question's text, for searching free text only (the know-how's rules, the log lines): what is asked is the
   * query's, read once, so that two questions read alike are answered alike.
   */
  searchText: string;
  /**
   * The question's exclusions and numbers its reading did not use (「盛岡以外」 unread): the answer says so, and nothing is
   * stored for a decision (a proposal or a plan would ignore them).
   */
  leftOut: UnusedWord[];
  /** The yes or no of a check may be said: every word read, and the measure named by the question's own words. */
  verdict: boolean;
  lang: Lang;
  now: number;
  dayStart: number;
  /** The local date of `now`. */
  today: string;
  db: Database.Database;
  cfg: GenbaConfig;
  tz: { lang: Lang; timeZone: string; dayStart: number; businessNames: BusinessNames };
  deps: AssistantDeps;
  /** The overview of now, computed once for the question when an engine first needs it. */
  overview: () => Overview;
  series: () => ProcessProgress[];
  situationOptions: Parameters<typeof placementSituation>[1];
  proposeOptions: ProposeOptions;
  /** The query's time as a span (`fallback` when it names none). */
  window: (q: AskQuery, fallback?: 'today' | 'last_hour') => QueryWindow;
  onStage?: (stage: ChatStage) => void;
  /** The answer model's text as it streams. */
  onChunk?: (text: string) => void;
  signal?: AbortSignal;
}

/** What an engine found. Only `text` is required; the rest is what the answer shows beside it. */
export interface EngineOutput {
  /** The templated answer. */
  text: string;
  /** What an answer model may explain (its numbers are the only ones it may use); absent: the template is the answer. */
  facts?: string;
  table?: QueryTable | null;
  /** A proposal to store (only the propose engine makes one). */
  proposal?: Proposal | null;
  plan?: StoredPlan;
  action?: ThresholdAction | null;
  clarify?: AskResult['clarify'];
  /** Words to look the know-how up with (the question's own are added), or absent: no know-how for this answer. */
  knowhow?: string[];
  /** Append the know-how found to the text (advice, a know-how question). */
  showKnowhow?: boolean;
  /** Figures of the situation that help find the matching rule (「納期20分前」). */
  situationWords?: string;
  optimizeMs?: number;
  citations?: Citation[];
  /** The text already says the moves approved today for the line it is about (else the result builder says them first). */
  saysDecisions?: boolean;
}

/** An engine: the query, read once, answered from the store and the other engines' figures. */
export type Engine = (q: AskQuery, c: AskContext) => Promise<EngineOutput>;
