import { joinNames, localize } from '../../api/localized.js';
import { incidentsAnswer } from '../analysisTexts.js';
import { logAnswer } from '../answerTexts.js';
import { namedIncidents } from '../query/namedIncidents.js';
import { openConcerns } from '../query/openConcerns.js';
import type { Engine } from './askContext.js';

/**
 * What the logs say, over the window asked for (else the last hour): the incidents first (what broke, since when,
 * where, what it did to the floor), then the anomalies and the nearest messages.
 */
export const logsEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const site = q.site[0] ?? null;
  const span = c.window(q, 'last_hour');
  // Logs of a time ahead do not exist yet: no all-clear and no count of anomalies can be said of them.
  if (span.ahead) {
    const text = localize(c.lang, {
      ja: `${span.label.ja}のログはまだありません（ログは起きたことの記録です）。障害の有無やタイミングは予測できません。`,
      en: `There are no logs of ${span.label.en} yet (logs record what has happened), so nothing can be said of its errors or timing.`,
    });
    return { text, facts: text };
  }
  // The explanations say a window as 「過去3時間」 / "in the last 3 h".
  const window = { ...span, label: { ja: span.label.ja, en: span.label.en.startsWith('the ') ? `in ${span.label.en}` : span.label.en } };
  const hits = await c.deps.logs.search(c.searchText, 3).catch(() => []);
  // Without a period asked, an incident is counted from its own start (13:50から556行); with one, inside it.
  const incidents = namedIncidents(c.incidents(site ?? undefined, q.time === null ? undefined : window), q);
  // The anomalies of the services named, or of a named host's services (those of its incidents); else every one.
  const services = new Set([...q.service, ...(q.host.length > 0 ? incidents.incidents.flatMap((i) => i.services) : [])]);
  const report = c.anomalies(window);
  const anomalies =
    q.service.length === 0 && q.host.length === 0
      ? report
      : { ...report, anomalies: report.anomalies.filter((a) => a.service !== null && services.has(a.service)) };
  // An incident Genba has an open alert for is never denied: one outside the window asked is named as still open (of
  // the services and hosts named, when the question names any).
  const touches = (named: string[], theirs: unknown): boolean => named.length === 0 || ((theirs as string[] | undefined) ?? []).some((x) => named.includes(x));
  const open = openConcerns(c.overview(), c.deps.alerts(), site === null ? [] : [site], ['log_anomaly']).alerts.filter(
    (a) => touches(q.service, a.detail.services) && touches(q.host, a.detail.hosts),
  );
  const scope = site ?? (joinNames(c.lang, [...q.service, ...q.host]) || null);
  // Hosts or services named: their warnings are said beside an all-clear, which counts errors.
  const warnings = site === null ? () => c.deps.logs.warnings({ hosts: q.host, services: q.service }, q.time === null ? undefined : span) : null;
  const text = [
    incidentsAnswer(incidents, c.tz, site, { alerts: open, window: window.label }, scope, warnings, q.time === null ? null : window.label),
    logAnswer(anomalies, hits, c.tz, window.label),
  ].join('\n');
  return { text, facts: text, knowhow: [...q.service, 'システム障害 エラー ログ'] };
};
