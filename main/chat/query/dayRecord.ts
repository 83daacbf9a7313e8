import type { AskQuery } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { QUERY_TEXTS as T } from './queryTexts.js';

/**
 * What the records say of a day gone (or a span), for a summary or a «why» about it: the deadlines missed, the work that
 * arrived against the usual, the overtime and the log incidents, each computed as its own question would be. The cause of a day gone is
 * not guessed: the figures are the evidence a manager reads it from. `answer` is the planner's (answerQuery), passed in
 * because each part is one of its own questions.
 */
export function dayRecord(q: AskQuery, c: QueryContext, label: string, answer: (q: AskQuery, c: QueryContext) => QueryAnswer): QueryAnswer {
  const base = { ...q, op: 'value' as const, status: null, by: q.site.length === 0 ? ('site' as const) : null, rank: null, against: null, move: null };
  const parts = [
    answer({ ...base, measure: 'missed_deadlines' }, c),
    answer({ ...base, op: 'change', measure: 'arrivals', by: null, against: 'usual' }, c),
    answer({ ...base, measure: 'overtime', process: [], business: [] }, c),
    answer({ ...base, measure: 'incidents', by: null, process: [], business: [] }, c),
  ];
  return { text: [localize(c.lang, T.dayRecord)(label), ...parts.map((p) => p.text)].join('\n'), table: parts[0]!.table };
}
