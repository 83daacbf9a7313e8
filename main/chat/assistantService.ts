import type { AskOp, AskQueryInput } from '../api/askQuery.js';
import type { ParsedQuery } from './query/parseQuery.js';
import type Database from 'better-sqlite3';
import type { PlanConditions, StoredPlan } from '../api/planTypes.js';
import { join } from 'node:path';
import type { AskResult, ApprovalRow, ConversationDetail, ConversationSummary, Proposal, ProposalState } from '../api/assistantTypes.js';
import { GenbaError, localize, type Localized } from '../errors.js';
import { addTurn, conversationExists, createConversation, deleteConversation, getConversation, lastTurn, listConversations } from './conversationStore.js';
import type { EventBus } from '../api/eventBus.js';
import type { Alert, BusinessName, IncidentReport, Overview } from '../api/types.js';
import type { LlmService } from '../ai/llmService.js';
import type { TextEmbedder } from '../ai/storedVectors.js';
import { createKnowledgeBase, type KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { AppLog } from '../applog/appLog.js';
import type { LogWindow } from '../logs/logIntelligence.js';
import type { IncidentReads } from '../alerts/alertService.js';
import { ProposalError } from './proposalError.js';
import type { DecisionRecord, DeliveryReport } from '../store/decisionRecord.js';
import { attemptReason, NOT_ATTEMPTED } from '../store/attemptReason.js';
import type { LatinNames } from '../api/latinNames.js';
import { listBusinessNames, saveBusinessName, storedBusinessNames } from '../store/businessNames.js';
import { businessAliases } from './businessAliases.js';
import { businessNameClash } from './businessNameClash.js';
import { createAssistant, type PrepareOptions } from './assistant.js';
import { proposalChanges } from './proposalCheck.js';
import { approvalHistory, approvalsCsv, decideProposal, loadProposal, type Decision } from './proposalStore.js';
import { impactOfKept } from '../placement/impactOfKept.js';
import type { AppEnv } from '../config/appEnv.js';
import { decisionOutcomes } from '../placement/floorDecisions.js';
import type { TaughtWord } from '../api/taughtWords.js';
import { forgetWord, wordsTaught } from './wordLessons.js';
import type { AssistantLogs } from './assistantDeps.js';

/** Asks the manager where to save a file and writes it; resolves to the path, or null if cancelled. */
export type SaveFile = (file: { suggestedName: string; content: string; kind: 'csv' }) => Promise<string | null>;

/** What became of a decision's first delivery attempt: delivered, or waiting in the outbox (retried) and why. */
export interface DecisionDelivery {
  delivered: boolean;
  reason: Localized | null;
}

/** Whether the screens write the company's names in Latin letters (from their readings), by the screens' language. */
const LATIN_SCREENS: Localized<boolean> = { ja: false, en: true };

const conversationNotFound = (id: string): GenbaError =>
  new GenbaError('CONVERSATION_NOT_FOUND', { ja: `会話が見つかりません（${id}）`, en: `No such conversation (${id})` });

/** What the app offers of the assistant: questions, proposals and decisions, know-how, the approval history. */
export interface AssistantService {
  knowledge: KnowledgeBase;
  /** Start-up work kept out of the first question; `solver: false` leaves HiGHS to compile at its first use (one question in one process). */
  prepare(o?: PrepareOptions): Promise<void>;
  /** The names' readings, made now when the screens write names in Latin letters (English): before the app's first screen. */
  namesForScreens(): Promise<void>;
  /**
   * Streams the answer as `chat-chunk` events under the caller's request id; `reading`: the
   * manager's choice of an ask-back, answered as it is. `conversationId`: the stored conversation the question
   * continues (null: start one; absent: keep none, as `genba ask`).
   */
  ask(question: string, requestId?: string, reading?: AskQueryInput, conversationId?: string | null): Promise<AskResult>;
  conversations(): ConversationSummary[];
  conversation(id: string): ConversationDetail | null;
  /** Deletes it and its turns; the list after. */
  deleteConversation(id: string): ConversationSummary[];
  /** The typed query the rules read a request as (`genba eval ask`); `ops` narrows the operations it may choose. */
  readQuery(question: string, ops?: readonly AskOp[]): ParsedQuery;
  proposal(id: string): ProposalState;
  /** Records the decision and starts its delivery without waiting for it (the app: the outbox keeps it until it is delivered). */
  decide(id: string, d: Decision): ProposalState;
  /**
   * Records the decision and waits for its delivery attempt, at most `waitMs` (the source's
   * own timeouts end it first): `genba approve`, which exits once it has reported.
   */
  decideAndDeliver(id: string, d: Decision, waitMs: number): Promise<ProposalState & { delivery: DecisionDelivery }>;
  /** What keeping only some of the proposed operators would do (the card's partial approval, before it is decided). */
  preview(id: string, keepOperatorIds: number[]): Pick<Proposal, 'impact' | 'facts'>;
  /** Stops the answer model on a request still running; false when there is none. */
  cancel(requestId: string): boolean;
  approvals(): ApprovalRow[];
  /** The history as CSV through the app's save dialog; files are never downloaded by the page. */
  exportApprovals(saveFile: SaveFile | undefined, now: number): Promise<{ savedTo: string | null }>;
  approvalsCsv(): string;
  /** Every business of the local copy and what it is called (Settings → Business names). */
  businessNames(): BusinessName[];
  /** The company's names in Latin letters, for English screens and texts; none until their readings are made. */
  latinNames(): LatinNames;
  /** The manager's name and aliases for a business (an empty name falls back to the source's); the list after. */
  saveBusinessName(b: { id: string; name: string; aliases: string[] }): BusinessName[];
  /** The words the manager taught in the chat (「物量は到着件数のこと」), in the order taught. */
  words(): TaughtWord[];
  /** Forgets a word taught; the words left. A word not taught is an error (WORD_NOT_TAUGHT). */
  forgetWord(word: string): TaughtWord[];
}

// Where the shells and the tests have always found it; the clash check of a save reads it too (businessNameClash.ts).
export { businessAliases };

/** The assistant, its know-how and the decisions on its proposals, for the app and the CLI. */
export function createAssistantService(deps: {
  db: () => Database.Database;
  dataDir: string;
  env: Pick<AppEnv, 'config' | 'lang' | 'langChosen' | 'now'>;
  llm: LlmService;
  embedder: () => TextEmbedder;
  overview: () => Overview;
  logs: AssistantLogs;
  alerts: () => Alert[];
  incidents: (site?: string, window?: LogWindow, reads?: IncidentReads) => IncidentReport;
  lastSync: () => number | null;
  meta: { get: (key: string) => string | null; set: (key: string, value: string) => void };
  /** Queues a decision in the outbox (called inside the decision's transaction). */
  record: (d: DecisionRecord) => void;
  /** Delivers the queued decisions: one attempt each, resolved with its report (null: the source takes none). */
  deliver: () => Promise<DeliveryReport | null>;
  /** Whether the outbox has delivered this suggestion's decision (by this attempt or another one). */
  delivered: (suggestionId: string) => boolean;
  /** Site → site → km for the moves: the configured ones, else the data source's own (the demo company's). */
  distancesKm: () => Record<string, Record<string, number>>;
  /** The site a log host serves (null: a host every site shares). */
  siteOfHost?: () => (host: string) => string | null;
  /** Makes and stores the staffing plan of a working day (default: the next). */
  plan: (date?: string, conditions?: PlanConditions, store?: boolean) => Promise<StoredPlan>;
  events: EventBus;
  log: AppLog;
  /** A decision was just recorded: what depends on the floor's decisions (the alerts) is brought up to date. */
  decided: () => void;
}): AssistantService {
  const knowledge = createKnowledgeBase({
    db: deps.db,
    indexPath: join(deps.dataDir, 'index', 'knowledge.hnsw'),
    embedder: deps.embedder,
    now: deps.env.now,
    meta: deps.meta,
  });
  // A business is named, not numbered, by the people who run it: the names in the store
  // (the manager's from Settings, or the data source's), under the aliases a deployment configures.
  const aliases = (): Record<string, string> => businessAliases(storedBusinessNames(deps.db()), deps.env.config().placement.aliases);
  const assistant = createAssistant({
    db: deps.db,
    config: deps.env.config,
    lang: deps.env.lang,
    langChosen: deps.env.langChosen,
    now: deps.env.now,
    llm: deps.llm,
    knowledge,
    overview: deps.overview,
    logs: deps.logs,
    alerts: deps.alerts,
    incidents: deps.incidents,
    lastSync: deps.lastSync,
    distancesKm: deps.distancesKm,
    ...(deps.siteOfHost ? { siteOfHost: deps.siteOfHost } : {}),
    aliases,
    plan: deps.plan,
    log: deps.log,
    // The names' readings are made once per change of the names: the English screens read them again.
    onNamesRead: () => deps.events.emit({ type: 'data-changed', tables: ['name_readings'] }),
  });
  const situationOptions = () => {
    const c = deps.env.config();
    return { now: deps.env.now(), timeZone: c.timeZone, ...c.overview, policy: c.placement };
  };
  const at = () => ({ now: deps.env.now(), timeZone: deps.env.config().timeZone });
  const csv = (): string => approvalsCsv(approvalHistory(deps.db(), at(), 100_000));
  const state = (proposal: Proposal, status: ProposalState['status'], decidedAt: number | null): ProposalState => ({
    proposal,
    status,
    changedSince: status === 'open' ? proposalChanges(deps.db(), proposal, situationOptions(), deps.env.lang()) : null,
    outcome:
      decidedAt !== null && (status === 'approved' || status === 'modified')
        ? (decisionOutcomes(deps.db(), [{ suggestionId: proposal.id, decidedAt }], at()).get(proposal.id) ?? null)
        : null,
  });

  const record = (id: string, d: Decision) => {
    const s = decideProposal(deps.db(), id, d, deps.env.now(), deps.record);
    deps.log.info('decision recorded', `${id} ${d.action}`);
    // The alerts follow the decision now (the delay alert's title, severity and the badge), not at the next sync.
    deps.decided();
    return s;
  };

  /** Requests in flight, for chat.cancel. */
  const running = new Map<string, AbortController>();

  return {
    knowledge,
    prepare: (o) => assistant.prepare(o),
    // English screens write the names in Latin letters from their readings: made before the first screen (seconds, with
    // the dictionary's load, only when the names changed since they were last made), not a while after it
    // (docs/bench/2026-11-26-start-up-costs.md).
    namesForScreens: () => (localize(deps.env.lang(), LATIN_SCREENS) ? assistant.prepare({ warm: false }) : Promise.resolve()),
    cancel(requestId: string): boolean {
      const c = running.get(requestId);
      c?.abort();
      return c !== undefined;
    },
    async ask(question: string, requestId?: string, reading?: AskQueryInput, conversationId?: string | null): Promise<AskResult> {
      const db = deps.db();
      if (typeof conversationId === 'string' && !conversationExists(db, conversationId)) throw conversationNotFound(conversationId);
      const previous = typeof conversationId === 'string' ? lastTurn(db, conversationId) : null;
      const controller = new AbortController();
      if (requestId) running.set(requestId, controller);
      let result: AskResult;
      try {
        result = await assistant.ask(question, {
          onChunk: requestId ? (text) => deps.events.emit({ type: 'chat-chunk', requestId, text }) : undefined,
          onStage: requestId ? (stage) => deps.events.emit({ type: 'chat-stage', requestId, stage }) : undefined,
          signal: controller.signal,
          ...(reading ? { reading } : {}),
          previous,
        });
      } finally {
        if (requestId) running.delete(requestId);
      }
      if (conversationId === undefined) return { ...result, conversationId: null };
      const id = conversationId ?? createConversation(db, deps.env.now(), question);
      const stored = { ...result, conversationId: id };
      addTurn(db, id, deps.env.now(), question, stored);
      return stored;
    },
    conversations: () => listConversations(deps.db()),
    conversation: (id: string) => getConversation(deps.db(), id),
    deleteConversation(id: string): ConversationSummary[] {
      if (!deleteConversation(deps.db(), id)) throw conversationNotFound(id);
      return listConversations(deps.db());
    },

    readQuery: (question: string, ops?: readonly AskOp[]) => assistant.readQuery(question, ops),

    proposal(id: string): ProposalState {
      const s = loadProposal(deps.db(), id);
      return state(s.proposal, s.status, s.decidedAt);
    },

    preview(id: string, keepOperatorIds: number[]): Pick<Proposal, 'impact' | 'facts'> {
      const p = loadProposal(deps.db(), id).proposal;
      const keep = new Set(keepOperatorIds);
      const kept = p.operators.filter((op) => keep.has(op.id));
      return kept.length === p.operators.length ? { impact: p.impact, facts: p.facts } : impactOfKept(p, kept);
    },

    decide(id: string, d: Decision): ProposalState {
      const s = record(id, d);
      // After the commit: a delivery started inside the transaction would not see the row.
      // A failure stays in the outbox, retried on the schedule and at every start.
      deps.deliver().catch(() => {});
      return state(s.proposal, s.status, s.decidedAt);
    },

    async decideAndDeliver(id: string, d: Decision, waitMs: number): Promise<ProposalState & { delivery: DecisionDelivery }> {
      const s = record(id, d);
      const reason = await attemptReason(id, deps.deliver(), waitMs);
      // The outbox says whether it went out (a delivery started by someone else may have sent it).
      const delivered = deps.delivered(id);
      return { ...state(s.proposal, s.status, s.decidedAt), delivery: { delivered, reason: delivered ? null : (reason ?? NOT_ATTEMPTED) } };
    },

    approvals: (): ApprovalRow[] => approvalHistory(deps.db(), at()),
    async exportApprovals(saveFile: SaveFile | undefined, now: number): Promise<{ savedTo: string | null }> {
      if (!saveFile) {
        throw new ProposalError('SAVE_UNAVAILABLE', {
          ja: 'この環境ではファイルを保存できません。CLI では genba approvals --out <ファイル> を使ってください。',
          en: 'Files cannot be saved here. From the CLI, use genba approvals --out <file>.',
        });
      }
      const suggestedName = `genba-approvals-${new Date(now).toISOString().slice(0, 10)}.csv`;
      return { savedTo: await saveFile({ suggestedName, content: csv(), kind: 'csv' }) };
    },
    approvalsCsv: csv,
    businessNames: () => listBusinessNames(deps.db()),
    latinNames: () => assistant.latinNames(),
    saveBusinessName(b: { id: string; name: string; aliases: string[] }): BusinessName[] {
      // Checked inside the save's transaction: the names in force then, not when the request was read.
      const db = deps.db();
      saveBusinessName(db, b, deps.env.now(), (name, words) => businessNameClash(db, { id: b.id, name, aliases: words }, aliases()));
      deps.log.info('business name saved', `${b.id}: ${b.name || '(removed)'}`);
      return listBusinessNames(deps.db());
    },
    words: () => wordsTaught(deps.db()),
    forgetWord(word: string): TaughtWord[] {
      const left = forgetWord(deps.db(), word);
      deps.log.info('taught word forgotten', word);
      return left;
    },
  } satisfies AssistantService;
}
