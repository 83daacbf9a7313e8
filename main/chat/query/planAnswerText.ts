import type { Lang } from '../../api/localized.js';
import { localize, type Localized } from '../../api/localized.js';
import type { StoredPlan } from '../../api/planTypes.js';
import { dayOfWeek } from '../../forecast/workCalendar.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';

/**
 * The chat's answer with a staffing plan: the day, the people, overtime and cross-site help,
 * each site's headcount (a site asked about line by line), the plan's overtime per site and
 * what falls short. The plan is the whole company's; the answer speaks of the sites named.
 */
export function planAnswerText(plan: StoredPlan, named: readonly string[], lang: Lang): string {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(lang, t)(...a);
  const day = (d: string): string => L(P.day, d, dayOfWeek(d));
  const asked = (site: string): boolean => named.length === 0 || named.includes(site);
  const sites = [...new Set(plan.demands.map((d) => d.site))].filter(asked);
  const perSite = sites.map((site): [string, number] => [site, new Set(plan.lines.filter((l) => l.site === site).map((l) => l.operatorId)).size]);
  const overtime = sites.map((site): [string, number, number] => {
    const lines = plan.lines.filter((l) => l.homeSite === site && l.overtimeMinutes > 0);
    return [site, lines.reduce((n, l) => n + l.overtimeMinutes, 0), new Set(lines.map((l) => l.operatorId)).size];
  });
  const short = plan.shortfalls.filter((x) => asked(x.site));
  return [
    L(P.planCard, day(plan.date), plan.rostered, plan.onLeave, plan.objective.overtimeMinutes, plan.objective.crossSiteBlocks, day(plan.forecastAsOf)),
    ...(plan.status === 'approved' || plan.status === 'modified' ? [localize(lang, P.planApproved)] : []),
    L(P.planSites, perSite),
    // A site asked about: its work line by line, people per half day against the forecast and the finish.
    ...(named.length > 0
      ? plan.demands
          .filter((d) => named.includes(d.site))
          .map((d) =>
            L(P.planDemand, `${d.site} ${d.businessName ?? d.businessId} ${d.process}`, d.people.am, d.people.pm, d.p50, d.finishP50Minute, d.deadlineMinute),
          )
      : []),
    L(P.planOvertime, overtime),
    ...(short.length === 0 ? [localize(lang, P.planAllMet)] : [localize(lang, P.planShort), ...short.map((x) => `- ${localize(lang, x.text)}`)]),
    ...(plan.status === 'open' ? [L(P.planDecide, plan.planId)] : []),
  ].join('\n');
}
