import type { PlanProblem } from '../../../main/plan/planProblem.js';
import type { PlanSolution } from '../../../main/plan/planSolution.js';

/**
 * Every rule a plan must keep, checked from the problem alone (no code of main/plan/ beyond its
 * types): one task per block, attendance, skills, hours and overtime limits, the items by each
 * deadline recomputed here, that no short demand leaves an idle qualified person of its
 * site with working minutes before its deadline, the company's final check and that no newcomer
 * helps another site. Returns the broken rules.
 */
export function checkPlan(p: PlanProblem, s: PlanSolution): string[] {
  const broken: string[] = [];
  const { day, policy } = p;
  const am = day.lunchStartMinute - day.startMinute;
  const pm = day.endMinute - day.lunchEndMinute;
  const before = (block: 'am' | 'pm', deadline: number): number =>
    block === 'am'
      ? Math.max(0, Math.min(deadline, day.lunchStartMinute) - day.startMinute)
      : Math.max(0, Math.min(deadline, day.endMinute) - day.lunchEndMinute);
  const byId = new Map(p.operators.map((o) => [o.id, o]));
  const seen = new Set<string>();
  const planned = new Map<string, number>();
  const key = (site: string, b: string, proc: string): string => `${site}|${b}|${proc}`;
  const ot = new Map(s.overtime.map((o) => [o.operatorId, o]));
  const worked = new Map<number, number>();
  for (const a of s.assignments) {
    const o = byId.get(a.operatorId);
    if (!o) {
      broken.push(`unknown operator ${a.operatorId}`);
      continue;
    }
    if (seen.has(`${a.operatorId}:${a.block}`)) broken.push(`${o.name} has two tasks in ${a.block}`);
    seen.add(`${a.operatorId}:${a.block}`);
    if (!o.blocks[a.block]) broken.push(`${o.name} works ${a.block} on leave`);
    const skill = o.skills.find((x) => x.process === a.process);
    if (!skill || (skill.skill < policy.minSkill && skill.usual !== true)) broken.push(`${o.name} on ${a.process} below level ${policy.minSkill}`);
    if (a.crossSite !== (a.site !== o.site)) broken.push(`${o.name} cross-site flag wrong`);
    const d = p.demands.find((x) => x.site === a.site && x.businessId === a.businessId && x.process === a.process);
    if (!d) {
      broken.push(`${o.name} on a demand that does not exist`);
      continue;
    }
    worked.set(o.id, (worked.get(o.id) ?? 0) + (a.block === 'am' ? am : pm));
    const extra = a.block === 'am' ? (ot.get(o.id)?.earlyMinutes ?? 0) : d.deadlineMinute >= day.endMinute ? (ot.get(o.id)?.lateMinutes ?? 0) : 0;
    const k = key(d.site, d.businessId, d.process);
    planned.set(k, (planned.get(k) ?? 0) + ((skill?.perHour ?? 0) / 60) * (before(a.block, d.deadlineMinute) + extra));
  }
  for (const r of s.overtime) {
    const o = byId.get(r.operatorId)!;
    if (r.minutes !== r.earlyMinutes + r.lateMinutes || r.minutes < 0) broken.push(`${o.name} overtime does not add up`);
    if (r.minutes > policy.maxOvertimeMinutes + 1e-9) broken.push(`${o.name} overtime ${r.minutes} over the limit`);
    if (r.earlyMinutes > 0 && !seen.has(`${o.id}:am`)) broken.push(`${o.name} starts early without an AM task`);
    if (r.lateMinutes > 0 && !seen.has(`${o.id}:pm`)) broken.push(`${o.name} stays late without a PM task`);
  }
  for (const o of p.operators) {
    const total = (worked.get(o.id) ?? 0) + (ot.get(o.id)?.minutes ?? 0);
    if (total > o.maxWorkMinutes + 1e-9) broken.push(`${o.name} works ${total} minutes, over ${o.maxWorkMinutes}`);
  }
  // The company's final check: where anyone works a site's checked process in a block, one of the site's own at the
  // rule's level works it too, unless none of them is at work then, which the plan must say.
  for (const rule of policy.finalCheck) {
    for (const site of new Set(p.demands.map((d) => d.site))) {
      for (const b of ['am', 'pm'] as const) {
        const on = s.assignments.filter((a) => a.site === site && a.block === b && a.process.startsWith(rule.processPrefix));
        if (on.length === 0) continue;
        const level = (id: number, process: string): number => byId.get(id)?.skills.find((k) => k.process === process)?.skill ?? 0;
        if (on.some((a) => !a.crossSite && level(a.operatorId, a.process) >= rule.level)) continue;
        const atWork = p.operators.some(
          (o) =>
            o.site === site &&
            o.blocks[b] &&
            o.skills.some(
              (k) => k.process.startsWith(rule.processPrefix) && k.skill >= rule.level && p.demands.some((d) => d.site === site && d.process === k.process),
            ),
        );
        if (atWork) broken.push(`${site} ${rule.processPrefix} ${b}: worked without its final check while a checker is at work`);
        else if (!s.finalCheckGaps.some((g) => g.site === site && g.processPrefix === rule.processPrefix && g.block === b && g.why === 'nobody'))
          broken.push(`${site} ${rule.processPrefix} ${b}: worked without its final check, not said`);
      }
    }
  }
  // Newcomers help no other site.
  for (const a of s.assignments) {
    const o = byId.get(a.operatorId);
    if (a.crossSite && o && Math.max(0, ...o.skills.map((k) => k.experienceMonths)) < policy.newcomerMonths)
      broken.push(`${o.name} is a newcomer sent to help ${a.site}`);
  }
  for (const d of s.demands) {
    const mine = planned.get(key(d.site, d.businessId, d.process)) ?? 0;
    const target = d.p50 + policy.bufferShare * Math.max(0, d.p80 - d.p50);
    if (Math.abs(mine - d.plannedItems) > 1e-6) broken.push(`${d.site} ${d.process}: planned ${d.plannedItems}, recomputed ${mine}`);
    if (Math.abs(Math.max(0, target - mine) - d.shortfallItems) > 1e-6) broken.push(`${d.site} ${d.process}: shortfall wrong`);
    if (d.shortfallItems < 1) continue;
    for (const o of p.operators) {
      const skill = o.skills.find((x) => x.process === d.process && x.skill >= policy.minSkill);
      if (o.site !== d.site || !skill) continue;
      for (const b of ['am', 'pm'] as const) {
        const len = b === 'am' ? am : pm;
        const fits = (worked.get(o.id) ?? 0) + len <= o.maxWorkMinutes;
        if (o.blocks[b] && fits && !seen.has(`${o.id}:${b}`) && before(b, d.deadlineMinute) > 0)
          broken.push(`${o.name} idle in ${b} while ${d.site} ${d.process} is short`);
      }
    }
  }
  return broken;
}
