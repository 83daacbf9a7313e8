import type { Lang } from '../../api/localized.js';
import { localize, type Localized } from '../../api/localized.js';
import type { StoredPlan } from '../../api/planTypes.js';
import { PLAN_ANSWER_TEXTS as A, type HelpRow, type NamesRow, type TightRow } from './planAnswerTexts.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';

/**
 * The chat's answer with a staffing plan: the day, the people, overtime and cross-site help,
 * each site's headcount (a site asked about line by line), the plan's overtime per site, the
 * tightest work (finish at P90 against the deadline), who helps where, the names on each
 * process when asked, and what falls short. The plan is the whole company's; the answer
 * speaks of the sites named.
 */
export function planAnswerText(
  plan: StoredPlan,
  named: readonly string[],
  lang: Lang,
  o: { names?: boolean; whatIf?: boolean; against?: StoredPlan | null; askedDay?: string; processes?: readonly string[]; businesses?: readonly string[] } = {},
): string {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(lang, t)(...a);
  const day = (d: string): string => L(P.day, d);
  const asked = (site: string): boolean => named.length === 0 || named.includes(site);
  const sites = [...new Set(plan.demands.map((d) => d.site))].filter(asked);
  // Each person counted once, at their own site: one who helps elsewhere for half a day is in the help line, not twice here.
  const perSite = sites.map((site): [string, number] => [site, new Set(plan.lines.filter((l) => l.homeSite === site).map((l) => l.operatorId)).size]);
  const overtime = sites.map((site): [string, number, number] => {
    const lines = plan.lines.filter((l) => l.homeSite === site && l.overtimeMinutes > 0);
    return [site, lines.reduce((n, l) => n + l.overtimeMinutes, 0), new Set(lines.map((l) => l.operatorId)).size];
  });
  const short = plan.shortfalls.filter((x) => asked(x.site));
  const checks = (plan.finalCheck ?? []).filter((x) => asked(x.site));
  // The work asked about: the sites named, narrowed to the processes and businesses named (「明日の横浜の検証」).
  const processes = o.processes ?? [];
  const businesses = o.businesses ?? [];
  const narrowed = named.length > 0 || processes.length > 0 || businesses.length > 0;
  const askedWork = (d: StoredPlan['demands'][number]): boolean =>
    asked(d.site) && (processes.length === 0 || processes.includes(d.process)) && (businesses.length === 0 || businesses.includes(d.businessId));
  const label = (d: StoredPlan['demands'][number]): string => `${d.site} ${d.businessName ?? d.businessId} ${d.process}`;
  // How tight the day is: the three series of the sites asked about with the least time between their P90 finish and deadline.
  const slack = (d: StoredPlan['demands'][number]): number => (d.finishP90Minute === null ? -Infinity : d.deadlineMinute - d.finishP90Minute);
  const tight = plan.demands
    .filter((d) => asked(d.site) && d.target > 0)
    .sort((a, b) => slack(a) - slack(b))
    .slice(0, 3)
    .map((d): TightRow => [label(d), d.finishP90Minute, d.deadlineMinute, d.people.pm > 0]);
  const help = new Map<string, HelpRow>();
  for (const l of plan.lines.filter((x) => x.crossSite && (asked(x.site) || asked(x.homeSite)))) {
    const k = `${l.homeSite}|${l.site}|${l.process}|${l.block}`;
    const row = help.get(k) ?? [l.homeSite, l.site, l.process, l.block, 0];
    row[4]++;
    help.set(k, row);
  }
  // Who works what, when asked (「誰が」, a list): per process of each site named, the names in each half day.
  const names =
    o.names && narrowed
      ? plan.demands.filter(askedWork).map((d): NamesRow => {
          const on = (b: 'am' | 'pm'): string[] =>
            plan.lines.filter((l) => l.site === d.site && l.process === d.process && l.businessId === d.businessId && l.block === b).map((l) => l.name);
          return [label(d), on('am'), on('pm')];
        })
      : [];
  const whatIf = plan.whatIf && o.against ? o.against : null;
  return [
    // A closed day asked about (明後日 on a Thursday): said, and the next working day's plan given.
    ...(o.askedDay !== undefined && o.askedDay !== plan.date ? [L(P.closed, day(o.askedDay), day(plan.date))] : []),
    ...(o.whatIf ? [localize(lang, A.whatIfAhead)] : []),
    ...(plan.conditions ? [L(A.conditions, plan.conditions, plan.whatIf?.off ?? [])] : []),
    ...(whatIf
      ? [
          L(
            A.whatIfAgainst,
            [Math.round(whatIf.objective.shortfallItems), Math.round(plan.objective.shortfallItems)],
            [whatIf.objective.overtimeMinutes, plan.objective.overtimeMinutes],
            [whatIf.objective.crossSiteBlocks, plan.objective.crossSiteBlocks],
          ),
        ]
      : []),
    // The head speaks of the sites asked about: their people, overtime and help, not the whole company's beside one site's lines.
    named.length === 0
      ? L(P.planCard, day(plan.date), plan.rostered, plan.onLeave, plan.objective.overtimeMinutes, plan.objective.crossSiteBlocks, day(plan.forecastAsOf))
      : L(
          P.planCard,
          day(plan.date),
          sites.reduce((n, site) => n + (plan.offBySite[site] ?? 0), 0) + perSite.reduce((n, [, people]) => n + people, 0),
          sites.reduce((n, site) => n + (plan.offBySite[site] ?? 0), 0),
          overtime.reduce((n, [, minutes]) => n + minutes, 0),
          [...help.values()].reduce((n, row) => n + row[4], 0),
          day(plan.forecastAsOf),
        ),
    ...(plan.status === 'approved' || plan.status === 'modified' ? [localize(lang, P.planApproved)] : []),
    L(P.planSites, perSite),
    // A site, process or business asked about: its work line by line, people per half day against the forecast and the finish.
    ...(narrowed
      ? plan.demands
          .filter(askedWork)
          .map((d) =>
            L(P.planDemand, `${d.site} ${d.businessName ?? d.businessId} ${d.process}`, d.people.am, d.people.pm, d.p50, d.finishP50Minute, d.deadlineMinute),
          )
      : []),
    L(P.planOvertime, overtime),
    ...(tight.length > 0 ? [L(A.tightest, tight)] : []),
    help.size > 0 ? L(A.help, [...help.values()]) : localize(lang, A.noHelp),
    ...names.map((r) => L(A.names, r)),
    ...(short.length === 0 ? [localize(lang, P.planAllMet)] : [localize(lang, P.planShort), ...short.map((x) => `- ${localize(lang, x.text)}`)]),
    ...(checks.length > 0 ? [localize(lang, P.planFinalCheck), ...checks.map((x) => `- ${localize(lang, x.text)}`)] : []),
    // A plan kept nowhere has no id any command takes: the answer says how to make the day's plan instead.
    ...(plan.status === 'open' && !plan.whatIf ? [plan.unsaved ? L(P.planMake, plan.date) : L(P.planDecide, plan.planId)] : []),
  ].join('\n');
}
