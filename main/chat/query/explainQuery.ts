import { namedSeries } from './namedSeries.js';
import type Database from 'better-sqlite3';
import type { AskQuery } from '../../api/askQuery.js';
import type { QueryTable } from '../../api/assistantTypes.js';
import { localize, type Localized } from '../../api/localized.js';
import type { Alert, IncidentReport, Lang, Overview, ProcessProgress } from '../../api/types.js';
import { usualSpeed } from '../../alerts/usualSpeed.js';
import { formatHm } from '../../config/zonedTime.js';
import { EXPLAIN_TEXTS as T } from './explainTexts.js';
import { concernLines, hasConcerns, openConcerns } from './openConcerns.js';

export interface ExplainContext {
  db: Database.Database;
  lang: Lang;
  timeZone: string;
  overview: () => Overview;
  incidents: (site?: string) => IncidentReport;
  /** The alerts as they stand: an all-clear is checked against the open ones. */
  alerts: () => Alert[];
  /** People the optimizer would move to a series now (0: none needed or none can be spared); null when it could not say. */
  peopleNeeded: (p: ProcessProgress) => Promise<number | null>;
}

/** The series a why or advise question is about: what it named, else every late or at-risk one, worst first. */
export function explainTargets(q: AskQuery, ov: Overview): ProcessProgress[] {
  const named = namedSeries(q, ov);
  const troubled = named.filter((p) => p.status === 'late' || p.status === 'at_risk' || p.status === 'stalled');
  const nothingNamed = q.site.length === 0 && q.process.length === 0 && q.business.length === 0;
  return (troubled.length > 0 || nothingNamed ? troubled : named.filter((p) => p.status !== 'done'))
    .sort((a, b) => (b.minutesLate ?? -Infinity) - (a.minutesLate ?? -Infinity))
    .slice(0, 3);
}

/**
 * `why` and `advise`: for each series asked about, its state, then the cause with its
 * evidence (an incident in the logs that began before the speed fell, the speed against the
 * usual at this time of day, the items left against the speed needed), and for `advise`
 * what to do (the people the optimizer would move, or the incident to fix first). The
 * know-how that backs it is cited by the caller.
 */
export async function explainQuery(
  q: AskQuery,
  c: ExplainContext,
): Promise<{ text: string; table: QueryTable; targets: ProcessProgress[]; services: string[] }> {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const ov = c.overview();
  const name = (id: string): string => ov.businessNames[id] ?? id;
  const hm = (t: number): string => formatHm(t, c.timeZone);
  const targets = explainTargets(q, ov);
  if (targets.length === 0) return { text: nothingToExplain(q, ov, c), table: { columns: [], rows: [] }, targets, services: [] };
  const lines: string[] = [];
  /** The services of the incidents given as causes: the know-how about them is what backs the answer. */
  const services = new Set<string>();
  const table: QueryTable = { columns: ['series', 'speed', 'usual', 'needed', 'minutesLate', 'incident'], rows: [] };
  for (const p of targets) {
    const label = `${p.site} · ${p.process} · ${name(p.businessId)}`;
    lines.push(
      L(
        T.state,
        label,
        p.remaining,
        p.speedPerMinute === null ? null : round1(p.speedPerMinute),
        p.requiredPerMinute === null ? null : round1(p.requiredPerMinute),
        p.minutesLate,
        hm(p.snapshotTime),
      ),
    );
    const links = c
      .incidents(p.site)
      .incidents.flatMap((i) => i.affects.filter((a) => a.site === p.site && a.process === p.process && a.businessId === p.businessId).map((a) => ({ i, a })));
    const usual = usualSpeed(c.db, p, c.timeZone).usual;
    if (links.length > 0) {
      const { i, a } = links[0]!;
      lines.push(
        L(T.causeIncident, i.services.join('・'), i.hosts.join(', '), hm(i.start), i.lines, round1(a.speedBefore), round1(a.speedAfter), hm(a.dropAt)),
      );
    } else if (usual !== null && p.speedPerMinute !== null && p.speedPerMinute < usual * 0.9) {
      lines.push(L(T.causeSlow, round1(p.speedPerMinute), round1(usual)));
    } else if (p.requiredPerMinute !== null && p.speedPerMinute !== null && p.requiredPerMinute > p.speedPerMinute) {
      lines.push(L(T.causeVolume, round1(p.speedPerMinute), usual === null ? null : round1(usual), round1(p.requiredPerMinute)));
    } else lines.push(localize(c.lang, T.causeUnknown));
    table.rows.push([label, p.speedPerMinute, usual, p.requiredPerMinute, p.minutesLate, links[0]?.i.id ?? null]);
    // An incident as the cause says whom to tell even to a why: the cause alone leaves the manager asking again.
    if (links.length > 0) {
      lines.push(L(T.adviseIncident, links[0]!.i.services[0]!));
      for (const sv of links[0]!.i.services) services.add(sv);
    }
    if (q.op === 'advise') {
      const people = p.status === 'late' || p.status === 'at_risk' || p.status === 'stalled' ? await c.peopleNeeded(p) : 0;
      if (people !== null && people > 0) lines.push(L(T.advisePeople, people, p.site, p.process));
      else if (people === 0 && (p.status === 'late' || p.status === 'at_risk')) lines.push(localize(c.lang, T.adviseNoPeople));
      else if (p.status === 'on_track') lines.push(localize(c.lang, T.adviseNothing));
    }
  }
  return { text: lines.join('\n'), table, targets, services: [...services] };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Nothing to explain: nothing is late where the question looks, or what it names has no work left. An all-clear only when
 * Genba knows of nothing open at the sites asked about (openConcerns.ts); otherwise what is open is named.
 */
function nothingToExplain(q: AskQuery, ov: Overview, c: ExplainContext): string {
  const at = ov.dataAsOf === null ? '—' : formatHm(ov.dataAsOf, c.timeZone);
  const concerns = openConcerns(ov, c.alerts(), q.site);
  const narrowed = q.process.length > 0 || q.business.length > 0;
  const named = [q.site.join('・'), q.process.join('・'), q.business.map((id) => ov.businessNames[id] ?? id).join('・')].filter((x) => x !== '').join(' · ');
  const lead = narrowed ? [localize(c.lang, T.namedState)(named, namedSeries(q, ov).length > 0, at)] : [];
  if (!hasConcerns(concerns))
    return [...lead, localize(c.lang, T.nothingWrong)(q.site.length > 0 ? `${q.site.join('・')}: ` : '', at)].join(localize(c.lang, { ja: '', en: ' ' }));
  return [
    ...lead,
    ...(narrowed ? [] : [localize(c.lang, T.noLineLate)(at)]),
    localize(c.lang, T.butOpen),
    ...concernLines(concerns, c.lang, ov.businessNames),
  ].join('\n');
}
