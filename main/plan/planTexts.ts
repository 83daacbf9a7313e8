import { count } from '../api/englishCount.js';
import type { Localized } from '../api/localized.js';

export interface ShortfallFacts {
  site: string;
  business: string;
  process: string;
  deadline: string;
  shortfallItems: number;
  morePeople: number | null;
  overtime: { people: number; minutesEach: number } | null;
}

/** The staffing plan's sentences: the engine computes the figures, these only word them. */
export const shortfallText: Localized<(f: ShortfallFacts) => string> = {
  ja: (f) => {
    const head = `${f.site}の${f.business}・${f.process}は納期${f.deadline}までに約${f.shortfallItems.toLocaleString('ja-JP')}件不足します。`;
    const people = f.morePeople !== null ? `${f.process}ができる人があと${f.morePeople}名いれば間に合います` : '';
    const ot = f.overtime ? `${f.overtime.people}名がそれぞれ約${f.overtime.minutesEach.toLocaleString('ja-JP')}分の残業（上限を超えて）で間に合います` : '';
    if (people && ot) return `${head}${people}。または${ot}。`;
    return people || ot ? `${head}${people || ot}。` : `${head}${f.process}ができる人がいません。`;
  },
  en: (f) => {
    const head = `${f.site} ${f.business} ${f.process} is about ${count(f.shortfallItems, 'item', 'items', f.shortfallItems.toLocaleString('en-US'))} short by its ${f.deadline} deadline.`;
    const people = f.morePeople !== null ? `${count(f.morePeople, 'more person', 'more people')} able to do ${f.process} would close it` : '';
    const ot = f.overtime
      ? `about ${f.overtime.minutesEach} minutes of overtime (beyond the limit) for ${count(f.overtime.people, 'person', 'people')} would`
      : '';
    if (people && ot) return `${head} ${people}, or ${ot}.`;
    return people || ot ? `${head} ${people || ot}${people ? '' : ' close it'}.` : `${head} Nobody there can do ${f.process}.`;
  },
};
