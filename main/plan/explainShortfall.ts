import type { Lang, Localized } from '../api/localized.js';
import { localize } from '../api/localized.js';
import { median } from '../median.js';
import { earlyCounts, lateCounts, minutesBefore } from './planDayMinutes.js';
import type { PlanProblem } from './planProblem.js';
import type { PlanSolution } from './planSolution.js';
import { shortItems } from '../api/planTypes.js';
import { shortfallText, type ShortfallFacts } from './planTexts.js';

export interface ShortfallExplanation extends ShortfallFacts {
  businessId: string;
  /** Items one more person does before the deadline at the site's typical (median) speed on the process. */
  itemsPerPerson: number | null;
  text: Localized;
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Every demand the plan leaves short, in the manager's terms. The solver has already used all
 * the overtime the policy allows where it counts, so both ways out go beyond today's plan:
 *  - more people able to do the process at that site, for a whole day (AM, and PM up to the
 *    deadline) at the median speed of the site's qualified people (the company's when the site
 *    has none): ⌈short ÷ items per person⌉;
 *  - more overtime for the people already on it whose overtime counts (AM people start early;
 *    PM people stay late when the deadline is at the end of the day): ⌈short ÷ their speed
 *    together⌉ minutes each, rounded up to 5.
 */
/** The late-night hours (労働基準法 37条: 22:00–5:00), minutes after midnight: no plan asks for overtime into them. */
const LATE_NIGHT_FROM = 22 * 60;
const LATE_NIGHT_UNTIL = 5 * 60;

export function explainShortfall(problem: PlanProblem, solution: PlanSolution): ShortfallExplanation[] {
  const { day, policy } = problem;
  const out: ShortfallExplanation[] = [];
  for (const d of solution.demands) {
    const short = shortItems(d);
    if (short < 1) continue;
    const qualified = (site: string | null): number[] =>
      problem.operators
        .filter((o) => site === null || o.site === site)
        .flatMap((o) =>
          o.skills.filter((s) => s.process === d.process && (s.skill >= policy.minSkill || s.usual === true) && s.perHour > 0).map((s) => s.perHour),
        );
    const here = qualified(d.site);
    const speeds = here.length > 0 ? here : qualified(null);
    const minutes = minutesBefore(day, 'am', d.deadlineMinute) + minutesBefore(day, 'pm', d.deadlineMinute);
    const itemsPerPerson = speeds.length > 0 && minutes > 0 ? (median(speeds) / 60) * minutes : null;
    const morePeople = itemsPerPerson ? Math.ceil(short / itemsPerPerson) : null;
    const on = solution.assignments.filter(
      (a) =>
        a.site === d.site &&
        a.businessId === d.businessId &&
        a.process === d.process &&
        (a.block === 'am' ? earlyCounts(day, d.deadlineMinute) : lateCounts(day, d.deadlineMinute)),
    );
    const byId = new Map(problem.operators.map((o) => [o.id, o]));
    // A person on it in both blocks still has one speed: overtime minutes are counted per person.
    const ids = [...new Set(on.map((a) => a.operatorId))];
    const perMinute = ids.reduce((sum, id) => sum + (byId.get(id)?.skills.find((s) => s.process === d.process)?.perHour ?? 0) / 60, 0);
    const people = ids.length;
    const minutesEach = perMinute > 0 ? Math.ceil(short / perMinute / 5) * 5 : Infinity;
    // Overtime is offered only within the day: not into the late-night hours (22:00–5:00, 深夜業), so not
    // more than the hours between the workday's end and 22:00 (or 5:00 and its start, for an early start).
    const overtime =
      people > 0 && minutesEach <= Math.min(LATE_NIGHT_FROM - day.endMinute, day.startMinute - LATE_NIGHT_UNTIL) ? { people, minutesEach } : null;
    const facts: ShortfallFacts = {
      site: d.site,
      business: d.businessName ?? d.businessId,
      process: d.process,
      deadline: hhmm(d.deadlineMinute),
      shortfallItems: short,
      morePeople,
      overtime,
    };
    out.push({ ...facts, businessId: d.businessId, itemsPerPerson, text: { ja: shortfallText.ja(facts), en: shortfallText.en(facts) } });
  }
  return out;
}

/** One explanation's text in the manager's language. */
export const shortfallSentence = (e: ShortfallExplanation, lang: Lang): string => localize(lang, e.text);
