import type { AskQuery } from '../api/askQuery.js';
import type { Lang } from '../api/localized.js';
import type { AssistantDeps } from './assistantDeps.js';
import { asksBusinessSites, businessSitesAnswer } from './businessSitesAnswer.js';
import type { AskContext } from './engines/askContext.js';
import { foldForCues } from './foldForCues.js';
import { firstLogAt } from '../logs/firstLogAt.js';
import { loadMasterNames } from './masterNames.js';
import type { NamedInText } from './query/queryNames.js';
import { quotesLog, templatesNamed } from './query/templatesNamed.js';
import { templatesNamedAnswer } from './query/templatesNamedAnswer.js';
import { siteDistanceAnswer } from './siteDistanceAnswer.js';
import { asksSyncFreshness, syncFreshnessAnswer } from './syncFreshnessAnswer.js';

/** An answer no measure of the records gives; `ownWords`: it reads the words the query left unread («fresh», «policy_no»). */
export interface SideAnswer {
  text: string;
  ownWords: boolean;
}

/**
 * Questions that no measure of the records answers, each from its own source: how far sites are (the placement's table of
 * km), which sites run a business (today's lines), how fresh Genba's copy is (its sync record), what a log's own words
 * name (its templates). A neighbouring measure had answered each as if it were the question. A move asked is never one.
 */
export function sideAnswer(
  question: string,
  q: AskQuery,
  c: AskContext,
  o: { deps: AssistantDeps; lang: Lang; find: () => NamedInText; windowLabel: string },
): SideAnswer | null {
  if (q.op === 'propose' || q.op === 'whatif') return null;
  const folded = foldForCues(question);
  const distance = siteDistanceAnswer(folded, q.site, () => loadMasterNames(c.db).sites, o.deps.distancesKm, o.lang);
  if (distance !== null) return { text: distance, ownWords: false };
  if (asksBusinessSites(folded, q.business.length > 0))
    return {
      text: businessSitesAnswer(c.series(), q.business, { lang: o.lang, timeZone: c.cfg.timeZone, now: c.now, businessNames: c.tz.businessNames, folded }),
      ownWords: true,
    };
  if (asksSyncFreshness(folded, q.service.length > 0 || q.host.length > 0))
    return {
      text: syncFreshnessAnswer(c.db, { now: c.now, timeZone: c.cfg.timeZone, dayStart: c.dayStart, staleMinutes: c.cfg.alerts.staleMinutes, lang: o.lang }),
      ownWords: true,
    };
  // A log's own words name its template where the question is about the logs or about nothing the records measure.
  const aboutLogs =
    q.service.length === 0 &&
    q.host.length === 0 &&
    ['knowhow', 'outside', 'check', 'value', 'why', 'status', 'list'].includes(q.op) &&
    (q.measure === null || q.measure === 'error_lines' || q.measure === 'incidents');
  // Words quoted from a log name it whatever the reading («what does 'Connection pool exhausted' mean and which site»).
  const named = aboutLogs || quotesLog(question) ? templatesNamed(c.db, o.find(), c.window(q)) : [];
  if (named.length === 0) return null;
  const logsFrom = firstLogAt(c.db);
  const siteOfHost = o.deps.siteOfHost?.() ?? ((): null => null);
  return {
    text: templatesNamedAnswer(named, { lang: o.lang, timeZone: c.cfg.timeZone, windowLabel: o.windowLabel, logsFrom, siteOfHost }),
    ownWords: true,
  };
}
