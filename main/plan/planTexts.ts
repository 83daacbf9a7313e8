import { count } from '../api/englishCount.js';
import type { Localized } from '../api/localized.js';
import type { PlanBlock } from '../api/planTypes.js';

/** A person free in one or both blocks who may do the short work: at the site (`from` null) or lent by a near one. */
export interface FreePerson {
  name: string;
  blocks: PlanBlock[];
  from: string | null;
  /** Items they would do by the deadline (no more than were still short). */
  items: number;
}

export interface ShortfallFacts {
  site: string;
  business: string;
  process: string;
  deadline: string;
  shortfallItems: number;
  /** The cheap ways out, cheapest first: people free at the site, overtime within the limit, people free at a near site. */
  free: FreePerson[];
  overtimeWithin: { people: number; minutesEach: number; items: number } | null;
  help: FreePerson[];
  /** The policy's overtime limit per person (minutes) when every person on it whose overtime counts is already at it. */
  overtimeLimitBinds: number | null;
  /** Items left short after the cheap ways: what more people or overtime beyond the limit must close. */
  rest: number;
  morePeople: number | null;
  overtime: { people: number; minutesEach: number } | null;
}

/** How many people a sentence names; the rest are counted. */
const NAMED = 3;

const blockWord: Localized<Record<PlanBlock, string>> = { ja: { am: '午前', pm: '午後' }, en: { am: 'AM', pm: 'PM' } };

/** The staffing plan's sentences: the engine computes the figures, these only word them. */
export const shortfallText: Localized<(f: ShortfallFacts) => string> = {
  ja: (f) => {
    const n = (v: number): string => v.toLocaleString('ja-JP');
    const names = (list: FreePerson[], withSite: boolean): string =>
      list
        .slice(0, NAMED)
        .map((p) => `${withSite && p.from ? `${p.from}の` : ''}${p.name}（${p.blocks.map((b) => blockWord.ja[b]).join('・')}、約${n(p.items)}件）`)
        .join('・') + (list.length > NAMED ? `ほか${list.length - NAMED}名` : '');
    const head = `${f.site}の${f.business}・${f.process}は納期${f.deadline}までに約${n(f.shortfallItems)}件不足します。`;
    const ways = [
      f.free.length > 0 ? `空いている${names(f.free, false)}を入れる` : '',
      f.overtimeWithin ? `${f.overtimeWithin.people}名がそれぞれ約${n(f.overtimeWithin.minutesEach)}分の残業（上限内、約${n(f.overtimeWithin.items)}件）` : '',
      f.help.length > 0 ? `${names(f.help, true)}の応援` : '',
    ].filter(Boolean);
    const cheap =
      ways.length === 0 ? '' : f.rest === 0 ? `${ways.join('、')}で間に合います。` : `${ways.join('、')}で約${n(f.shortfallItems - f.rest)}件補えます。`;
    const limit = f.overtimeLimitBinds !== null ? `残業はすでに上限（1人${f.overtimeLimitBinds}分）です。` : '';
    if (f.rest === 0) return `${head}${cheap}${limit}`;
    const lead = ways.length > 0 ? `残り約${n(f.rest)}件は、` : '';
    const people = f.morePeople !== null ? `${f.process}ができる人があと${f.morePeople}名いれば間に合います` : '';
    const ot = f.overtime
      ? `${f.overtime.people}名がそれぞれ${f.overtimeLimitBinds !== null ? 'さらに' : ''}約${n(f.overtime.minutesEach)}分の残業（上限を超えて）で間に合います`
      : '';
    const beyond =
      people && ot
        ? `${lead}${people}。または${ot}。`
        : people || ot
          ? `${lead}${people || ot}。`
          : `${f.process}ができる人が${ways.length > 0 ? 'ほかに' : ''}いません。`;
    return `${head}${cheap}${limit}${beyond}`;
  },
  en: (f) => {
    const n = (v: number): string => v.toLocaleString('en-US');
    const names = (list: FreePerson[], withSite: boolean): string =>
      list
        .slice(0, NAMED)
        .map(
          (p) =>
            `${p.name}${withSite && p.from ? ` of ${p.from}` : ''} (${p.blocks.map((b) => blockWord.en[b]).join(' and ')}, about ${count(p.items, 'item', 'items', n(p.items))})`,
        )
        .join(', ') + (list.length > NAMED ? ` and ${count(list.length - NAMED, 'other', 'others')}` : '');
    const head = `${f.site} ${f.business} ${f.process} is about ${count(f.shortfallItems, 'item', 'items', n(f.shortfallItems))} short by its ${f.deadline} deadline.`;
    const ways = [
      f.free.length > 0 ? `free at the site: ${names(f.free, false)}` : '',
      f.overtimeWithin
        ? `about ${f.overtimeWithin.minutesEach} minutes of overtime within the limit for ${count(f.overtimeWithin.people, 'person', 'people')} (about ${count(f.overtimeWithin.items, 'item', 'items', n(f.overtimeWithin.items))})`
        : '',
      f.help.length > 0 ? `help from ${names(f.help, true)}` : '',
    ].filter(Boolean);
    const covered = count(f.shortfallItems - f.rest, 'item', 'items', n(f.shortfallItems - f.rest));
    const cheap = ways.length === 0 ? '' : ` ${f.rest === 0 ? 'What closes it' : `What covers about ${covered}`}: ${ways.join('; ')}.`;
    const limit = f.overtimeLimitBinds !== null ? ` Overtime is already at its limit of ${f.overtimeLimitBinds} minutes a person.` : '';
    if (f.rest === 0) return `${head}${cheap}${limit}`;
    const lead = ways.length > 0 ? `For the other about ${count(f.rest, 'item', 'items', n(f.rest))}, ` : '';
    const people = f.morePeople !== null ? `${count(f.morePeople, 'more person', 'more people')} able to do ${f.process} would close it` : '';
    const ot = f.overtime
      ? `about ${f.overtime.minutesEach} ${f.overtimeLimitBinds !== null ? 'more ' : ''}minutes of overtime (beyond the limit) for ${count(f.overtime.people, 'person', 'people')} would`
      : '';
    const body = people && ot ? `${people}, or ${ot}.` : people || ot ? `${people || ot}${people ? '' : ' close it'}.` : '';
    const cap = (s: string): string => (lead ? s : s.charAt(0).toUpperCase() + s.slice(1));
    return `${head}${cheap}${limit} ${body ? `${lead}${cap(body)}` : `Nobody ${ways.length > 0 ? 'else ' : ''}there can do ${f.process}.`}`;
  },
};

/**
 * How good the plan is, against the day (dayBound.ts): proven the day's best, or the most it may be above the best plan
 * of the day; and, where the day's bound leaves fewer items short than the plan, that another plan may cover more, so
 * that nobody asks for people the day may not need.
 */
export function planQualityText(s: { status: string; gap: number; shortItems: number; boundShortItems: number | null }): Localized {
  const pct = (s.gap * 100).toFixed(1);
  const [m, n] = [Math.round(s.shortItems), Math.round(s.boundShortItems ?? 0)];
  const fewer = s.boundShortItems !== null && s.shortItems - s.boundShortItems >= 1;
  if (s.status === 'failed') return { ja: '計画の一部のモデルを解けませんでした。', en: 'Part of the plan could not be solved.' };
  if (s.status === 'optimal')
    return { ja: 'この日の最善の計画です（日全体の下界で証明済み）。', en: "The best plan for the day (proven against the day's bound)." };
  return {
    ja: `見つかった最良の計画です。この日に可能な最善の計画より最大 ${pct}% 高い可能性があります（日全体の下界との差）。${
      fewer
        ? `この計画の不足は${m.toLocaleString('ja-JP')}件ですが、日全体の下界では${n.toLocaleString('ja-JP')}件です。拠点間の応援や残業の組み方で減らせる可能性があるため、人を増やす前にご確認ください。`
        : ''
    }`,
    en: `The best plan found: at most ${pct}% above the best possible plan for the day (against the day's bound).${
      fewer
        ? ` This plan leaves ${count(m, 'item')} short; the day's bound leaves ${count(n, 'item')}: help between sites or overtime arranged otherwise may cover more, so check before asking for more people.`
        : ''
    }`,
  };
}

/** A site's checked process worked without its final check in some half days (finalCheck.ts), as the plan says it. */
export interface FinalCheckFacts {
  site: string;
  process: string;
  level: number;
  blocks: PlanBlock[];
  /** `nobody`: none of the site's own at the level is at work then; `broken`: one was, and the plan did not put them on it. */
  why: 'nobody' | 'broken';
}

/** The company's final-check rule where the plan cannot keep it: who the rule wants, that none is at work, and what the plan did. */
export const finalCheckText: Localized<(f: FinalCheckFacts) => string> = {
  ja: (f) => {
    const when = f.blocks.length === 2 ? '午前・午後とも' : `${blockWord.ja[f.blocks[0]!]}に`;
    return f.why === 'nobody'
      ? `${f.site}の${f.process}：最終確認はスキル${f.level}以上の自拠点の担当者が行うルールですが、${when}出勤する該当者がいません（応援の人には任せられません）。この計画では最終確認なしで組んでいます。`
      : `${f.site}の${f.process}：${when}スキル${f.level}以上の自拠点の担当者が出勤していますが、この計画は最終確認に入れていません。`;
  },
  en: (f) => {
    const when = f.blocks.length === 2 ? 'in the morning or the afternoon' : `in the ${f.blocks[0] === 'am' ? 'morning' : 'afternoon'}`;
    return f.why === 'nobody'
      ? `${f.site} ${f.process}: the final check is done by the site's own people at level ${f.level} or above, and none of them is at work ${when} (helpers may not do it). This plan works it without that check.`
      : `${f.site} ${f.process}: one of the site's own people at level ${f.level} or above is at work ${when}, and this plan does not put them on the final check.`;
  },
};
