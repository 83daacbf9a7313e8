import type { AskQuery } from '../../api/askQuery.js';
import type { Overview, ProcessProgress } from '../../api/types.js';

/** The overview's series a query names: its sites, processes and businesses (each, when given, one of those). */
export function namedSeries(q: Pick<AskQuery, 'site' | 'process' | 'business'>, ov: Overview): ProcessProgress[] {
  return ov.sites
    .flatMap((s) => s.processes)
    .filter(
      (p) =>
        (q.site.length === 0 || q.site.includes(p.site)) &&
        (q.process.length === 0 || q.process.includes(p.process)) &&
        (q.business.length === 0 || q.business.includes(p.businessId)),
    );
}
