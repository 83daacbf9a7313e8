import { localize, type Localized } from '../../api/localized.js';
import { alertTitle } from '../alertTitle.js';
import type { Alert, Lang, Overview, ProcessProgress } from '../../api/types.js';

/**
 * What Genba itself knows to be wrong at the sites a question is about (every site when it names none): the lines late,
 * at risk or stalled by the latest snapshot, and the open alerts. An all-clear ("nothing is late", "no incident") is
 * said only when this is empty; otherwise the answer names what is open. Scoped by site only, never by the process or
 * business read from the words: a word read as a process ("fix" → 補正) must not turn a question about a site into an
 * all-clear for it while its own alert is open.
 */
export interface OpenConcerns {
  lines: ProcessProgress[];
  alerts: Alert[];
}

export function openConcerns(ov: Overview, alerts: readonly Alert[], sites: readonly string[], kinds?: readonly Alert['kind'][]): OpenConcerns {
  const at = (site: string | null): boolean => sites.length === 0 || (site !== null && sites.includes(site));
  return {
    lines: ov.urgent.filter((p) => at(p.site)),
    alerts: alerts.filter((a) => a.status === 'open' && at(a.site) && (kinds === undefined || kinds.includes(a.kind))),
  };
}

export const hasConcerns = (c: OpenConcerns): boolean => c.lines.length > 0 || c.alerts.length > 0;

const TEXTS = {
  line: {
    ja: (label: string, p: ProcessProgress) =>
      `- ${label}: 残り${p.remaining}件、${p.status === 'stalled' ? '処理が止まっています' : p.minutesLate !== null && p.minutesLate > 0 ? `納期に約${p.minutesLate}分遅れる見込み` : '遅れそうです'}`,
    en: (label: string, p: ProcessProgress) =>
      `- ${label}: ${p.remaining} items left, ${p.status === 'stalled' ? 'stalled' : p.minutesLate !== null && p.minutesLate > 0 ? `about ${p.minutesLate} min late` : 'at risk'}`,
  } as Localized<(label: string, p: ProcessProgress) => string>,
  linesHead: { ja: '遅れている・遅れそうな工程:', en: 'Lines late or at risk:' } as Localized,
  alertsHead: { ja: '対応中のアラート:', en: 'Open alerts:' } as Localized,
};

/** The concerns as lines of an answer: the lines (worst first, at most 5) and the open alerts' titles, each under its heading. */
export function concernLines(c: OpenConcerns, lang: Lang, businessNames: Record<string, string>): string[] {
  const L = localize(lang, TEXTS.line);
  const out: string[] = [];
  if (c.lines.length > 0)
    out.push(
      localize(lang, TEXTS.linesHead),
      ...c.lines.slice(0, 5).map((p) => L(`${p.site} · ${p.process} · ${businessNames[p.businessId] ?? p.businessId}`, p)),
    );
  if (c.alerts.length > 0) out.push(localize(lang, TEXTS.alertsHead), ...c.alerts.slice(0, 5).map((a) => `- ${alertTitle(a, lang)}`));
  return out;
}
