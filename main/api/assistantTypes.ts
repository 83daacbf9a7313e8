/** DTOs of the placement assistant: chat, proposals, approvals and know-how. */
import type { AskQuery, AskQueryInput } from './askQuery.js';
import type { EngineId } from './engineIds.js';
import type { PlanAtCompany, StoredPlan } from './planTypes.js';
import type { FloorDecision } from './floorDecision.js';

/** A span of time an engine reads (epoch ms), with the words that name it ('today', 'yesterday'). */
export interface TimeRange {
  from: number;
  to: number;
  label: string;
}

export interface Citation {
  docId: number;
  chunkId: number;
  title: string;
  /** The English title of a document Genba ships; absent for the company's own. */
  titleEn?: string;
  /** The English version Genba ships of this section of its own documents; absent for the company's own. */
  headingEn?: string;
  textEn?: string;
  heading: string | null;
  text: string;
  score: number;
}

export interface MovedOperator {
  id: number;
  name: string;
  from: string;
  skill: number;
  experienceMonths: number;
  perHour: number;
  distanceKm: number | null;
  reason: string;
}

export interface PlacementChange {
  from: string;
  to: string;
  process: string;
  count: number;
  operators: string[];
}

export interface WhatIf {
  moves: number;
  projectedFinish: number | null;
  minutesLate: number | null;
  feasible: boolean;
}

export interface Proposal {
  id: string;
  createdAt: number;
  site: string;
  process: string;
  businessId: string;
  deadline: number;
  changes: PlacementChange[];
  operators: MovedOperator[];
  impact: { productivity: string; delay_minutes: number; quality: 'maintained' | 'watch' };
  /** The numbers the proposal stands on; the answer may only use these. */
  facts: PlacementFacts;
  reason: string;
  /** Why fewer people (or none) than needed could be found; null when the need is covered. */
  shortfall: string | null;
  whatIf: WhatIf[];
  /**
   * What the giving sites lose: each business of the process the moved people leave, its
   * speed and finish before and after (absent on proposals stored before it existed).
   */
  donors?: DonorEffect[];
  citations: Citation[];
  data_as_of: number;
}

/** One business of a giving process before and after; businessId null: the process has no work left today (no effect). */
export interface DonorEffect {
  site: string;
  process: string;
  businessId: string | null;
  deadline: number | null;
  before: { perMinute: number | null; finish: number | null; minutesLate: number | null } | null;
  after: { perMinute: number | null; finish: number | null; minutesLate: number | null } | null;
}

export interface PlacementFacts {
  remaining: number;
  minutesLeft: number;
  currentPerMinute: number;
  requiredPerMinute: number;
  deficitPerMinute: number;
  minutesLateNow: number | null;
  projectedFinishNow: number | null;
  neededByRate: number;
  policyMinMoves: number;
  moves: number;
  addedPerMinute: number;
  projectedFinish: number | null;
  minutesLateAfter: number | null;
  switchMinutes: number;
  /** When the target's numbers were taken (epoch ms): the time every projection starts from. */
  snapshotTime?: number;
}

export interface AskTimings {
  /** Reading the request into its query (the rules, or the intent model under its grammar). */
  read_ms: number;
  retrieval_ms: number;
  data_ms: number;
  optimize_ms: number;
  answer_ms: number;
  total_ms: number;
}

/** A stored conversation, as the Chat view lists it. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  turns: number;
}
export interface ConversationDetail extends Omit<ConversationSummary, 'turns'> {
  turns: { at: number; question: string; result: AskResult }[];
}

/**
 * A word of a question that changed nothing in its reading: an exclusion or a negation (「以外」「出さないで」, "without"), a
 * number, a word of time (「月末」, "September", "days"), or another content word Genba does not know. An exclusion, a
 * number or a time unused means the answer leaves it out: it is said before the answer.
 */
export interface UnusedWord {
  word: string;
  kind: 'negation' | 'number' | 'time' | 'word';
}

export interface AskResult {
  /** The stored conversation this turn belongs to; null when the caller keeps none (genba ask). */
  conversationId?: string | null;
  /** Set when the request was read as a follow-up: the question it continues, and what it kept of that one's query. */
  followUp?: { from: string; kept: string[] } | null;
  question: string;
  /**
   * Set when Genba is not sure what the request asks (its reading is below the confidence line): what it understood,
   * and the closest readings as choices (never none). An option sends `ask` again with its `reading`, answered as it is.
   */
  clarify: { question: string; options: { label: string; ask: string; reading?: AskQueryInput }[] } | null;
  proposal: Proposal | null;
  /** A staffing plan the answer made (「明日の最適配置を提案して」): decided on its card or in the Plan view. */
  plan?: StoredPlan | null;
  /**
   * A setting change the answer proposes (alert_improvement: a stricter threshold), applied
   * only when the manager approves it through `alerts.applyThreshold`.
   */
  action?: ThresholdAction | null;
  /**
   * What the request was read as (docs/ask-query.md), how sure the reader was of the operation,
   * and who read it (the intent model under its grammar, or the rules; absent before the model
   * could); absent on answers stored before the query existed.
   */
  query?: {
    read: AskQuery;
    confidence: number;
    answeredBy: EngineId | 'engine';
    readBy?: 'model' | 'rules' | 'chosen' | 'follow_up';
    /** The question's words that changed nothing in the reading (wordsAccounted.ts): shown marked beside it. */
    unused?: UnusedWord[];
  } | null;
  /** The table a planned answer was written from (every figure of the text is in it). */
  table?: QueryTable | null;
  answer: string;
  answerSource: 'model' | 'template' | 'template_guarded';
  citations: Citation[];
  timings: AskTimings;
}

/** Rows a planned answer was written from: a name, then the measure's value (null: no figure). */
export interface QueryTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** A proposed alert threshold: the setting, its value when proposed, and the value proposed. */
export interface ThresholdAction {
  kind: 'alert_threshold';
  setting: 'alerts.productivityDropShare';
  current: number;
  proposed: number;
}

export type DecisionAction = 'approved' | 'rejected' | 'modified';

export interface ProposalState {
  proposal: Proposal;
  status: 'open' | DecisionAction;
  /** Non-null when newer data changed the situation since the proposal was made. */
  changedSince: string | null;
  /** Once approved: what it promised and what the snapshots since show (the card's after-the-move view); null before. */
  outcome: FloorDecision | null;
}

export interface ApprovalRow {
  suggestionId: string;
  site: string;
  process: string;
  /** The business of a move's process (札幌 has two エントリ1); null for a plan. */
  businessId: string | null;
  action: DecisionAction;
  reason: string | null;
  user: string;
  decidedAt: number;
  /** People moved by the decision (0 for a rejection), and who. */
  moves: number;
  operators: string[];
  /** A rejected move: who it would have moved (the next proposal for the same work leaves them out); empty otherwise. */
  notMoved: string[];
  /** The expected effect as recorded: speed gained, and the change in minutes late (negative: earlier). Null for a rejection. */
  impact: { productivity: string; delayMinutes: number } | null;
  /** `held`: a restore brought it and this data folder did not seal it; sent only once the manager confirms it (genba confirm). */
  delivery: 'delivered' | 'pending' | 'failing' | 'held';
  deliveredAt: number | null;
  lastError: string | null;
  /** A delivered plan: what the company did with it (the day's plan is the one it received last); null otherwise. */
  companyPlan: PlanAtCompany | null;
  /** A staffing plan's decision (its id PLN…): the day, its half-day lines and what the plan expected; null for a move. */
  plan: ApprovalPlan | null;
  /** A move's promise and what happened on its day (speed and finish); null for a rejection or a plan. */
  outcome: FloorDecision | null;
}

/** What a decided staffing plan committed to, as recorded with the decision. */
export interface ApprovalPlan {
  date: string;
  /** Half-day lines written to daily_assignments (none for a rejection), and the sites they cover. */
  lines: number;
  sites: string[];
  overtimeMinutes: number;
  crossSiteBlocks: number;
  /** Items the plan expected to leave undone at their deadlines (0: all in time). */
  shortfallItems: number;
  /** Series the plan met at P50 but not at P90, as it flagged them (null: decided before this was recorded). */
  p90LateSeries: number | null;
  /** Lines the manager changed before approving. */
  edits: number;
}

export interface KnowledgeDoc {
  id: number;
  title: string;
  /** The English title of a document Genba ships (English screens show it); absent for the company's own. */
  titleEn?: string;
  sourceName: string | null;
  builtin: boolean;
  chars: number;
  chunks: number;
  addedAt: number;
}
export interface KnowledgeDocDetail extends KnowledgeDoc {
  text: string;
}
