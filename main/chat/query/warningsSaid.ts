import type { AskQuery } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { warningLines } from '../../logs/matchingLines.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { queryWindow } from './queryWindow.js';
import { QUERY_TEXTS as T } from './queryTexts.js';

/** The warnings and errors of the hosts and services named, in the window: an all-clear says them (none: nothing). */
export function warningsSaid(q: AskQuery, window: { from: number; to: number }, c: QueryContext, at: (t: number) => string): string {
  // Hosts named narrow the services named («品川のOCR»: ocr-worker on 品川's hosts), never widen them to every host.
  const named =
    q.host.length > 0
      ? q.host.flatMap((host) => (q.service.length > 0 ? q.service.map((service) => ({ host, service })) : [{ host }]))
      : q.service.map((service) => ({ service }));
  const found = named.map((n) => warningLines(c.db, { ...n, from: window.from, to: window.to }));
  const n = found.reduce((s, f) => s + f.lines, 0);
  if (n === 0) return '';
  const top = found
    .flatMap((f) => f.top)
    .sort((a, b) => b.lines - a.lines)
    .slice(0, 3)
    .map((w) => localize(c.lang, T.warningLine)(w.level, w.lines, w.template, at(w.last)));
  return localize(c.lang, { ja: '', en: ' ' }) + localize(c.lang, T.warningsAnyway)(n, top.join(localize(c.lang, { ja: '、', en: '; ' })));
}

/**
 * No error lines on the hosts or services named is no all-clear where they logged warnings («any errors on the export
 * server?» beside a disk at 99 %): the warnings of the period asked (today when none) are said after the count.
 */
export function noErrorsWithWarnings(counted: QueryAnswer, q: AskQuery, c: QueryContext, at: (t: number) => string): QueryAnswer {
  if ((q.host.length === 0 && q.service.length === 0) || !(counted.table.rows as unknown[][]).every((r) => r[1] === 0)) return counted;
  const warned = warningsSaid(q, queryWindow(q.time ?? 'today', c), c, at).trim();
  return warned ? { ...counted, text: `${counted.text}\n${warned}` } : counted;
}
