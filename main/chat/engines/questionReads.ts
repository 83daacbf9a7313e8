import type { IncidentReport, LogAnomalyReport, Overview } from '../../api/types.js';
import type { LogWindow } from '../../logs/logIntelligence.js';
import type { AssistantDeps } from '../assistantDeps.js';

/** The log reads of one question, each made once however many of its figures need it (AskContext). */
export interface QuestionReads {
  /** The log anomalies of a window (default: the last hour). */
  anomalies: (window?: LogWindow) => LogAnomalyReport;
  /** The incidents of now or of a window, touching `site` or all, worked out from the question's overview and anomalies. */
  incidents: (site?: string, window?: LogWindow) => IncidentReport;
}

/**
 * A question's anomalies and incidents, read once per window (and site): a "why" reads the incidents for the speed, for
 * the cause and for the advice, and each read computed the overview and the hour's anomalies again; the same functions
 * of the same store, so the same figures.
 */
export function questionReads(deps: Pick<AssistantDeps, 'logs' | 'incidents'>, overview: () => Overview): QuestionReads {
  const anomalyReads = new Map<string, LogAnomalyReport>();
  const incidentReads = new Map<string, IncidentReport>();
  const anomalies = (window?: LogWindow): LogAnomalyReport => {
    const key = JSON.stringify(window ?? null);
    let r = anomalyReads.get(key);
    if (r === undefined) anomalyReads.set(key, (r = deps.logs.anomalies(window)));
    return r;
  };
  return {
    anomalies,
    incidents(site, window) {
      const key = JSON.stringify([site ?? null, window ?? null]);
      let r = incidentReads.get(key);
      if (r === undefined) incidentReads.set(key, (r = deps.incidents(site, window, { overview, anomalies })));
      return r;
    },
  };
}
