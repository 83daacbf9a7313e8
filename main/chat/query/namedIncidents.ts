import type { AskQuery } from '../../api/askQuery.js';
import type { IncidentReport } from '../../api/types.js';

/** The incidents of the services and hosts a query names (「ocr-morioka-01 の障害」 is not every service's); all when it names none. */
export function namedIncidents(report: IncidentReport, q: Pick<AskQuery, 'service' | 'host'>): IncidentReport {
  return {
    ...report,
    incidents: report.incidents.filter(
      (i) => (q.service.length === 0 || i.services.some((s) => q.service.includes(s))) && (q.host.length === 0 || i.hosts.some((h) => q.host.includes(h))),
    ),
  };
}
