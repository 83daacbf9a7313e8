import type { Lang, Localized } from '../api/localized.js';
import { localize } from '../api/localized.js';
import { median } from '../median.js';
import { blockMinutes, distanceKm, earlyCounts, lateCounts, mayWork, minutesBefore } from './planDayMinutes.js';
import type { PlanBlock, PlanOperator, PlanProblem } from './planProblem.js';
import type { PlanSolution } from './planSolution.js';
import { shortItems } from '../api/planTypes.js';
import { shortfallText, type FreePerson, type ShortfallFacts } from './planTexts.js';

export interface ShortfallExplanation extends ShortfallFacts {
  businessId: string;
  /** Items one more person does before the deadline at the site's typical (median) speed on the process. */
  itemsPerPerson: number | null;
  text: Localized;
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The late-night hours (労働基準法 37条: 22:00–5:00), minutes after midnight: no plan asks for overtime into them. */
const LATE_NIGHT_FROM = 22 * 60;
const LATE_NIGHT_UNTIL = 5 * 60;

/** Overtime is asked in steps a manager would ask for: 5 minutes. */
const roundUp5 = (m: number): number => Math.ceil(m / 5) * 5;

/**
 * Every demand the plan leaves short, in the manager's terms, with the ways out cheapest first
 * (the objective's order of costs), each only as far as the one before it left items short:
 *  1. people at the site free in a block (at work, nothing planned) who may do the process;
 *  2. overtime still within the policy's limit for the people on it whose overtime counts
 *     (AM people start early; PM people stay late when the deadline is the day's end);
 *  3. people free in a block at the site's `crossSiteNearest` nearest sites (a remote move);
 *  and, when the overtime of every person on it whose overtime counts is at the limit, that
 *  limit is said to bind. What those leave goes beyond today's staff:
 *  - more people able to do the process at that site, for a whole day (AM, and PM up to the
 *    deadline) at the median speed of the site's qualified people (the company's when the site
 *    has none): ⌈rest ÷ items per person⌉;
 *  - more overtime than the limit for the people on it whose overtime counts: ⌈rest ÷ their
 *    speed together⌉ minutes each, rounded up to 5, never into the late-night hours.
 * A solve that reached its optimum leaves steps 1–3 empty; a work-limited one may not, and then
 * the message names the people instead of asking for more (a free person is offered to one
 * shortfall only, the most urgent first in the plan's order).
 */
export function explainShortfall(problem: PlanProblem, solution: PlanSolution): ShortfallExplanation[] {
  const { day, policy } = problem;
  const out: ShortfallExplanation[] = [];
  const byId = new Map(problem.operators.map((o) => [o.id, o]));
  const may = (o: PlanOperator, process: string) => o.skills.find((s) => s.process === process && mayWork(s, policy)) ?? null;
  // Who works which block, and their overtime so far: what is free, and what the limit leaves.
  const worked = new Map<number, Set<PlanBlock>>();
  for (const a of solution.assignments) worked.set(a.operatorId, (worked.get(a.operatorId) ?? new Set()).add(a.block));
  const overtimeOf = new Map(solution.overtime.map((x) => [x.operatorId, x.minutes]));
  const taken = new Set<string>();
  const staffed = [...new Set(problem.operators.map((o) => o.site))];

  for (const d of solution.demands) {
    const short = shortItems(d);
    if (short < 1) continue;
    let left = short;
    const freeAt = (sites: string[]): FreePerson[] => {
      const found: FreePerson[] = [];
      for (const site of sites)
        for (const o of problem.operators.filter((x) => x.site === site)) {
          const skill = may(o, d.process);
          if (!skill || left <= 0) continue;
          const mine = worked.get(o.id) ?? new Set();
          let used = [...mine].reduce((s, b) => s + blockMinutes(day, b), 0);
          const person: FreePerson = { name: o.name, blocks: [], from: site === d.site ? null : site, items: 0 };
          for (const block of ['am', 'pm'] as const) {
            const minutes = minutesBefore(day, block, d.deadlineMinute);
            if (left <= 0 || !o.blocks[block] || mine.has(block) || minutes <= 0 || taken.has(`${o.id}:${block}`)) continue;
            if (used + blockMinutes(day, block) > o.maxWorkMinutes) continue;
            const items = Math.min(left, (skill.perHour / 60) * minutes);
            taken.add(`${o.id}:${block}`);
            used += blockMinutes(day, block);
            person.blocks.push(block);
            person.items += items;
            left -= items;
          }
          if (person.blocks.length > 0) found.push({ ...person, items: Math.round(person.items) });
        }
      return found;
    };
    const free = freeAt([d.site]);

    // Overtime: the people on it whose overtime counts, each with what the limit and their day leave.
    const on = solution.assignments.filter(
      (a) =>
        a.site === d.site &&
        a.businessId === d.businessId &&
        a.process === d.process &&
        (a.block === 'am' ? earlyCounts(day, d.deadlineMinute) : lateCounts(day, d.deadlineMinute)),
    );
    // A person on it in both blocks still has one speed: overtime minutes are counted per person.
    const ids = [...new Set(on.map((a) => a.operatorId))];
    const perMinuteOf = (id: number): number => (byId.get(id)?.skills.find((s) => s.process === d.process)?.perHour ?? 0) / 60;
    const roomOf = (id: number): number => {
      const o = byId.get(id)!;
      const hours = [...(worked.get(id) ?? [])].reduce((s, b) => s + blockMinutes(day, b), 0);
      return Math.max(0, Math.min(policy.maxOvertimeMinutes, o.maxWorkMinutes - hours) - (overtimeOf.get(id) ?? 0));
    };
    const withRoom = ids.filter((id) => roomOf(id) >= 5 && perMinuteOf(id) > 0);
    let overtimeWithin: ShortfallFacts['overtimeWithin'] = null;
    if (left > 0 && withRoom.length > 0) {
      const rate = withRoom.reduce((s, id) => s + perMinuteOf(id), 0);
      const each = Math.min(roundUp5(left / rate), Math.min(...withRoom.map(roomOf)));
      if (each >= 5) {
        const items = Math.min(left, each * rate);
        overtimeWithin = { people: withRoom.length, minutesEach: each, items: Math.round(items) };
        left -= items;
      }
    }
    const near = staffed
      .filter((s) => s !== d.site)
      .sort((a, b) => distanceKm(policy, d.site, a) - distanceKm(policy, d.site, b) || a.localeCompare(b))
      .slice(0, Math.max(0, policy.crossSiteNearest));
    const help = freeAt(near);
    const overtimeLimitBinds = ids.length > 0 && ids.every((id) => roomOf(id) < 5) ? policy.maxOvertimeMinutes : null;

    const rest = Math.max(0, Math.round(left));
    const qualified = (site: string | null): number[] =>
      problem.operators.filter((o) => site === null || o.site === site).flatMap((o) => (may(o, d.process) ? [may(o, d.process)!.perHour] : []));
    const here = qualified(d.site);
    const speeds = here.length > 0 ? here : qualified(null);
    const minutes = minutesBefore(day, 'am', d.deadlineMinute) + minutesBefore(day, 'pm', d.deadlineMinute);
    const itemsPerPerson = speeds.length > 0 && minutes > 0 ? (median(speeds) / 60) * minutes : null;
    const morePeople = rest > 0 && itemsPerPerson ? Math.ceil(rest / itemsPerPerson) : null;
    const perMinute = ids.reduce((sum, id) => sum + perMinuteOf(id), 0);
    const minutesEach = perMinute > 0 ? roundUp5(rest / perMinute) : Infinity;
    // Overtime is offered only within the day: not into the late-night hours (22:00–5:00, 深夜業), so not
    // more than the hours between the workday's end and 22:00 (or 5:00 and its start, for an early start).
    const overtime =
      rest > 0 && ids.length > 0 && minutesEach <= Math.min(LATE_NIGHT_FROM - day.endMinute, day.startMinute - LATE_NIGHT_UNTIL)
        ? { people: ids.length, minutesEach }
        : null;
    const facts: ShortfallFacts = {
      site: d.site,
      business: d.businessName ?? d.businessId,
      process: d.process,
      deadline: hhmm(d.deadlineMinute),
      shortfallItems: short,
      free,
      overtimeWithin,
      help,
      overtimeLimitBinds,
      rest,
      morePeople,
      overtime,
    };
    out.push({ ...facts, businessId: d.businessId, itemsPerPerson, text: { ja: shortfallText.ja(facts), en: shortfallText.en(facts) } });
  }
  return out;
}

/** One explanation's text in the manager's language. */
export const shortfallSentence = (e: ShortfallExplanation, lang: Lang): string => localize(lang, e.text);
