import type { AskQuery, Dimension } from '../../api/askQuery.js';

/** A series as the forecast answers see it: its site, business and process. */
interface SeriesNames {
  site: string;
  businessId: string;
  process: string;
}

/**
 * How a forecast answer groups its series: by what was asked for, else by process within the
 * one site named, else by site; and the row label of a series in that grouping (business
 * names where the company gives them).
 */
export function forecastGrouping(
  q: AskQuery,
  businessNames: Readonly<Record<string, string>>,
): { by: Dimension | null; keyOf: (s: SeriesNames) => string; chosen: (s: SeriesNames) => boolean } {
  const by = q.by ?? (q.site.length === 1 && q.process.length === 0 ? 'process' : q.site.length === 0 ? 'site' : null);
  const name = (id: string): string => businessNames[id] ?? id;
  const keyOf = (s: SeriesNames): string =>
    by === 'site'
      ? s.site
      : by === 'process'
        ? `${s.site} ${s.process}`
        : by === 'business'
          ? name(s.businessId)
          : `${s.site} ${s.process} · ${name(s.businessId)}`;
  const chosen = (s: SeriesNames): boolean =>
    (q.site.length === 0 || q.site.includes(s.site)) &&
    (q.process.length === 0 || q.process.includes(s.process)) &&
    (q.business.length === 0 || q.business.includes(s.businessId));
  return { by, keyOf, chosen };
}
