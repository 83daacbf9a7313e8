import type { AskQuery } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { warningLines } from '../../logs/matchingLines.js';
import type { QueryContext } from './queryContext.js';
import { QUERY_TEXTS as T } from './queryTexts.js';

/** The warnings and errors of the hosts and services named, in the window: an all-clear says them (none: nothing). */
export function warningsSaid(q: AskQuery, window: { from: number; to: number }, c: QueryContext, at: (t: number) => string): string {
  const named = [...q.host.map((host) => ({ host })), ...q.service.map((service) => ({ service }))];
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
