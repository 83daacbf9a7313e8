import type { AskResult, AskTimings } from '../api/assistantTypes.js';
import { foldForCues } from './foldForCues.js';
import type { ParsedQuery } from './query/parseQuery.js';
import { asksDistance } from './siteDistanceAnswer.js';

/**
 * A request that asks two things at once («How many people are absent in Osaka today and how many items are left there?»,
 * 「札幌の残件は？あと大阪の欠勤は？」): its two clauses, the second after a conjunction that opens a question of its own
 * (", and how many …", 「？あと…」「、それと…」). Null for one question. Whether the two are really two questions (each
 * with a measure of its own, a different one) is the reader's to say: «Sapporo and Osaka» is one question of two sites.
 */
const EN = /^(.{8,}?)(?:,\s*|\s+)(?:and|also|plus)\s+(?=(?:how|what|which|who|when|where|is|are|was|were|did|do|does|will|can|any)\b)(.{6,})$/i;
const JA = /^(.{4,}?[？?])\s*(?:あと|それと|また|ついでに)?[、,]?\s*(.{4,})$|^(.{4,}?)[、。,]\s*(?:あと|それと|ついでに)[、,]?\s*(.{4,})$/;

export function compoundClauses(question: string): [string, string] | null {
  const q = question.normalize('NFKC').trim();
  const en = EN.exec(q);
  if (en) return [en[1]!.trim(), en[2]!.trim()];
  const ja = JA.exec(q);
  if (!ja) return null;
  const [a, b] = ja[1] !== undefined ? [ja[1], ja[2]!] : [ja[3]!, ja[4]!];
  return [a.trim(), b.trim()];
}

/**
 * The two clauses of a request that asks two things (compoundClauses), when each says a measure of its own and they
 * differ, neither a proposal or a what-if that a card would carry, or one of them asks how far sites are: the second
 * opened as a follow-up («and …», 「あと…」), so it keeps the first one's site and day unless it names its own.
 */
export function twoQuestions(question: string, parse: (text: string) => ParsedQuery): [string, string] | null {
  const clauses = compoundClauses(question);
  if (!clauses) return null;
  const [a, b] = clauses.map((c) => parse(c)) as [ParsedQuery, ParsedQuery];
  const single = (p: ParsedQuery): boolean => p.said.measure && p.query.measure !== null && !['propose', 'whatif', 'outside', 'knowhow'].includes(p.query.op);
  // How far sites are is no measure, but a question of its own (siteDistanceAnswer.ts).
  const [da, db] = clauses.map((c) => asksDistance(foldForCues(c)));
  if (!(da || single(a)) || !(db || single(b)) || (!da && !db && a.query.measure === b.query.measure)) return null;
  // Opened in the clause's own language: kana say Japanese; a kanji name alone in English («closest to 大阪») does not.
  return [clauses[0], /[\u3040-\u30ff]/.test(clauses[1]) ? `あと${clauses[1]}` : `and ${clauses[1]}`];
}

/**
 * One result for the two answers of a two-part request: both texts, each as its own clause answered it; the reading,
 * proposal and plan of the first (a follow-up continues from it); the citations of both; the time of both.
 */
export function bothAnswers(question: string, first: AskResult, second: AskResult): AskResult {
  const cited = new Set(first.citations.map((c) => JSON.stringify(c)));
  const sum = (k: keyof AskTimings): number => first.timings[k] + second.timings[k];
  return {
    ...first,
    question,
    answer: `${first.answer}\n\n${second.answer}`,
    // Each table holds only its own answer's figures: neither is the whole text's.
    table: null,
    answerSource:
      first.answerSource === 'template' && second.answerSource === 'template'
        ? 'template'
        : first.answerSource === 'model'
          ? first.answerSource
          : second.answerSource,
    citations: [...first.citations, ...second.citations.filter((c) => !cited.has(JSON.stringify(c)))],
    timings: {
      read_ms: sum('read_ms'),
      retrieval_ms: sum('retrieval_ms'),
      data_ms: sum('data_ms'),
      optimize_ms: sum('optimize_ms'),
      answer_ms: sum('answer_ms'),
      total_ms: sum('total_ms'),
    },
  };
}
