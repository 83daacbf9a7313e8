import { z } from 'zod';
import { durationDays } from './durations.js';
import type { Channel } from './channelNames.js';
import type {
  ErrorPayload,
  Alert,
  AlertCheck,
  DemoResetResult,
  GenbaEvent,
  IncidentReport,
  LogAnomalyReport,
  LogVolume,
  LogCluster,
  LogScatterPoint,
  LogSearchHit,
  LogsRefresh,
  LogTemplateDetail,
  LogTemplateDrillView,
  LogTemplateSummary,
  ModelImportReport,
  ModelsStatus,
  ModelTestResult,
  Overview,
  Settings,
  BusinessName,
  ProcessName,
  SiteTimeline,
  StatusInfo,
  SyncSummary,
} from './types.js';
import type {
  ApprovalRow,
  AskResult,
  Citation,
  ConversationDetail,
  ConversationSummary,
  KnowledgeDoc,
  KnowledgeDocDetail,
  Proposal,
  ProposalState,
} from './assistantTypes.js';
import { askQuerySchema } from './askQuery.js';
import { MAX_DOCUMENT_CHARS } from './knowledgeLimits.js';
import { MAX_TAUGHT_WORD_CHARS, type TaughtWord } from './taughtWords.js';
import { ALERT_KINDS } from './alertKinds.js';
import type { LatinNames } from './latinNames.js';
import { LOG_PERIOD_HOURS, type LogsScreen } from './logsScreen.js';
import type { PlanDecided, StoredPlan, StoreForecast } from './planTypes.js';
import type { DoctorReport } from './doctorTypes.js';
import { refuseHiddenCharacters } from './hiddenCharacter.js';
import { localizedIssue } from './localizedIssue.js';

const empty = z.object({}).strict();
const proposalId = z.string().regex(/^SGT\d{8}-[0-9A-F]{8}$/, 'not a proposal id');
const conversationId = z.string().regex(/^C\d{8}-[0-9A-F]{8}$/, 'not a conversation id');
const planId = z.string().regex(/^PLN\d{8}-[0-9A-F]{8}$/, 'not a plan id');
const planDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)');
const name = z.string().trim().min(1).max(100);
/** An English name of a business or process: Latin letters, digits and punctuation, no Japanese (empty: none). */
const englishName = z
  .string()
  .trim()
  .max(50)
  .regex(/^[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]*$/u);

/** Settings → Data source. Same limits as the config file; the password never goes there. */
const dataSourceForm = z
  .object({
    host: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'not a host name'),
    port: z.number().int().min(1).max(65535),
    database: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_$-]{1,64}$/, 'not a database name'),
    user: z.string().trim().min(1).max(80),
    password: z.string().max(256).optional(),
    tls: z.boolean(),
  })
  .strict();

/** Optional filters of template listing and search (LogFilter): a template passes with one matching line. */
const LOG_FILTER = {
  service: z.string().trim().min(1).max(100).optional(),
  host: z.string().trim().min(1).max(200).optional(),
  level: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).optional(),
  from: z.number().int().min(0).max(8.64e15).optional(),
  to: z.number().int().min(0).max(8.64e15).optional(),
};

/**
 * The longest range a log request may name. The core's work grows with it (the volume chart's
 * buckets, a drill-down's reads): a range the number type allows (from 0 to year 275,760) once
 * took the app down. The Logs view asks for a week at most; a year leaves room to spare.
 */
export const MAX_LOG_RANGE_DAYS = 366;

/** A log request's range: none (the core's default window), or both ends, from before to, at most MAX_LOG_RANGE_DAYS apart. */
function logRange(r: { from?: number | undefined; to?: number | undefined }, ctx: z.core.$RefinementCtx): void {
  if (r.from === undefined && r.to === undefined) return;
  // A bound on the work a request may ask for, so elapsed time: a day more or less across a DST change is no matter.
  if (r.from !== undefined && r.to !== undefined && r.from < r.to && r.to - r.from <= durationDays(MAX_LOG_RANGE_DAYS)) return;
  ctx.addIssue(
    localizedIssue({
      ja: `期間は from と to の両方を、from を to より前にして、${MAX_LOG_RANGE_DAYS} 日以内で指定してください`,
      en: `a range needs both from and to, from before to, at most ${MAX_LOG_RANGE_DAYS} days apart`,
    }),
  );
}

/** A log request: its own fields, the filters, and a bounded range. */
const logRequest = <T extends z.ZodRawShape>(fields: T) =>
  z
    .object({ ...fields, ...LOG_FILTER })
    .strict()
    // zod cannot see through the generic fields that `from` and `to` are LOG_FILTER's numbers: they are.
    .superRefine((r, ctx) => logRange(r as { from?: number; to?: number }, ctx));

/** Runtime validation of every request. Unknown keys are refused, not ignored. */
export const REQUEST_SCHEMAS = {
  'status.get': empty,
  'overview.get': empty,
  'settings.get': empty,
  'settings.update': z
    .object({
      lang: z.enum(['ja', 'en']),
      /** The approver's name; null or blank: this machine's account again. */
      approverName: z.string().max(100).superRefine(refuseHiddenCharacters).nullable(),
    })
    .partial()
    .strict()
    .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change' }),
  'businesses.list': empty,
  'names.latin': empty,
  // A business's name and aliases in Settings; an empty name removes the manager's entry.
  'businesses.save': z
    .object({
      id: z.string().trim().min(1).max(50),
      name: z.string().trim().max(50),
      aliases: z.array(z.string().trim().min(1).max(50)).max(20),
      // Its English name (Latin letters); empty or absent: none of the manager's.
      nameEn: englishName.optional(),
    })
    .strict(),
  'processes.list': empty,
  // A process's English name in Settings; an empty one removes it (the vocabulary's or the romanization is in force again).
  'processes.save': z.object({ process: z.string().trim().min(1).max(50), nameEn: englishName }).strict(),
  'demo.reset': empty,
  'alerts.pause': z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    })
    .strict(),
  // The manager's approval of a threshold the assistant proposed; `current` is the value it
  // was proposed against, so that an approval of a stale proposal changes nothing.
  'alerts.applyThreshold': z
    .object({
      setting: z.literal('alerts.productivityDropShare'),
      current: z.number().min(0.1).max(0.95),
      proposed: z.number().min(0.1).max(0.95),
    })
    .strict(),
  'sync.now': empty,
  'source.test': dataSourceForm,
  'source.save': dataSourceForm,
  'source.useDemo': empty,
  'models.status': empty,
  'models.load': z.object({ role: z.enum(['intent', 'answer', 'embedding']) }).strict(),
  'models.test': z.object({ role: z.enum(['intent', 'answer', 'embedding']) }).strict(),
  'models.importFolder': empty,
  'logs.refresh': empty,
  'logs.templates': logRequest({ limit: z.number().int().min(1).max(5000).optional() }),
  'logs.template': logRequest({ id: z.number().int().min(1) }),
  'logs.drill': logRequest({ id: z.number().int().min(1) }),
  'logs.search': logRequest({ text: z.string().trim().min(1).max(500), k: z.number().int().min(1).max(100).optional() }),
  'logs.clusters': empty,
  'logs.anomalies': empty,
  'logs.volume': logRequest({}),
  'logs.scatter': empty,
  'logs.describeCluster': z.object({ id: z.number().int().min(1) }).strict(),
  'logs.screen': z
    .object({
      hours: z.union(LOG_PERIOD_HOURS.map((h) => z.literal(h))),
      level: LOG_FILTER.level,
      service: LOG_FILTER.service,
      host: LOG_FILTER.host,
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict(),
  'alerts.list': z
    .object({
      status: z.enum(['open', 'resolved']).optional(),
      kind: z.enum(ALERT_KINDS).optional(),
      site: z.string().min(1).max(50).optional(),
      severity: z.enum(['warning', 'critical']).optional(),
    })
    .strict(),
  'alerts.check': empty,
  'alerts.ack': z.object({ id: z.number().int().min(1) }).strict(),
  'alerts.snooze': z
    .object({
      id: z.number().int().min(1),
      minutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60),
    })
    .strict(),
  'alerts.incidents': z.object({ site: z.string().trim().min(1).max(50).optional() }).strict(),
  'alerts.timeline': z
    .object({
      site: z.string().trim().min(1).max(50),
      from: z.number().int().min(0).max(8.64e15).optional(),
      to: z.number().int().min(0).max(8.64e15).optional(),
      templateId: z.number().int().min(1).optional(),
      level: LOG_FILTER.level,
      service: LOG_FILTER.service,
      host: LOG_FILTER.host,
    })
    .strict()
    .superRefine((r, ctx) => {
      // A bound on the lines read (elapsed time, like the log range's), not a count of calendar days.
      if (r.from === undefined || r.to === undefined || (r.from < r.to && r.to - r.from <= durationDays(7))) return;
      ctx.addIssue(localizedIssue({ ja: 'from を to より前にして、7 日以内で指定してください', en: 'from must be before to, at most 7 days apart' }));
    }),
  'chat.ask': z
    .object({
      question: z.string().trim().min(1).max(2000),
      /** Chosen by the renderer to match the streamed `chat-chunk` events to this request. */
      requestId: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/)
        .optional(),
      /** The reading the manager picked from an ask-back: answered as it is, not read again. */
      reading: askQuerySchema.optional(),
      /** The conversation the question continues; null starts one. */
      conversationId: conversationId.nullable().optional(),
    })
    .strict(),
  // Stops the answer model on a request (its templated answer is given instead).
  'chat.cancel': z.object({ requestId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict(),
  'chat.conversations': empty,
  'chat.conversation': z.object({ id: conversationId }).strict(),
  'chat.deleteConversation': z.object({ id: conversationId }).strict(),
  'proposals.get': z.object({ id: proposalId }).strict(),
  'proposals.preview': z.object({ id: proposalId, keepOperatorIds: z.array(z.number().int().min(1)).min(1).max(30) }).strict(),
  'proposals.decide': z
    .object({
      id: proposalId,
      action: z.enum(['approved', 'rejected', 'modified']),
      reason: z.string().trim().max(500).optional(),
      keepOperatorIds: z.array(z.number().int().min(1)).min(1).max(30).optional(),
    })
    .strict(),
  'plan.make': z.object({ date: planDate.optional() }).strict(),
  'plan.recent': empty,
  'plan.decide': z
    .object({
      id: planId,
      action: z.enum(['approved', 'rejected', 'modified']),
      reason: z.string().trim().max(500).optional(),
      edits: z
        .array(
          z.union([
            z.object({ operatorId: z.number().int().min(1), block: z.enum(['am', 'pm']), site: name, businessId: name, process: name }).strict(),
            z.object({ operatorId: z.number().int().min(1), block: z.enum(['am', 'pm']), off: z.literal(true) }).strict(),
          ]),
        )
        .max(500)
        .optional(),
    })
    .strict(),
  'forecast.get': z.object({ days: z.number().int().min(1).max(10) }).strict(),
  'approvals.list': empty,
  'approvals.export': empty,
  'knowledge.list': empty,
  'knowledge.get': z.object({ id: z.number().int().min(1) }).strict(),
  'knowledge.add': z
    .object({
      title: z.string().trim().min(1).max(200),
      text: z.string().min(1).max(MAX_DOCUMENT_CHARS),
      fileName: z.string().max(255).optional(),
    })
    .strict(),
  'knowledge.remove': z.object({ id: z.number().int().min(1) }).strict(),
  'knowledge.search': z.object({ text: z.string().trim().min(1).max(500), k: z.number().int().min(1).max(20).optional() }).strict(),
  'words.list': empty,
  // A word the manager taught in the chat (「物量は到着件数のこと」), forgotten from Settings.
  'words.forget': z.object({ word: z.string().trim().min(1).max(MAX_TAUGHT_WORD_CHARS) }).strict(),
  'doctor.run': empty,
} as const satisfies Record<Channel, z.ZodType>;

export interface ResponseOf {
  'status.get': StatusInfo;
  'overview.get': Overview;
  'settings.get': Settings;
  'settings.update': Settings;
  'businesses.list': BusinessName[];
  /** The company's names in Latin letters, for the English screens (api/latinNames.ts). */
  'names.latin': LatinNames;
  'businesses.save': BusinessName[];
  'processes.list': ProcessName[];
  'processes.save': ProcessName[];
  'demo.reset': DemoResetResult;
  'alerts.pause': { pausedUntil: number };
  'alerts.applyThreshold': { setting: 'alerts.productivityDropShare'; previous: number; value: number };
  'sync.now': SyncSummary;
  'source.test': { tables: { table: string; rows: number | null; absent?: true }[] };
  'source.save': StatusInfo;
  'source.useDemo': StatusInfo;
  'models.status': ModelsStatus;
  'models.load': ModelsStatus;
  'models.test': ModelTestResult;
  'models.importFolder': { report: ModelImportReport | null };
  'logs.refresh': LogsRefresh;
  'logs.templates': LogTemplateSummary[];
  'logs.template': LogTemplateDetail | null;
  'logs.drill': LogTemplateDrillView | null;
  'logs.search': LogSearchHit[];
  'logs.clusters': LogCluster[];
  'logs.anomalies': LogAnomalyReport;
  'logs.volume': LogVolume;
  'logs.scatter': LogScatterPoint[];
  'logs.describeCluster': { label: string; summary: string | null };
  'logs.screen': LogsScreen;
  'alerts.list': Alert[];
  'alerts.check': AlertCheck;
  'alerts.ack': Alert[];
  'alerts.snooze': Alert[];
  'alerts.incidents': IncidentReport;
  'alerts.timeline': SiteTimeline;
  'chat.ask': AskResult;
  'chat.conversations': ConversationSummary[];
  'chat.conversation': ConversationDetail | null;
  'chat.deleteConversation': ConversationSummary[];
  'chat.cancel': { cancelled: boolean };
  'proposals.get': ProposalState;
  'proposals.preview': Pick<Proposal, 'impact' | 'facts'>;
  'proposals.decide': ProposalState;
  'plan.make': StoredPlan;
  'plan.recent': StoredPlan[];
  'plan.decide': PlanDecided;
  'forecast.get': StoreForecast;
  'approvals.list': ApprovalRow[];
  'approvals.export': { savedTo: string | null };
  'knowledge.list': KnowledgeDoc[];
  'knowledge.get': KnowledgeDocDetail | null;
  'knowledge.add': KnowledgeDoc[];
  'knowledge.remove': KnowledgeDoc[];
  'knowledge.search': Citation[];
  'words.list': TaughtWord[];
  'words.forget': TaughtWord[];
  'doctor.run': DoctorReport;
}

export type RequestOf<C extends Channel> = z.input<(typeof REQUEST_SCHEMAS)[C]>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** What `window.genba` is: the preload in Electron, a Playwright binding in tests. */
export interface GenbaBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf[C]>>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: GenbaEvent) => void): () => void;
}

export type { Channel };
