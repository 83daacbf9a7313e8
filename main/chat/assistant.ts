import type { AskOp, AskQuery, AskQueryInput, AskTime, MeasureId } from '../api/askQuery.js';
import type { AskResult } from '../api/assistantTypes.js';
import { inLatin, type LatinNames } from '../api/latinNames.js';
import { localize } from '../api/localized.js';
import { ruleLevel, RULE_LEVEL_TEXT } from './ruleLevel.js';
import type { ChatStage, Lang, Overview, ProcessProgress } from '../api/types.js';
import { formatHm, localDate, startOfZonedDay } from '../config/zonedTime.js';
import { describeError } from '../errors.js';
import { businessNames } from '../placement/businessNames.js';
import { warmSolver } from '../placement/placementSolver.js';
import { storedBusinessNames } from '../store/businessNames.js';
import { answerResult } from './answerResult.js';
import { askBack } from './askBack.js';
import type { AssistantDeps } from './assistantDeps.js';
import { ENGINES, engineFor } from './engineFor.js';
import type { AskContext } from './engines/askContext.js';
import { questionReads } from './engines/questionReads.js';
import { inactivePeopleNote } from './inactivePeople.js';
import { latinAnswer } from './latinAnswer.js';
import { createNameCache } from './nameCache.js';
import { outsideTheRecords } from './outsideTheRecords.js';
import { bothAnswers, twoQuestions } from './compoundQuestion.js';
import { foldForCues } from './foldForCues.js';
import { aheadDay, askedDay } from './query/aheadDay.js';
import { DEFAULT_MEASURES, parseQuery, type ParsedQuery } from './query/parseQuery.js';
import { queryFromModel } from './query/queryModel.js';
import { loadQueryNames, type NamedInText } from './query/queryNames.js';
import { PLANNING_TEXTS } from './query/planningTexts.js';
import { queryWindow } from './query/queryWindow.js';
import { measureUnread } from './query/measureUnread.js';
import { weekdayNamed } from './query/timeOf.js';
import { sideAnswer } from './sideAnswer.js';
import { spanAheadNote } from './query/spanAheadNote.js';
import { weekdayMismatch } from './query/weekdayMismatch.js';
import { unusedWords } from './query/wordsAccounted.js';
import { isUnsure, readQuestion } from './readQuestion.js';
import { lessonAnswer, lessonOf } from './wordLessons.js';

export type { AssistantDeps } from './assistantDeps.js';

export interface AskOptions {
  onChunk?: (text: string) => void;
  onStage?: (stage: ChatStage) => void;
  signal?: AbortSignal;
  /** A reading the manager picked from an ask-back: answered as it is, not read again. */
  reading?: AskQueryInput;
  /** The conversation's turn before, for a follow-up (「盛岡は？」, 「じゃあ2名なら？」). */
  previous?: AskResult | null;
}

export interface PrepareOptions {
  solver?: boolean;
  warm?: boolean;
}

/** The chat pipeline: one reading of the request, the engine its query goes to, and one result. */
export interface Assistant {
  /**
   * Start-up work kept out of the first question: names and their readings, and (unless `warm` is false: one question in
   * one process reads them itself if it needs them) the solver compiled, the know-how index, the overview.
   */
  prepare(o?: PrepareOptions): Promise<void>;
  /** The company's names in Latin letters for English screens and texts (api/latinNames.ts); none until their readings are made. */
  latinNames(): LatinNames;
  /** The typed query the rules parser reads a request as (docs/ask-query.md); `ops` narrows the operations it may choose. */
  readQuery(question: string, ops?: readonly AskOp[]): ParsedQuery;
  ask(question: string, o?: AskOptions): Promise<AskResult>;
}

/** The numbers a reading holds (people moved, a level, a ranking's n, a speed): a number among them was read. */
function readNumbers(q: AskQuery): Set<number> {
  const move =
    q.move === null
      ? []
      : 'count' in q.move
        ? [q.move.count]
        : 'speed' in q.move
          ? [q.move.speed]
          : 'items' in q.move
            ? [q.move.items]
            : q.move.stopMinutes === null
              ? []
              : [q.move.stopMinutes, q.move.stopMinutes / 60];
  return new Set([...move, q.level ?? NaN, q.experience ?? NaN, q.experienceUnder ?? NaN, q.rank?.n ?? NaN].filter((n) => !Number.isNaN(n)));
}

/**
 * The measures that count people: a word of the question not understood may be the one that says which people
 * («手が空いてる人», «最終確認できる人»), so the count is said to leave it out, first, not given as the answer to it.
 */
const PEOPLE_MEASURES = new Set<MeasureId>(['headcount', 'attendance', 'absence', 'late_arrivals']);

/** Now said beside another time («at noon vs now», 「正午と今」): 今 of 今日, 今週, 今朝 is not. */
const NOW_SAID = /今(?![日週月年朝回後度夜晩])|現在|\bnow\b|\bcurrently\b|\bat the moment\b/;

/** The measures a check answers with a yes, a no or an all-clear (answerQuery's checkText, and no incident found). */
const VERDICT_MEASURES = new Set<MeasureId>(['remaining', 'slack', 'incidents']);

/**
 * The language a question is written in, by its own words, not the names in it: Japanese when kana or kanji are left
 * once the company's names are taken out ("How many items are left at 札幌?" is English), English when Latin words are;
 * null when neither.
 */
export function questionLang(question: string, named?: NamedInText): Lang | null {
  let text = named ? named.text : question;
  if (named)
    for (const h of [
      ...named.sites,
      ...named.processes,
      ...named.businesses,
      ...named.operators,
      ...named.services,
      ...named.hosts,
      ...(named.again ?? []),
    ].sort((a, b) => b.at - a.at))
      text = `${text.slice(0, h.at)} ${text.slice(h.end)}`;
  if (/[\u3040-\u30ff\u3400-\u9fff]/.test(text)) return 'ja';
  return /[A-Za-z]{2,}/.test(text) ? 'en' : /[\u3040-\u30ff\u3400-\u9fff]/.test(question) ? 'ja' : null;
}

const llmReady = (deps: AssistantDeps, role: 'intent' | 'answer'): boolean => deps.llm.status().find((r) => r.role === role)?.state !== 'not_configured';

/**
 * Reading → engine → result. The request is read once into its query (the rules, or qwen2 under the grammar); below the
 * confidence line Genba says what it understood and offers the closest readings; else the engine its query goes to
 * (engineFor.ts) computes the figures, and the answer model, when installed, only explains them.
 */
export function createAssistant(deps: AssistantDeps): Assistant {
  const names = createNameCache(deps.log, deps.onNamesRead);
  const parserFor = (): ((question: string, ops?: readonly AskOp[]) => ParsedQuery) => {
    const find = names.finder(deps.db(), deps.aliases());
    return (question, ops) => parseQuery(question, find(question), ops);
  };
  const latinNames = (): LatinNames => names.latin(deps.db(), deps.aliases());
  return {
    async prepare(o: PrepareOptions = {}): Promise<void> {
      const warm = o.warm !== false;
      if (warm) deps.overview();
      await Promise.all([warm && o.solver !== false ? warmSolver() : null, warm ? deps.knowledge.reindex() : null, names.ready(deps.db(), deps.aliases())]);
    },
    latinNames,
    readQuery: (question, ops) => parserFor()(question, ops),
    ask,
  } satisfies Assistant;

  /** A request answered: two questions in one each on its own, else read once and answered (answerIn). */
  async function ask(question: string, o: AskOptions = {}): Promise<AskResult> {
    // Two questions in one («… absent in Osaka today, and how many items are left there?»): each answered, the second
    // continuing the first as a follow-up does (its site and day kept unless it names its own), never one of them dropped.
    const clauses = o.reading ? null : twoQuestions(question, parserFor());
    if (clauses) {
      const first = await ask(clauses[0], o);
      const second = await ask(clauses[1], { ...o, previous: first });
      if (first.clarify === null && second.clarify === null) return bothAnswers(question, first, second);
    }
    // The answer speaks the question's language (an English question gets an English answer) unless the run chose one.
    const lang = deps.langChosen() ? deps.lang() : (questionLang(question, names.finder(deps.db(), deps.aliases())(question)) ?? deps.lang());
    // An English answer writes the company's names in Latin letters, as the English screens do.
    const latin = localize<LatinNames>(lang, { ja: {}, en: latinNames() });
    if (Object.keys(latin).length === 0) return answerIn(question, lang, o);
    const onChunk = o.onChunk;
    const r = await answerIn(question, lang, { ...o, ...(onChunk ? { onChunk: (text: string) => onChunk(inLatin(text, latin)) } : {}) });
    return latinAnswer(r, latin);
  }

  function contextOf(question: string, lang: Lang, o: AskOptions): AskContext {
    const cfg = deps.config();
    const now = deps.now();
    const dayStart = startOfZonedDay(now, cfg.timeZone);
    const db = deps.db();
    // The businesses' names as the overview reads them (overviewNow): every line that names a business says its name.
    const named = businessNames(cfg.placement.aliases, storedBusinessNames(db));
    let overview: Overview | null = null;
    const ov = (): Overview => (overview ??= deps.overview());
    return {
      searchText: question,
      leftOut: [],
      verdict: true,
      lang,
      now,
      dayStart,
      today: localDate(now, cfg.timeZone),
      db,
      cfg,
      tz: { lang, timeZone: cfg.timeZone, dayStart, businessNames: named },
      deps,
      overview: ov,
      ...questionReads(deps, ov),
      series: (): ProcessProgress[] => ov().sites.flatMap((s) => s.processes),
      // One situation and one proposal setting per question: the explanation, the proposal and a what-if read the same.
      situationOptions: { now, timeZone: cfg.timeZone, ...cfg.overview, policy: cfg.placement },
      proposeOptions: {
        policy: cfg.placement,
        distancesKm: deps.distancesKm(),
        timeZone: cfg.timeZone,
        lang,
        now,
        atRiskSlackMinutes: cfg.overview.atRiskSlackMinutes,
        businessNames: named,
      },
      window: (q, fallback = 'today') => queryWindow(q.time, { now, dayStart, timeZone: cfg.timeZone, workday: cfg.planning.workday }, fallback),
      ...(o.onStage ? { onStage: o.onStage } : {}),
      ...(o.onChunk ? { onChunk: o.onChunk } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    };
  }

  /** The deadlines (「16:00」) of the lines a reading names, or of every line: a clock time in the question may name one. */
  function deadlinesOf(q: AskQuery, c: AskContext): Set<string> {
    const lines = c.series().filter((p) => (q.site.length === 0 || q.site.includes(p.site)) && (q.process.length === 0 || q.process.includes(p.process)));
    return new Set(lines.flatMap((p) => (p.deadline === null ? [] : [formatHm(p.deadline, c.cfg.timeZone).replace(/^0/, '')])));
  }

  async function answerIn(question: string, lang: Lang, o: AskOptions): Promise<AskResult> {
    const start = performance.now();
    o.onStage?.('intent');
    // Names just synced get their readings (さっぽろ, Sapporo) once, in the background: a question waits for them rather than miss a name.
    await names.ready(deps.db(), deps.aliases());
    // A word taught or forgotten (「物量は到着件数のこと」「物量を忘れて」) is a lesson, not a question: learned, and said so.
    const lesson = o.reading ? null : lessonOf(question);
    if (lesson) {
      deps.log.info('word lesson', `${lesson.kind}: ${lesson.word}`);
      return lessonAnswer({ db: deps.db(), find: names.finder(deps.db(), deps.aliases()), lang }, question, lesson, start);
    }
    const c = contextOf(question, lang, o);
    const reading = await readQuestion(question, {
      parse: parserFor(),
      model: llmReady(deps, 'intent')
        ? (q, rules) => queryFromModel(deps.llm, q, { names: loadQueryNames(c.db), find: names.finder(c.db, deps.aliases()) }, rules, o.signal)
        : null,
      previous: o.previous ?? null,
      today: c.today,
      chosen: o.reading ?? null,
      refused: (error) => deps.log.warn('query model output not used; rules decided', describeError(error)),
    });
    // 「清水さん、なんで休み？」: the records say who is off, never why. The answer is the record, the missing reason said first.
    const askedWhyOff =
      reading.query.op === 'why' &&
      (reading.query.measure === 'absence' || reading.query.measure === 'attendance' || reading.query.measure === 'late_arrivals');
    let q = askedWhyOff ? { ...reading.query, op: 'value' as const } : reading.query;
    // Whether one person can do a process (「竹下さんって補正できる？」) is the person's fit and the rules, as "can 竹下 do
    // correction?" is: a check of skills alone had shown «—» for a process they have no skill in, no yes and no no.
    if (q.op === 'check' && q.measure === 'skill' && q.operator.length === 1 && q.process.length === 1 && q.level === null)
      q = { ...q, op: 'knowhow', measure: null, asks: [...new Set([...q.asks, 'permission' as const])] };
    // A moment of today still ahead («残件、17時時点で？», "left at 5pm") asks what will be done by then: the deadline's projection.
    const ahead = /^at_(\d{1,2})$/.exec(q.time ?? '');
    if (ahead && c.window(q).ahead) q = { ...q, time: `by_${ahead[1]!}` as AskTime };
    // «札幌 SS entry1 at noon vs now?», 「正午と今で比べて」: a moment of today beside now is the figure at each (the comparison
    // had given now's alone, under the moment's reading).
    if (!o.reading && q.op === 'compare' && /^at_/.test(q.time ?? '') && q.site.length <= 1 && NOW_SAID.test(foldForCues(question))) {
      const then = await answerIn(question, lang, { ...o, reading: { ...q, op: 'value' } });
      const current = await answerIn(question, lang, { ...o, reading: { ...q, op: 'value', time: 'now' } });
      return bothAnswers(question, then, current);
    }
    const engine = engineFor(q, c.today, aheadDay(q.time, c.today) !== null && q.conditions !== null);
    // Every word accounted for: those that changed nothing in the reading are shown with it; an exclusion or a number among
    // them is said before the answer, and nothing is stored on a reading that ignores it. Rules and know-how are searched
    // by the words themselves, and a request outside the floor is declined whole.
    const parse = parserFor();
    let unused =
      reading.readBy === 'chosen'
        ? []
        : unusedWords(names.finder(c.db, deps.aliases())(question), (t) => parse(t).query, { deadlines: () => deadlinesOf(q, c) }).filter(
            // A number the reading holds is used, whoever read it (「2なら？」 is the follow-up's move of 2).
            (u) => u.kind !== 'number' || !readNumbers(q).has(Number(u.word)),
          );
    // A weekday said beside the day it is («明日 Friday» on a Thursday) restates it; one that is not that day's stays unread.
    const day = askedDay(q.time, c.today);
    if (day !== null) unused = unused.filter((u) => u.kind !== 'time' || weekdayNamed(u.word) !== new Date(`${day}T00:00Z`).getUTCDay());
    // People who can do work a company rule ties to a level («最終確認できる人», "who can do the final check?"): counted at
    // that level, the rule said first; its words are read.
    const counted = q.measure !== null && (PEOPLE_MEASURES.has(q.measure) || q.measure === 'skill');
    const unreadWords = unused.filter((u) => u.kind === 'word').map((u) => u.word);
    const levelled = counted && unreadWords.length > 0 ? await ruleLevel((text, k) => deps.knowledge.search(text, k), unreadWords, lang) : null;
    if (levelled) {
      q = { ...q, level: Math.max(q.level ?? 0, levelled.level) };
      unused = unused.filter((u) => !levelled.words.includes(u.word));
    }
    // A yes, a no, an all-clear and a what-if's projection stand on every word of their question: with a word not
    // understood, the answer says so first, and a check gives no verdict.
    // So does a count asked («how many db pool incidents this month»): a total of every incident is no count of the kind
    // the unread words named.
    // So does a figure of a business named that Genba does not know («自動車保険の業務の件数»): a total of every business is
    // no figure of it.
    const unknownBusiness = unused.some(
      (u) => u.kind === 'word' && /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u.test(u.word) && question.includes(`${u.word}の業務`),
    );
    const verdict =
      unknownBusiness ||
      (q.op === 'check' && q.measure !== null && VERDICT_MEASURES.has(q.measure)) ||
      q.op === 'whatif' ||
      // A proposal stands on every word too: a card that ignores «nobody under 2 yrs» or «until 4pm, then back» is not what was asked.
      q.op === 'propose' ||
      (q.measure !== null && PEOPLE_MEASURES.has(q.measure)) ||
      q.asks.includes('count');
    const leftOut = engine === 'knowhow' || engine === 'outside' ? [] : unused.filter((u) => u.kind !== 'word' || verdict);
    const read = { ...reading, query: q, unused };
    // «同じ人ばっかり応援に出してない？» read as a check of today's deadlines (no word named one) gets that state, not «No».
    const ctx: AskContext = { ...c, leftOut, verdict: leftOut.length === 0 && reading.measureSaid !== false };
    const readMs = performance.now() - start;
    const timeWords = (x: typeof q): string => localize(lang, c.window(x).label);
    // A question no measure answers (how far, which sites run a business, how fresh the data is, a log's own words): its
    // own source. One that reads its own words («fresh», «policy_no») has none left unread.
    const side = sideAnswer(question, q, c, { deps, lang, find: () => names.finder(c.db, deps.aliases())(question), windowLabel: timeWords(q) });
    if (side !== null)
      return side.ownWords
        ? answerResult({ ...ctx, leftOut: [] }, question, { ...read, unused: [] }, engine, { text: side.text }, { start, readMs, dataMs: 0 })
        : answerResult(ctx, question, read, engine, { text: side.text }, { start, readMs, dataMs: 0 });
    // A figure by a measure the question did not name, beside words not understood («most keying mistakes», "absenses this
    // week vs last week"): those words are likely its measure, so nothing is given by the default one; the measures it can
    // be given by are said. People ranked with no figure named at all («top 3 hosei people») are asked which.
    // A measure read from a level, a length of experience or a person named («レベル4以上の…何人», "move 小川 優子 off …") is
    // theirs, not a default.
    const figureOp = q.op === 'rank' || q.op === 'value' || q.op === 'list' || q.op === 'compare' || q.op === 'change' || q.op === 'trend';
    const byDefault =
      q.op === 'rank' ||
      (q.level === null && q.experience === null && q.experienceUnder === null && q.operator.length === 0 && DEFAULT_MEASURES.has(q.measure!));
    if (
      figureOp &&
      byDefault &&
      reading.measureSaid === false &&
      (unreadWords.length > 0 || (q.op === 'rank' && q.by === 'operator')) &&
      engine === 'planner' &&
      !isUnsure(reading)
    )
      return answerResult(ctx, question, read, engine, { text: measureUnread(q, unreadWords, lang) }, { start, readMs, dataMs: 0 });
    if (isUnsure(reading))
      return answerResult(ctx, question, read, engine, askBack(question, reading, lang, timeWords, c.tz.businessNames), { start, readMs, dataMs: 0 });
    const t1 = performance.now();
    // A place that is no site, or a year before the records, asked about the floor (the weather in Tokyo stays out of scope);
    // or a day of month named with a weekday it does not fall on (「27日（火）」 when the 27th is a Monday): said, not guessed.
    const aboutFloor = engine !== 'outside' && engine !== 'knowhow' && (q.op !== 'outside' || aheadDay(q.time, c.today) !== null);
    const outside = aboutFloor ? (outsideTheRecords(c.db, question, lang) ?? weekdayMismatch(q.time, c.today, lang)) : null;
    const computed = outside !== null ? { text: outside } : await ENGINES[engine](q, ctx);
    // A plan asked for a span ahead («next week's staffing plan») is its first working day's, and says so first.
    const spanned = engine === 'plan' ? spanAheadNote(q.time, c.today, lang) : null;
    const noReason = askedWhyOff ? localize(lang, PLANNING_TEXTS.noReason) : '';
    const inactive = inactivePeopleNote(c.db, question, lang);
    const ruled = [inactive ?? '', levelled ? localize(lang, RULE_LEVEL_TEXT)(levelled) : '', noReason, outside === null ? (spanned ?? '') : '']
      .filter(Boolean)
      .join('\n');
    const out = ruled ? { ...computed, text: `${ruled}\n${computed.text}`, ...(computed.facts ? { facts: `${ruled}\n${computed.facts}` } : {}) } : computed;
    return answerResult(ctx, question, read, engine, out, { start, readMs, dataMs: performance.now() - t1 - (out.optimizeMs ?? 0) });
  }
}
