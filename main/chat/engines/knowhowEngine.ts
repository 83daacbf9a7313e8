import { localize } from '../../api/localized.js';
import { forbiddingRule, VERDICT_TEXTS } from '../query/ruleVerdict.js';
import type { Engine } from './askContext.js';
import { peopleMonths, personFit } from '../personFit.js';

/**
 * The company's rules and know-how (「経験3か月の人を応援に出してもいい？」): the stored rules that match, cited. A question
 * whether something may be done is answered by the rules, leading with "No" and the rule when one forbids it, and never
 * with a bare yes (ruleVerdict.ts).
 */
export const knowhowEngine: Engine = async (q, c) => {
  // Rules about people by their experience («rules about new people helping other sites») are searched with those words.
  const words = [...q.site, ...q.process, ...(q.experienceUnder !== null ? ['経験 新人 experience'] : [])];
  if (!q.asks.includes('permission')) return { text: '', knowhow: words, showKnowhow: true };
  // The practice asked about is free text no query field holds: the rules are searched, and matched, by its words.
  // Asked of people named or of people by their experience («a 3-month rookie», 「新人」), it is also about who they are: the
  // rules about experience are searched with it.
  const aboutPeople = q.operator.length > 0 && q.experienceUnder === null;
  const citations = await c.deps.knowledge.search([c.searchText, ...words, ...(aboutPeople ? ['経験 新人 experience'] : [])].join(' '), 3);
  // The people named, with their longest experience on any process: a rule about people under some months is held against it.
  const rule = forbiddingRule(c.searchText, citations, c.lang, peopleMonths(c.db, q.operator));
  const title = (t: { title: string; titleEn?: string }): string => localize(c.lang, { ja: t.title, en: t.titleEn ?? t.title });
  const verdict = rule
    ? [localize(c.lang, VERDICT_TEXTS.forbidden)(rule.sentence, title(rule.citation)), rule.people ? localize(c.lang, VERDICT_TEXTS.about)(rule.people) : '']
        .filter(Boolean)
        .join(localize(c.lang, { ja: '', en: ' ' }))
    : localize(c.lang, VERDICT_TEXTS.noRule);
  // The people named, held against the conditions Genba applies itself: the rules say what may be done, these who fits.
  const target = q.move && 'count' in q.move ? (q.move.process ?? null) : null;
  const fit = personFit(c.db, q.operator, target ?? q.process[0] ?? null, c.cfg.placement, c.lang);
  const text = fit ? `${fit}\n${verdict}` : verdict;
  return { text, citations, showKnowhow: true };
};
