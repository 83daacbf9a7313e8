import type { AskQuery } from '../api/askQuery.js';
import { businessLabel, type BusinessNames } from '../api/businessLabel.js';
import { joinNames, localize, type Lang } from '../api/localized.js';
import { MEASURE_LABELS } from '../api/measureLabels.js';
import { OP_LABELS } from '../api/opLabels.js';
import type { EngineOutput } from './engines/askContext.js';
import type { Reading } from './readQuestion.js';

/** A reading in the manager's words: 「比較 · 残件 · 札幌・大阪 · yesterday」; a business by its name, never its id. */
export function readingWords(q: AskQuery, lang: Lang, timeWords: (q: AskQuery) => string, businesses: BusinessNames): string {
  const business = q.business.map((id) => localize(lang, businessLabel(businesses, id)));
  const names = joinNames(lang, [...q.site, ...q.process, ...business, ...q.operator, ...q.service, ...q.host]);
  return [
    localize(lang, OP_LABELS[q.op]),
    q.measure && q.measure !== 'unknown' ? localize(lang, MEASURE_LABELS[q.measure].label) : '',
    names,
    q.time === null ? '' : timeWords(q),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Below the confidence line: what Genba understood, and the closest readings as choices (the likeliest first), each
 * answered as it is when picked. Nothing is computed or stored until the manager picks one.
 */
export function askBack(question: string, r: Reading, lang: Lang, timeWords: (q: AskQuery) => string, businesses: BusinessNames): EngineOutput {
  const readings = [r.query, ...r.others];
  const lead = localize(lang, {
    ja: `「${question}」は「${readingWords(r.query, lang, timeWords, businesses)}」と読みましたが、確かではありません。どれをお知りになりたいですか。`,
    en: `I read "${question}" as "${readingWords(r.query, lang, timeWords, businesses)}", but I am not sure. Which do you mean?`,
  });
  const options = readings.map((q) => ({ label: readingWords(q, lang, timeWords, businesses), ask: question, reading: q }));
  return { text: [lead, ...options.map((o) => `- ${o.label}`)].join('\n'), clarify: { question: lead, options } };
}
