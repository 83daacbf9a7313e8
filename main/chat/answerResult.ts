import type { AskQuery } from '../api/askQuery.js';
import type { AskResult, Citation } from '../api/assistantTypes.js';
import { localize } from '../api/localized.js';
import { approvedMoves, approvedMovesText } from '../placement/approvedMoves.js';
import type { EngineId } from '../api/engineIds.js';
import { knowledgeAnswer, proposalAnswer, proposalFacts } from './answerTexts.js';
import { composeAnswer } from './composeAnswer.js';
import { LEFT_OUT_TEXTS } from './leftOutTexts.js';
import type { AskContext, EngineOutput } from './engines/askContext.js';
import { saveProposal } from './proposalStore.js';
import type { Reading } from './readQuestion.js';

/**
 * An answer about one line (a site and a process) with moves approved today says them first: what was decided, when,
 * and promised against measured, so a manager asking again sees the decision before any figure or new proposal.
 */
function decisionsSaid(c: AskContext, q: AskQuery): string {
  if (q.site.length !== 1 || q.process.length !== 1 || q.op === 'outside' || q.op === 'knowhow') return '';
  const moves = approvedMoves(c.db, { site: q.site[0]!, process: q.process[0]!, businessId: q.business[0] ?? null }, { now: c.now, timeZone: c.cfg.timeZone });
  return moves.length === 0 ? '' : localize(c.lang, approvedMovesText(moves, c.cfg.timeZone));
}

/** Milliseconds to two decimals: timings are read by people (31.3 ms, not 31.296325000000024). */
const twoDecimals = (x: number): number => Math.round(x * 100) / 100;

/**
 * The one result builder: the know-how that backs the answer (looked up once the situation is known, so its figures
 * can match a rule's wording), the proposal stored with it, the answer model's explanation of the computed facts (an
 * answer with a number not among them is replaced by the template), and the result with the time of each stage.
 */
export async function answerResult(
  c: AskContext,
  question: string,
  reading: Reading,
  engine: EngineId,
  out: EngineOutput,
  t: { start: number; readMs: number; dataMs: number },
): Promise<AskResult> {
  const t1 = performance.now();
  const citations: Citation[] =
    out.citations ??
    (out.knowhow && !out.clarify ? await c.deps.knowledge.search([c.searchText, ...out.knowhow, out.situationWords ?? ''].filter(Boolean).join(' '), 3) : []);
  const retrievalMs = twoDecimals(performance.now() - t1);
  let text = out.showKnowhow ? [out.text, knowledgeAnswer(citations, c.tz)].filter(Boolean).join('\n') : out.text;
  const decided = out.saysDecisions || out.clarify ? '' : decisionsSaid(c, reading.query);
  let facts = out.facts ?? '';
  let proposal = out.proposal ?? null;
  if (proposal && c.leftOut.length > 0) {
    // A proposal that ignores what the reading left out («盛岡以外», "without overtime") is no card to approve.
    proposal = null;
    text = [out.text, localize(c.lang, LEFT_OUT_TEXTS.noCard)].filter(Boolean).join('\n');
    facts = text;
  } else if (proposal) {
    proposal = saveProposal(c.db, { ...proposal, citations }, question);
    // What the engine says before the proposal (the sites left out, as asked) stays in front of it.
    facts = [out.text, proposalFacts(proposal, c.tz)].filter(Boolean).join('\n');
    text = [out.text, proposalAnswer(proposal, c.tz)].filter(Boolean).join('\n');
  }
  if (c.leftOut.length > 0) {
    const words = c.leftOut.map((u) => u.word).join(localize(c.lang, { ja: '」「', en: '", "' }));
    // A time left out: the answer is of another period, and says which.
    const note = c.leftOut.some((u) => u.kind === 'time')
      ? localize(c.lang, LEFT_OUT_TEXTS.notUsedTime)(words, localize(c.lang, c.window(reading.query).label))
      : localize(c.lang, LEFT_OUT_TEXTS.notUsed)(words);
    text = `${note}\n${text}`;
    facts = facts ? `${note}\n${facts}` : '';
  }
  if (decided) {
    text = `${decided}\n${text}`;
    facts = facts ? `${decided}\n${facts}` : '';
  }
  const t3 = performance.now();
  c.onStage?.('answer');
  const modelReady = c.deps.llm.status().find((r) => r.role === 'answer')?.state !== 'not_configured';
  const answer =
    out.clarify || !facts || !modelReady
      ? { text, source: 'template' as const }
      : await composeAnswer({
          llm: c.deps.llm,
          log: c.deps.log,
          question,
          facts,
          citations,
          template: text,
          lang: c.lang,
          signal: c.signal,
          onChunk: c.onChunk,
        });
  return {
    followUp: reading.followUp,
    question,
    clarify: out.clarify ?? null,
    proposal,
    ...(out.plan ? { plan: out.plan } : {}),
    action: out.action ?? null,
    query: { read: reading.query, confidence: reading.confidence, answeredBy: engine, readBy: reading.readBy, unused: reading.unused ?? [] },
    table: out.table ?? null,
    answer: answer.text,
    answerSource: answer.source,
    citations,
    timings: {
      read_ms: twoDecimals(t.readMs),
      retrieval_ms: retrievalMs,
      data_ms: twoDecimals(t.dataMs),
      optimize_ms: twoDecimals(out.optimizeMs ?? 0),
      answer_ms: twoDecimals(performance.now() - t3),
      total_ms: twoDecimals(performance.now() - t.start),
    },
  };
}
