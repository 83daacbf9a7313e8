import type Database from 'better-sqlite3';
import type { AskResult, Citation, Intent, IntentType, Proposal, QueryTable, ThresholdAction } from '../api/assistantTypes.js';
import type { Alert, ChatStage, IncidentReport, Lang, LogAnomalyReport, LogSearchHit, Overview, ProcessProgress } from '../api/types.js';
import type { LlmService } from '../ai/llmService.js';
import type { GenbaConfig } from '../config/config.js';
import { localDate, startOfZonedDay } from '../config/zonedTime.js';
import { describeError } from '../errors.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { AppLog } from '../applog/appLog.js';
import type { LogWindow } from '../logs/logIntelligence.js';
import { storedBusinessNames } from '../store/businessNames.js';
import { businessNames } from '../placement/businessNames.js';
import { placementSituation } from '../placement/placementSituation.js';
import { proposePlacement } from '../placement/proposePlacement.js';
import { warmSolver } from '../placement/placementSolver.js';
import {
  alertAnswer,
  clarifyQuestion,
  futureAnswer,
  helpAnswer,
  intentChoiceQuestion,
  intentLabel,
  knowledgeAnswer,
  lateProcessRequest,
  logAnswer,
  noProgressTodayAnswer,
  onTrackAnswer,
  progressLine,
  proposalAnswer,
  proposalFacts,
  riskAnswer,
  riskByAnswer,
  statusAnswer,
} from './answerTexts.js';
import { createEntityResolver, loadMasterNames, type EntityResolver } from './entityResolver.js';
import { intentFromModel } from './intentModel.js';
import { intentFromRules, parseByTime } from './intentRules.js';
import { rangeWords } from './rangeWords.js';
import { speedSteps, windowComparison } from '../alerts/windowSpeed.js';
import { foldForCues } from './intentClassifier.js';
import { composeAnswer } from './composeAnswer.js';
import { factKind } from './factKind.js';
import { simpleFactAnswer } from './simpleFactAnswer.js';
import { alertHistory } from '../alerts/alertHistory.js';
import { usualSpeed } from '../alerts/usualSpeed.js';
import { alertHistoryAnswer, impactAnswer, incidentsAnswer, productivityAnswer, type SpeedComparison } from './analysisTexts.js';
import { readMove } from './moveRequest.js';
import { operatorSpread, perPersonPerMinute } from './storeFacts.js';
import { moveImpact } from '../placement/moveImpact.js';
import { moveWhatIf } from '../placement/moveWhatIf.js';
import { whatIfAnswer } from './whatIfTexts.js';
import { saveProposal } from './proposalStore.js';
import { localize, type Localized } from '../api/localized.js';
import type { AskOp } from '../api/askQuery.js';
import { explainQuery } from './query/explainQuery.js';
import { answerQuery } from './query/answerQuery.js';
import { queryFromModel } from './query/queryModel.js';
import { routeQuery } from './query/routeQuery.js';
import { asksAccuracy, forecastAccuracyAnswer } from './query/forecastAccuracyAnswer.js';
import { planConditionsOf } from './query/planConditionsOf.js';
import { aheadDay } from './query/aheadDay.js';
import { answerFromPlan } from './query/answerFromPlan.js';
import { outsideTheRecords } from './outsideTheRecords.js';
import type { PlanConditions, StoredPlan } from '../api/planTypes.js';
import { parseQuery, type ParsedQuery } from './query/parseQuery.js';
import { createNameFinder, loadQueryNames, namesToRead, type NamedInText } from './query/queryNames.js';
import { cachedNameReadings, latinNamesOf, prepareNameReadings, type NameReadings } from './nameReadings.js';
import { inLatin, type LatinNames } from '../api/latinNames.js';
import { latinAnswer } from './latinAnswer.js';

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
  logs: { anomalies: (window?: LogWindow) => LogAnomalyReport; search: (text: string, k: number) => Promise<LogSearchHit[]> };
  alerts: () => Alert[];
  /** Log incidents and the drops in speed they likely caused (all sites, or those touching `site`). */
  incidents: (site?: string, window?: LogWindow) => IncidentReport;
  /** When the last sync finished (epoch ms), or null. */
  lastSync: () => number | null;
  /** The distance table: the config's, or the demo company's when that is the source and the config has none. */
  distancesKm: () => Record<string, Record<string, number>>;
  /** Other names of sites, processes and businesses (alias → canonical name or business id): the config's, and the demo company's business names. */
  aliases: () => Record<string, string>;
  /** The staffing plan of a working day (default: the next): the standing one, or one under the manager's conditions. */
  plan: (date?: string, conditions?: PlanConditions) => Promise<StoredPlan>;
  log: AppLog;
}

/** The engines whose questions about a day ahead the staffing plan answers: work, risk, moves and what-ifs of the floor. */
const PLAN_INTENTS: ReadonlySet<IntentType> = new Set<IntentType>([
  'deadline_optimization',
  'impact_analysis',
  'delay_risk_detection',
  'productivity_analysis',
  'simple_query',
]);

/** A window's words as the log explanations use them: "in the last 3 h", "yesterday". */
const logWords = (w: Localized): Localized => ({ ja: w.ja, en: w.en.startsWith('the ') ? `in ${w.en}` : w.en });

/** A number of people in a request: "2名", "3人", "2 people". */
const PEOPLE = /\d+\s*(?:名|人|にん|めい|people|persons?|operators?)/;

/**
 * A follow-up: a request that says too little to stand alone (out of scope for the rules)
 * but names a site, process, business or a number of people, read in the
 * context of the last answer. 「盛岡は？」 after 「札幌の補正待ちは何件？」 asks the same of 盛岡;
 * 「じゃあ2名なら？」 after a proposal asks what 2 people would do (impact). What the request
 * names wins; the rest comes from the turn before.
 */
function followUpOf(question: string, rules: Intent, previous: AskResult): Intent | null {
  const e = rules.entities;
  const named = e.location !== null || e.process !== null || e.business_id !== null || PEOPLE.test(question.normalize('NFKC'));
  // Only a request with no intent of its own: one the rules read as something (even unsure,
  // as for an ask-back) is answered as itself.
  if (!named || rules.intent_type !== 'other') return null;
  const before = previous.intent;
  const type = before.intent_type === 'deadline_optimization' && PEOPLE.test(question.normalize('NFKC')) ? 'impact_analysis' : before.intent_type;
  if (type === 'other') return null;
  const p = before.entities;
  return {
    intent_type: type,
    entities: {
      location: e.location ?? p.location,
      process: e.process ?? p.process,
      business_id: e.business_id ?? p.business_id,
      time_range: e.time_range ?? p.time_range,
    },
    requires_action: type === 'deadline_optimization',
    confidence: rules.confidence,
    source: 'rules',
  };
}

/** The business a change of speed is about: of the site and process named, the latest (as a proposal picks its target). */
function latestOf(series: readonly ProcessProgress[], site: string | null, process: string | null): { site: string; process: string } | null {
  const open = series.filter((p) => p.status !== 'done' && (site === null || p.site === site) && (process === null || p.process === process));
  return open.sort((a, b) => (b.minutesLate ?? -Infinity) - (a.minutesLate ?? -Infinity))[0] ?? null;
}

/** The language a question is written in: Japanese when it has kana or kanji, English when it has Latin words only; null when neither. */
export function questionLang(question: string): Lang | null {
  if (/[\u3040-\u30ff\u3400-\u9fff]/.test(question)) return 'ja';
  return /[A-Za-z]{2,}/.test(question) ? 'en' : null;
}

/** Words added to the know-how query per intent, so that a short request finds its rules. */
const QUERY_HINTS: Partial<Record<Intent['intent_type'], string>> = {
  deadline_optimization: '納期 遅延 移動 経験 近隣拠点から',
  delay_risk_detection: '納期 遅延',
  log_investigation: 'システム障害 エラー ログ',
  alert_improvement: 'アラート しきい値',
};

/** Milliseconds to two decimals: timings are read by people (31.3 ms, not 31.296325000000024). */
const twoDecimals = (x: number): number => Math.round(x * 100) / 100;
const ms = (t0: number): number => twoDecimals(performance.now() - t0);
const llmReady = (llm: LlmService, role: 'intent' | 'answer'): boolean => llm.status().find((r) => r.role === role)?.state !== 'not_configured';

export interface AskOptions {
  onChunk?: (text: string) => void;
  onStage?: (stage: ChatStage) => void;
  signal?: AbortSignal;
  intent?: IntentType;
  previous?: AskResult | null;
}

/** The chat pipeline: intent, entities, the numbers, a proposal when one is due, then the answer. */
export interface Assistant {
  /**
   * Start-up work kept out of the first question: master names read, solver compiled,
   * know-how index opened, and the overview computed once (the app's first screen needs
   * it anyway; it loads the time-zone data and prepares the statements).
   */
  prepare(o?: { solver?: boolean }): Promise<void>;
  /**
   * How a request is read, without answering it: by the rules, and by the intent model when
   * one is loaded (null otherwise, or when its output failed validation). `genba eval intents`.
   */
  understand(question: string): Promise<{ rules: Intent; model: Intent | null }>;
  /** The company's names in Latin letters for English screens and texts (api/latinNames.ts); none until their readings are made. */
  latinNames(): LatinNames;
  /** The typed query the rules parser reads a request as (docs/ask-query.md); `genba eval ask`. */
  readQuery(question: string, ops?: readonly AskOp[]): ParsedQuery;
  /**
   * `intent`: the manager chose it (a button of an ask-back): it is not classified again.
   * `previous`: the conversation's last answer, for a follow-up ("盛岡は？", "じゃあ2名なら？").
   */
  ask(question: string, o?: AskOptions): Promise<AskResult>;
}

/**
 * The chat pipeline: intent (model or rules) → live data → optimizer → know-how retrieval →
 * answer. The engine decides; the answer model only explains the computed facts, and
 * an answer with a number not among them is replaced by the templated one.
 */
export function createAssistant(deps: AssistantDeps): Assistant {
  // Names change only with a sync: they are re-read when the masters or snapshots change.
  // Their readings (kana, romaji) are made once per change of the names and kept in the store; until made, there are none.
  let cached: {
    key: string;
    resolver: EntityResolver;
    finder: ((text: string) => NamedInText) | null;
    latin: LatinNames | null;
    readings: NameReadings;
    made: Promise<unknown>;
  } | null = null;
  const resolverFor = (db: Database.Database, aliases: Record<string, string>): EntityResolver => {
    const key = JSON.stringify([
      db
        .prepare(
          `SELECT (SELECT MAX(snapshot_id) FROM progress_snapshots) AS s, (SELECT COUNT(*) FROM locations) AS l,
      (SELECT MAX(updated_at) FROM operators) AS o, (SELECT MAX(updated_at) FROM operator_process_capabilities) AS c`,
        )
        .get(),
      aliases,
    ]);
    if (cached?.key !== key) {
      const masters = loadMasterNames(db);
      const names = namesToRead(db, aliases, masters);
      const readings = cachedNameReadings(db, names);
      const entry = {
        key,
        resolver: createEntityResolver(masters, aliases, readings),
        finder: null,
        latin: null,
        readings,
        made: Promise.resolve() as Promise<unknown>,
      };
      if (Object.keys(readings).length === 0)
        entry.made = prepareNameReadings(db, names, deps.log).then((r) => void (cached === entry && Object.keys(r).length > 0 && (cached = null)));
      cached = entry;
    }
    return cached.resolver;
  };
  // The query's names add operators, services and hosts: read once per change of the masters, like the resolver's.
  const finderFor = (db: Database.Database, aliases: Record<string, string>): ((text: string) => NamedInText) => {
    resolverFor(db, aliases);
    return (cached!.finder ??= createNameFinder(loadQueryNames(db), aliases, cached!.readings));
  };
  const latinNames = (): LatinNames => {
    resolverFor(deps.db(), deps.aliases());
    return (cached!.latin ??= latinNamesOf(cached!.readings));
  };
  return {
    async prepare(o: { solver?: boolean } = {}): Promise<void> {
      resolverFor(deps.db(), deps.aliases());
      deps.overview();
      await Promise.all([o.solver === false ? null : warmSolver(), deps.knowledge.reindex(), cached!.made]);
      resolverFor(deps.db(), deps.aliases());
    },

    latinNames,

    readQuery(question: string, ops?: readonly AskOp[]): ParsedQuery {
      return parseQuery(question, finderFor(deps.db(), deps.aliases())(question), ops);
    },

    async understand(question: string): Promise<{ rules: Intent; model: Intent | null }> {
      const cfg = deps.config();
      const now = deps.now();
      const resolver = resolverFor(deps.db(), deps.aliases());
      const rules = intentFromRules(question, resolver, now, startOfZonedDay(now, cfg.timeZone));
      if (!llmReady(deps.llm, 'intent')) return { rules, model: null };
      try {
        return { rules, model: await intentFromModel(deps.llm, question, resolver, rules, Math.min(20_000, cfg.ai.requestTimeoutSeconds * 1000)) };
      } catch (error) {
        deps.log.warn('intent model output not used', describeError(error));
        return { rules, model: null };
      }
    },

    async ask(question: string, o: AskOptions = {}): Promise<AskResult> {
      // The answer speaks the question's language (an English question gets an English answer) unless the run chose one.
      const lang = deps.langChosen() ? deps.lang() : (questionLang(question) ?? deps.lang());
      // An English answer writes the company's names in Latin letters, as the English screens do.
      const latin = localize<LatinNames>(lang, { ja: {}, en: latinNames() });
      if (Object.keys(latin).length === 0) return answerIn(question, lang, o);
      const onChunk = o.onChunk;
      const r = await answerIn(question, lang, { ...o, ...(onChunk ? { onChunk: (text: string) => onChunk(inLatin(text, latin)) } : {}) });
      return latinAnswer(r, latin);
    },
  } satisfies Assistant;

  async function answerIn(question: string, lang: Lang, o: AskOptions): Promise<AskResult> {
    const t0 = performance.now();
    o.onStage?.('intent');
    const cfg = deps.config();
    const now = deps.now();
    const dayStart = startOfZonedDay(now, cfg.timeZone);
    const db = deps.db();
    // The businesses' names as the overview reads them (overviewNow): every line that names a business says its name.
    const names = businessNames(cfg.placement.aliases, storedBusinessNames(db));
    const tz = { lang, timeZone: cfg.timeZone, dayStart, businessNames: names };
    // One situation and one proposal setting per question: the explanation, the proposal and a what-if read the same.
    const situationOptions = { now, timeZone: cfg.timeZone, ...cfg.overview, policy: cfg.placement };
    const proposeOptions = {
      policy: cfg.placement,
      distancesKm: deps.distancesKm(),
      timeZone: cfg.timeZone,
      lang,
      now,
      atRiskSlackMinutes: cfg.overview.atRiskSlackMinutes,
      businessNames: names,
    };
    // Names just synced get their readings (さっぽろ, Sapporo) once, in the background: a question waits for them rather than miss a name.
    resolverFor(db, deps.aliases());
    await cached!.made;
    const resolver = resolverFor(db, deps.aliases());

    const rules = intentFromRules(question, resolver, now, dayStart);
    let intent: Intent = rules;
    const followUp = !o.intent && o.previous ? followUpOf(question, rules, o.previous) : null;
    if (o.intent) {
      const { alternatives: _, ...chosen } = rules;
      intent = { ...chosen, intent_type: o.intent, requires_action: o.intent === 'deadline_optimization', confidence: 1 };
    } else if (followUp) {
      intent = followUp;
    } else if (llmReady(deps.llm, 'intent')) {
      try {
        intent = await intentFromModel(deps.llm, question, resolver, rules, Math.min(20_000, cfg.ai.requestTimeoutSeconds * 1000));
      } catch (error) {
        deps.log.warn('intent model output not used; rules decided', describeError(error));
      }
    }
    // The typed query: the planner answers the shapes it plans (value, list, compare, rank, change, yes/no, status) and
    // any question about data Genba does not hold; the engines keep the proposal, the what-if and the know-how.
    // With an intent model, qwen2 reads the query under a JSON-schema grammar (chat/query/queryModel.ts): it decides the
    // operation and the measure, the names the text uses stay the rules'; a reading that does not validate keeps the rules'.
    let parsed = parseQuery(question, finderFor(db, deps.aliases())(question));
    let readBy: 'model' | 'rules' = 'rules';
    if (!o.intent && !followUp && llmReady(deps.llm, 'intent')) {
      try {
        const index = { names: loadQueryNames(db), find: finderFor(db, deps.aliases()) };
        parsed = await queryFromModel(deps.llm, question, index, parsed, Math.min(20_000, cfg.ai.requestTimeoutSeconds * 1000));
        readBy = 'model';
      } catch (error) {
        deps.log.warn('query model output not used; rules decided', describeError(error));
      }
    }
    const pq = parsed.query;
    const today = localDate(now, cfg.timeZone);
    const routed = routeQuery(parsed, intent, !o.intent && !followUp, today);
    intent = routed.intent;
    const intentMs = ms(t0);
    // An answer of the planner or the plan: its read, what it shows, and the time each stage took (the rest 0).
    const plannerResult = (
      answer: string,
      extra: {
        plan?: StoredPlan;
        table?: QueryTable;
        answerSource?: AskResult['answerSource'];
        citations?: Citation[];
        timings?: Partial<AskResult['timings']>;
      } = {},
    ): AskResult => ({
      followUp: null,
      question,
      intent,
      entities: intent.entities,
      clarify: null,
      proposal: null,
      ...(extra.plan ? { plan: extra.plan } : {}),
      action: null,
      query: { read: pq, confidence: parsed.confidence, answeredBy: 'planner', readBy },
      table: extra.table ?? null,
      answer,
      answerSource: extra.answerSource ?? 'template',
      citations: extra.citations ?? [],
      timings: { intent_ms: intentMs, retrieval_ms: 0, data_ms: 0, optimize_ms: 0, answer_ms: 0, ...extra.timings, total_ms: ms(t0) },
    });
    // A place with no site or a year before the records, asked about the floor (the weather in Tokyo stays out of scope).
    const aboutFloor = pq.op !== 'outside' || pq.measure !== null || routed.route !== 'engine' || aheadDay(pq.time, today) !== null;
    const outside = aboutFloor ? outsideTheRecords(db, question, lang) : null;
    if (outside !== null) return plannerResult(outside);
    // A day ahead has no actuals for any engine: a question about its floor (a what-if, a proposal, a risk) gets the plan.
    const aheadForEngine =
      routed.route === 'engine' && intent.entities.time_range !== null && intent.entities.time_range.from > now && PLAN_INTENTS.has(intent.intent_type);
    // The manager's conditions on a day ahead (「拠点間の移動なし」「物量が2割増えたら」): a plan under them, whatever the
    // measure the words lean to (「物量」 alone would be the forecast).
    const planDay = aheadDay(pq.time, today) ?? undefined;
    const conditions = planDay !== undefined || routed.route === 'plan' || aheadForEngine ? planConditionsOf(question, pq) : null;
    if (routed.route === 'plan' || aheadForEngine || (conditions !== null && planDay !== undefined)) {
      o.onStage?.('optimize');
      const t2 = performance.now();
      const { plan, text } = await answerFromPlan({ question, q: pq, lang, today, day: planDay, conditions, plan: deps.plan });
      return plannerResult(text, { plan, timings: { optimize_ms: ms(t2) } });
    }
    if (routed.route !== 'engine') {
      o.onStage?.('data');
      const t2 = performance.now();
      let optimizeMs = 0;
      const result: { text: string; table: QueryTable; targets?: ProcessProgress[]; services?: string[] } =
        routed.route === 'explain'
          ? await explainQuery(pq, {
              db,
              lang,
              timeZone: cfg.timeZone,
              overview: deps.overview,
              incidents: (site) => deps.incidents(site),
              peopleNeeded: async (p) => {
                const situation = placementSituation(db, situationOptions, { site: p.site, process: p.process, businessId: p.businessId }, deps.overview());
                if (!situation) return null;
                const r = await proposePlacement(situation, proposeOptions);
                optimizeMs += r.optimizeMs;
                return r.proposal ? r.proposal.operators.length : 0;
              },
            })
          : // How good the forecast has been: scored on the store's history, not forecast again.
            (pq.measure === 'forecast_volume' && asksAccuracy(question) ? forecastAccuracyAnswer : answerQuery)(pq, {
              db,
              lang,
              now,
              dayStart,
              timeZone: cfg.timeZone,
              overview: deps.overview,
              incidents: (site, window) => deps.incidents(site, window),
              alerts: deps.alerts,
            });
      const dataMs = ms(t2);
      // An explanation's recommendation is backed by the know-how about the target it explains.
      const t1 = performance.now();
      const target = result.targets?.[0];
      // An incident as the cause looks for the rules about incidents; moving people (advise, or no incident) for those about moves.
      const services = result.services ?? [];
      const incident = services.length > 0;
      const hints = [...services, incident ? QUERY_HINTS.log_investigation : '', pq.op === 'advise' || !incident ? QUERY_HINTS.deadline_optimization : ''];
      const citations =
        routed.route === 'explain' ? await deps.knowledge.search([question, target?.site, target?.process, ...hints].filter(Boolean).join(' '), 3) : [];
      const retrievalMs = ms(t1);
      const text = [result.text, pq.op === 'advise' && routed.route === 'explain' ? knowledgeAnswer(citations, tz) : ''].filter(Boolean).join('\n');
      const t3 = performance.now();
      o.onStage?.('answer');
      const answer = !llmReady(deps.llm, 'answer')
        ? { text, source: 'template' as const }
        : await composeAnswer({
            llm: deps.llm,
            log: deps.log,
            question,
            facts: result.text,
            citations,
            template: text,
            lang,
            onChunk: o.onChunk,
            signal: o.signal,
          });
      return plannerResult(answer.text, {
        table: result.table,
        answerSource: answer.source,
        citations,
        timings: { retrieval_ms: retrievalMs, data_ms: dataMs, optimize_ms: twoDecimals(optimizeMs), answer_ms: ms(t3) },
      });
    }

    const e = intent.entities;
    o.onStage?.('data');
    const t2 = performance.now();
    let dataMs = 0;
    let optimizeMs = 0;
    let proposal: Proposal | null = null;
    let action: ThresholdAction | null = null;
    /** Figures of the situation that help find the matching rule (「納期20分前」). */
    let situationWords = '';
    let clarify: AskResult['clarify'] = null;
    let facts = '';
    let template = '';
    // Only the intents about progress read it (logs, alerts and know-how do not).
    let overview: Overview | null = null;
    const progress = (): Overview => (overview ??= deps.overview());
    const series = (): ProcessProgress[] => progress().sites.flatMap((s) => s.processes);

    // Two intents about as likely (rules only: a model reads more than words): ask which is meant.
    const askBack = intent.source === 'rules' && !o.intent ? (intent.alternatives ?? null) : null;
    // A day still ahead (「明日の最適配置」): no engine has its data; said, not answered for today.
    const ahead = e.time_range !== null && e.time_range.from > now && intent.intent_type !== 'knowledge_query' && intent.intent_type !== 'other';
    switch (askBack ? 'ask_back' : ahead ? 'ahead' : intent.intent_type) {
      case 'ahead':
        template = futureAnswer(progress().dataAsOf ?? now, tz);
        break;
      case 'ask_back': {
        clarify = { question: intentChoiceQuestion(question, tz), options: askBack!.map((t) => ({ label: intentLabel(t, tz), ask: question, intent: t })) };
        template = [clarify.question, ...clarify.options.map((x) => `- ${x.label}`)].join('\n');
        break;
      }
      case 'deadline_optimization': {
        const all = series();
        const troubled = all.filter(
          (p) =>
            (p.status === 'late' || p.status === 'at_risk') &&
            (e.process === null || p.process === e.process) &&
            (e.location === null || p.site === e.location) &&
            (e.business_id === null || p.businessId === e.business_id),
        );
        const site = e.location;
        let process = e.process;
        if (site !== null && process === null && troubled.length === 1) process = troubled[0]!.process;
        if (site === null || process === null) {
          // A move needs a target: ask back with the candidates instead of guessing.
          const options = (troubled.length > 0 ? troubled : all.filter((p) => p.status !== 'done' && (site === null || p.site === site)).slice(0, 6)).map(
            (p) => ({ label: progressLine(p, tz), ask: lateProcessRequest(p, tz) }),
          );
          clarify = { question: clarifyQuestion(site === null ? 'site' : 'process', tz), options };
          template = [clarify.question, ...options.map((x) => `- ${x.label}`)].join('\n');
          dataMs = ms(t2);
          break;
        }
        const situation = placementSituation(db, situationOptions, { site, process, businessId: e.business_id }, progress());
        dataMs = ms(t2);
        if (!situation) {
          template = noProgressTodayAnswer(site, process, tz);
          break;
        }
        o.onStage?.('optimize');
        const result = await proposePlacement(situation, proposeOptions);
        optimizeMs = twoDecimals(result.optimizeMs);
        situationWords = `納期${result.facts.minutesLeft}分前`;
        if (result.proposal) {
          proposal = result.proposal;
        } else {
          facts = progressLine(situation.target, tz);
          template = onTrackAnswer(situation.target, tz);
        }
        break;
      }
      case 'delay_risk_detection': {
        // Only what the request named: 「医療レセプトで17時に間に合わない拠点は？」 is about that business, by 17:00.
        const named = series().filter(
          (p) =>
            (e.location === null || p.site === e.location) &&
            (e.process === null || p.process === e.process) &&
            (e.business_id === null || p.businessId === e.business_id),
        );
        const by = parseByTime(question, dayStart);
        template = facts = by === null ? riskAnswer(named, tz) : riskByAnswer(named, by, tz);
        dataMs = ms(t2);
        break;
      }
      case 'simple_query': {
        // The fact asked for, from SQL; anything else: the progress of what was named.
        // A follow-up (「盛岡は？」) asks for the same fact as the turn before.
        const kind = factKind(question);
        template = facts = simpleFactAnswer(
          { db, question, entities: e, now, dayStart, minSkill: cfg.placement.minSkill, timeZone: cfg.timeZone, names: resolver.names, tz },
          kind === 'progress' && followUp ? factKind(o.previous!.question) : kind,
          { lastSync: deps.lastSync, alerts: deps.alerts, progress: series },
        );
        dataMs = ms(t2);
        break;
      }
      case 'productivity_analysis': {
        // Speed now and over the window asked for, each against comparable windows; the spread between the people; causes in the logs.
        // A trend (「生産性トレンド」, 「推移」) without a window is today's, step by step.
        const trend = /とれんど|推移|すいい|傾向|trend/.test(foldForCues(question));
        const range = e.time_range ?? (trend ? { from: dayStart, to: now, label: 'today' } : null);
        const words = range ? rangeWords(range, cfg.timeZone) : null;
        const compare = (p: ProcessProgress): SpeedComparison => ({
          ...usualSpeed(db, p),
          window: range ? windowComparison(db, p, range.from, range.to) : null,
          ...(trend && range ? { steps: speedSteps(db, p, range.from, range.to) } : {}),
          spread: operatorSpread(db, p.site, p.process),
        });
        const incidents = deps.incidents(e.location ?? undefined, range && words ? { ...range, label: logWords(words) } : undefined);
        template = facts = productivityAnswer(series(), incidents, tz, e.location, e.process, compare, words);
        dataMs = ms(t2);
        break;
      }
      case 'impact_analysis': {
        // A change on one business (people joining it, or its speed becoming a figure) is projected on the proposal's
        // model (moveWhatIf); people only taken away, on the average speed of the process's people there.
        const speedTo = pq.move && 'speed' in pq.move ? pq.move.speed : null;
        const move = speedTo === null ? readMove(question, { ...resolver.extract(question), location: e.location, process: e.process }, series()) : null;
        const at = speedTo !== null ? latestOf(series(), e.location ?? pq.site[0] ?? null, e.process ?? pq.process[0] ?? null) : (move?.to ?? null);
        const situation = at && placementSituation(db, situationOptions, { site: at.site, process: at.process, businessId: e.business_id }, progress());
        if (situation) {
          const change = speedTo !== null ? { speedPerMinute: speedTo } : { people: move!.count, from: move!.from?.site ?? null };
          const outcome = await moveWhatIf(situation, change, proposeOptions);
          template = facts = whatIfAnswer(outcome, cfg.placement.minSkill, tz);
        } else
          template = facts = move
            ? impactAnswer(
                move,
                moveImpact(series(), move, (site, p) => perPersonPerMinute(db, site, p), cfg.overview.atRiskSlackMinutes),
                tz,
              )
            : statusAnswer(series(), tz, e.location, e.process);
        dataMs = ms(t2);
        break;
      }
      case 'log_investigation': {
        // Incidents first (what broke, since when, where, and what it did to the floor), then the signals and the nearest messages;
        // over the window asked for (「昨日」, 「14時ごろから」), else the last hour.
        const range = e.time_range;
        const window = range ? { ...range, label: logWords(rangeWords(range, cfg.timeZone)) } : undefined;
        const [report, hits] = [deps.logs.anomalies(window), await deps.logs.search(question, 3).catch(() => [])];
        template = facts = [
          incidentsAnswer(deps.incidents(e.location ?? undefined, window), tz, e.location),
          logAnswer(report, hits, tz, window?.label ?? null),
        ].join('\n');
        dataMs = ms(t2);
        break;
      }
      case 'alert_improvement': {
        // The history of the site asked about (the window asked for, else a week) and a threshold that would have cut the noise.
        const from = e.time_range?.from ?? now - 7 * 86_400_000;
        const days = Math.max(1, Math.round((now - from) / 86_400_000));
        const history = alertHistory(db, { site: e.location, from, productivityDropShare: cfg.alerts.productivityDropShare });
        template = facts = [alertHistoryAnswer(history, days, tz), alertAnswer(deps.alerts(), tz)].join('\n');
        const p = history.proposal;
        if (p) action = { kind: 'alert_threshold', setting: p.setting, current: p.current, proposed: p.proposed };
        dataMs = ms(t2);
        break;
      }
      case 'knowledge_query':
        break;
      default:
        template = helpAnswer(tz);
    }

    // Know-how is looked up once the situation is known, so that its figures can match a rule's wording.
    const t1 = performance.now();
    const citations: Citation[] =
      intent.intent_type === 'other' || clarify
        ? []
        : await deps.knowledge.search([question, e.location, e.process, QUERY_HINTS[intent.intent_type], situationWords].filter(Boolean).join(' '), 3);
    const retrievalMs = ms(t1);
    if (proposal) {
      proposal = { ...proposal, citations };
      proposal = saveProposal(db, proposal, question);
      facts = proposalFacts(proposal, tz);
      template = proposalAnswer(proposal, tz);
    }
    if (intent.intent_type === 'knowledge_query') template = facts = knowledgeAnswer(citations, tz);

    const t3 = performance.now();
    o.onStage?.('answer');
    const answer =
      clarify || !facts || !llmReady(deps.llm, 'answer')
        ? { text: template, source: 'template' as const }
        : await composeAnswer({ llm: deps.llm, log: deps.log, question, facts, citations, template, lang, onChunk: o.onChunk, signal: o.signal });
    const answerMs = ms(t3);

    return {
      followUp: followUp ? { intent: followUp.intent_type, from: o.previous!.question } : null,
      question,
      intent,
      entities: intent.entities,
      clarify,
      proposal,
      action,
      query: { read: pq, confidence: parsed.confidence, answeredBy: 'engine', readBy },
      answer: answer.text,
      answerSource: answer.source,
      citations,
      timings: { intent_ms: intentMs, retrieval_ms: retrievalMs, data_ms: dataMs, optimize_ms: optimizeMs, answer_ms: answerMs, total_ms: ms(t0) },
    };
  }
}
