import type { Localized } from '../api/localized.js';
import { finalCheckText } from './planTexts.js';
import { mayWork, workable } from './planDayMinutes.js';
import type { PlanBlock, PlanPolicy, PlanProblem } from './planProblem.js';

/**
 * The company's rule on who gives a process its final check, kept by the plan: 「検証工程はスキルレベル4以上の担当者が
 * 最終確認を行う。応援のオペレータには検証の最終確認を任せない」. In every half day that anyone works a site's checked
 * process, one of the site's own people at the rule's level works it too (any of the site's businesses: the check is the
 * process's, not a business's). Where none of them is at work that half day, the rule cannot be kept by any plan: the plan
 * does not stop the work for it, and says so (finalCheckGaps), for the manager to decide.
 */
export type FinalCheckRule = PlanPolicy['finalCheck'][number];

/** The rule that covers a process, if any (the first prefix that matches). */
export const finalCheckOf = (policy: Pick<PlanPolicy, 'finalCheck'>, process: string): FinalCheckRule | null =>
  policy.finalCheck.find((r) => process.startsWith(r.processPrefix)) ?? null;

/** The group a demand's final check is kept in: its site and its rule's prefix; null for a process no rule covers. */
export function checkGroupOf(p: PlanProblem, demand: number): string | null {
  const d = p.demands[demand]!;
  const rule = finalCheckOf(p.policy, d.process);
  return rule === null ? null : `${d.site}\u0000${rule.processPrefix}`;
}

/** What the rule reads of a plan's option (planModel.ts's PlanOption): its demand, whether it is at another site, the level. */
interface Option {
  demand: number;
  cross: boolean;
  skill: number;
}

/** Whether an option's person may give its demand's work the final check: one of the site's own, at the rule's level. */
export function checks(p: PlanProblem, o: Option): boolean {
  const rule = finalCheckOf(p.policy, p.demands[o.demand]!.process);
  return rule !== null && !o.cross && o.skill >= rule.level;
}

/**
 * The groups and blocks (`site␀prefix␀block`) in which the site has one of its own at work who may do the final check:
 * the half days a plan must keep the rule in (the model's rows), and, outside them, the half days no plan can
 * (finalCheckGaps). Computed once per use, in one pass over the people.
 */
export function checkersAtWork(p: PlanProblem): Set<string> {
  const worked = new Set(p.demands.map((d) => `${d.site}\u0000${d.process}`));
  const out = new Set<string>();
  for (const o of p.operators)
    for (const s of o.skills) {
      const rule = finalCheckOf(p.policy, s.process);
      if (rule === null || s.skill < rule.level || !mayWork(s, p.policy) || !worked.has(`${o.site}\u0000${s.process}`)) continue;
      for (const b of ['am', 'pm'] as const) if (workable(p.day, o, b)) out.add(`${o.site}\u0000${rule.processPrefix}\u0000${b}`);
    }
  return out;
}

/** A half day of a site's checked process that a plan works without one of the site's own at the rule's level on it. */
export interface FinalCheckGap {
  site: string;
  processPrefix: string;
  level: number;
  block: PlanBlock;
  /** `nobody`: none of the site's own at that level is at work, so no plan keeps the rule; `broken`: one was, and the plan did not use them. */
  why: 'nobody' | 'broken';
}

/** The half days a plan works a checked process without its final check, in site, process and block order. */
export function finalCheckGaps(p: PlanProblem, chosen: readonly { option: Option; block: PlanBlock }[]): FinalCheckGap[] {
  const worked = new Map<string, { checked: boolean }>();
  for (const c of chosen) {
    const group = checkGroupOf(p, c.option.demand);
    if (group === null) continue;
    const key = `${group}\u0000${c.block}`;
    const g = worked.get(key) ?? { checked: false };
    g.checked ||= checks(p, c.option);
    worked.set(key, g);
  }
  const gaps: FinalCheckGap[] = [];
  const atWork = checkersAtWork(p);
  for (const [key, g] of worked) {
    if (g.checked) continue;
    const [site, processPrefix, block] = key.split('\u0000') as [string, string, PlanBlock];
    const level = p.policy.finalCheck.find((r) => r.processPrefix === processPrefix)!.level;
    gaps.push({ site, processPrefix, level, block, why: atWork.has(key) ? 'broken' : 'nobody' });
  }
  return gaps.sort(
    (a, b) => a.site.localeCompare(b.site) || a.processPrefix.localeCompare(b.processPrefix) || (a.block === b.block ? 0 : a.block === 'am' ? -1 : 1),
  );
}

/** Whether a plan breaks the rule anywhere it could have been kept: such a plan is never taken (solvePlan). */
export const breaksFinalCheck = (p: PlanProblem, chosen: readonly { option: Option; block: PlanBlock }[]): boolean =>
  finalCheckGaps(p, chosen).some((g) => g.why === 'broken');

/** The plan's notes on the rule: a site's process a sentence, its half days together (the Plan view, the CLI, the chat's card). */
export function finalCheckNotes(gaps: readonly FinalCheckGap[]): { site: string; text: Localized }[] {
  const bySiteProcess = new Map<string, FinalCheckGap[]>();
  for (const g of gaps) {
    const key = `${g.site}\u0000${g.processPrefix}\u0000${g.why}`;
    bySiteProcess.set(key, [...(bySiteProcess.get(key) ?? []), g]);
  }
  return [...bySiteProcess.values()].map((list) => {
    const f = { site: list[0]!.site, process: list[0]!.processPrefix, level: list[0]!.level, blocks: list.map((g) => g.block), why: list[0]!.why };
    return { site: f.site, text: { ja: finalCheckText.ja(f), en: finalCheckText.en(f) } };
  });
}
