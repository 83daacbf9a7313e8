import type { PlanConditions } from '../api/planTypes.js';
import type { PlanOperator, PlanProblem } from './planProblem.js';

export type { PlanConditions } from '../api/planTypes.js';

/** A what-if (more work, more people off) is a case to look at, not a plan to approve: it is never stored. */
export const isWhatIf = (c: PlanConditions): boolean => c.volumeFactor !== undefined || c.moreOff !== undefined;

/** Items a person does in a working day on their usual process: who is missed most when off. */
const dayCapacity = (o: PlanOperator): number => Math.max(0, ...o.skills.filter((k) => k.usual === true).map((k) => k.perHour));

/**
 * A day's planning problem under the manager's conditions: only some sites (their people and
 * their work), each site on its own (no cross-site help), people kept on a process all day,
 * every forecast scaled, and more people off. Those taken off are the most productive on their
 * usual process at the site named (or anywhere): a pessimistic case, named in the answer,
 * since the question does not say who.
 */
export function applyConditions(problem: PlanProblem, c: PlanConditions): { problem: PlanProblem; off: { name: string; site: string }[] } {
  const inSites = (site: string): boolean => c.sites === undefined || c.sites.includes(site);
  let operators = problem.operators.filter((o) => inSites(o.site));
  let demands = problem.demands.filter((d) => inSites(d.site));
  if (c.volumeFactor !== undefined) {
    const f = c.volumeFactor;
    const scale = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * f));
    demands = demands.map((d) => ({ ...d, p50: scale(d.p50)!, p80: scale(d.p80)!, p10: scale(d.p10), p90: scale(d.p90) }));
  }
  if (c.keep) {
    const keep = c.keep;
    operators = operators.map((o) => {
      const k = keep.find((x) => x.name === o.name);
      return k ? { ...o, skills: o.skills.filter((s) => s.process === k.process) } : o;
    });
  }
  const off: { name: string; site: string }[] = [];
  if (c.moreOff) {
    const site = c.moreOff.site;
    const candidates = operators
      .filter((o) => (site === null || o.site === site) && (o.blocks.am || o.blocks.pm))
      .sort((a, b) => dayCapacity(b) - dayCapacity(a) || a.id - b.id)
      .slice(0, c.moreOff.count);
    const out = new Set(candidates.map((o) => o.id));
    off.push(...candidates.map((o) => ({ name: o.name, site: o.site })));
    operators = operators.map((o) => (out.has(o.id) ? { ...o, blocks: { am: false, pm: false } } : o));
  }
  const policy = c.noCrossSite ? { ...problem.policy, crossSiteNearest: 0 } : problem.policy;
  return { problem: { ...problem, operators, demands, policy }, off };
}
