import { fullQuery, type AskOp, type AskQuery, type AskQueryInput, type MeasureId } from '../api/askQuery.js';
import type { AskResult, UnusedWord } from '../api/assistantTypes.js';
import { followUpQuery, isFollowUp } from './followUpQuery.js';
import { UNSURE, type ParsedQuery } from './query/parseQuery.js';

/** The one reading of a request: its query, how sure the reader is, who read it, and the closest other readings. */
export interface Reading {
  query: AskQuery;
  /** The operation's share of the evidence (rules), the model's own confidence, or 1 for a reading the manager chose or a follow-up's. */
  confidence: number;
  readBy: 'model' | 'rules' | 'chosen' | 'follow_up';
  /** The closest other readings, likeliest first: the choices an ask-back offers beside this one. */
  others: AskQuery[];
  followUp: { from: string; kept: string[] } | null;
  /** The question's words that changed nothing in the reading (wordsAccounted.ts); absent for a reading the manager chose. */
  unused?: UnusedWord[];
  /** False when the rules took the measure by default, no word of the question naming one: a yes or no on it is a guess. */
  measureSaid?: boolean;
}

export interface ReadOptions {
  /** The rules parser over the synced names; `ops` narrows the operations it may choose. */
  parse: (question: string, ops?: readonly AskOp[]) => ParsedQuery;
  /** The intent model reading the query under its grammar; null without a model. Throws when its reading is not usable. */
  model: ((question: string, rules: ParsedQuery) => Promise<ParsedQuery>) | null;
  /** The conversation's turn before, for a follow-up. */
  previous: AskResult | null;
  /** The local date asked on: a follow-up's weekday is placed by whether the turn before was about days gone. */
  today: string;
  /** A reading the manager picked from an ask-back: answered as it is. */
  chosen: AskQueryInput | null;
  /** Where a model reading that was refused is said (the rules' reading is used instead). */
  refused: (error: unknown) => void;
}

/** A matter pointed at, not named (「あの件」「例の件」 "that issue"): only a conversation before can say which. */
const POINTS_BACK = /あの件|その件|例の件|あの話|例のやつ|\bthat (?:issue|thing|matter|problem)\b|\bthe thing\b/i;

const same = (a: AskQuery, b: AskQuery): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The readings of the same request under each other operation the words gave evidence for, likeliest first, each as the
 * rules read it when told that operation (its measure and split follow). Never empty: with no other evidence, the
 * summary of what was named and the know-how are offered.
 */
function othersOf(question: string, read: AskQuery, parsed: ParsedQuery, parse: ReadOptions['parse']): AskQuery[] {
  const out: AskQuery[] = [];
  const add = (q: AskQuery): void => {
    if (q.op !== 'outside' && !same(q, read) && !out.some((x) => same(x, q))) out.push(q);
  };
  for (const op of parsed.ranked) if (op !== read.op && out.length < 3) add(parse(question, [op]).query);
  // Words that lean nowhere else: the summary of what was named, or the company's rules about it.
  const bare = { ...read, measure: null, by: null, rank: null, against: null, move: null, status: null, level: null };
  for (const op of ['status', 'knowhow'] as const) if (out.length < 2 && read.op !== op) add({ ...bare, op, time: op === 'status' ? read.time : null });
  return out;
}

/**
 * Reads a request once: a reading the manager chose; a follow-up (the turn before's query changed only in what this one
 * names); the intent model's reading under the grammar when a model is loaded; else the rules'.
 */
export async function readQuestion(question: string, o: ReadOptions): Promise<Reading> {
  if (o.chosen) return { query: fullQuery(o.chosen), confidence: 1, readBy: 'chosen', others: [], followUp: null };
  const parsed = o.parse(question);
  const before = o.previous?.query?.read;
  if (before && isFollowUp(question, parsed)) {
    const { query, kept } = followUpQuery(before, parsed, question, o.today);
    return { query, confidence: 1, readBy: 'follow_up', others: [], followUp: { from: o.previous!.question, kept } };
  }
  let read: ParsedQuery = parsed;
  let readBy: Reading['readBy'] = 'rules';
  if (o.model) {
    try {
      read = await o.model(question, parsed);
      readBy = 'model';
    } catch (error) {
      o.refused(error);
    }
  }
  // 「あの件」 "that issue" with no turn before points at nothing Genba was told: what it means is asked, not guessed.
  const q = read.query;
  const namesNothing = !parsed.said.measure && [q.site, q.process, q.business, q.operator, q.service, q.host].every((n) => n.length === 0);
  // It is a matter of the floor, whatever other words come with it ("any news on that issue?"): never outside.
  if (!before && namesNothing && POINTS_BACK.test(question.normalize('NFKC')))
    read = { ...read, confidence: 0, query: q.op === 'outside' ? { ...q, op: 'status', measure: null, time: null } : q };
  // A process named with no site in a conversation about one site («大阪のレセ、どう？» then 「検証だけ遅い気がするけど間に合う？」)
  // is that site's process: its site (and business) are kept, and said as kept, as a follow-up's are.
  if (before && readBy === 'rules' && before.site.length === 1 && read.query.site.length === 0 && read.query.process.length > 0 && !read.query.move) {
    const business = read.query.business.length > 0 ? read.query.business : before.business;
    const query = { ...read.query, site: before.site, business };
    const kept = ['site', ...(read.query.business.length === 0 && before.business.length > 0 ? ['business'] : [])];
    return {
      query,
      confidence: read.confidence,
      readBy: 'follow_up',
      others: [],
      followUp: { from: o.previous!.question, kept },
      measureSaid: read.said.measure,
    };
  }
  // A question about a person's day or skills that names no one («明日出勤してる？», 「検証もできる？」) in a conversation about
  // one person is about that person (it had answered every site's roster, or tomorrow's whole plan). Their day ahead is
  // their attendance record, not the staffing plan.
  const r = read.query;
  if (
    before &&
    readBy === 'rules' &&
    before.operator.length === 1 &&
    r.operator.length === 0 &&
    r.site.length === 0 &&
    r.from.length === 0 &&
    !r.move &&
    r.measure !== null &&
    (PERSON_ASKED.has(r.measure) || (r.measure === 'speed' && PERSON_POINTED.test(question.normalize('NFKC'))))
  ) {
    // «how fast is she?»: a person's speed is their registered one.
    const measure = r.measure === 'planned_staff' || r.measure === 'headcount' ? 'attendance' : r.measure === 'speed' ? 'operator_speed' : r.measure;
    const query = { ...r, operator: before.operator, measure, ...(measure === 'attendance' ? { process: [] } : {}) };
    return {
      query,
      confidence: read.confidence,
      readBy: 'follow_up',
      others: [],
      followUp: { from: o.previous!.question, kept: ['operator'] },
      measureSaid: true,
    };
  }
  // The other readings are worked out only where they are offered: below the line.
  const others = read.confidence < UNSURE && read.query.op !== 'outside' ? othersOf(question, read.query, parsed, o.parse) : [];
  return { query: read.query, confidence: read.confidence, readBy, others, followUp: null, measureSaid: readBy === 'model' || read.said.measure };
}

/** The measures of one person's day or skills: asked with no one named, of the person the conversation is about. */
const PERSON_ASKED = new Set<MeasureId>(['attendance', 'absence', 'late_arrivals', 'skill', 'operator_speed', 'planned_staff', 'headcount']);

/** A person pointed back at («she», 「彼女」). */
const PERSON_POINTED = /\b(?:she|he|her|him|hers|his)\b|彼女|彼/i;

/** Below the line, Genba says what it understood and offers the closest readings instead of answering one of them. */
export const isUnsure = (r: Reading): boolean => r.others.length > 0;
