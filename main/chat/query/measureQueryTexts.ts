import type { AskOp } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import type { StoreDim } from './measureSql.js';

export const DIM_WORDS: Record<StoreDim | 'experience', Localized> = {
  site: { ja: '拠点', en: 'site' },
  business: { ja: '業務', en: 'business' },
  process: { ja: '工程', en: 'process' },
  operator: { ja: 'オペレーター', en: 'operator' },
  service: { ja: 'サービス', en: 'service' },
  host: { ja: 'ホスト', en: 'host' },
  level: { ja: 'スキルレベル', en: 'skill level' },
  experience: { ja: '経験年数', en: 'experience' },
  hour: { ja: '時間', en: 'hour' },
  day: { ja: '日', en: 'day' },
  week: { ja: '週', en: 'week' },
};

const VERB: Record<string, Localized> = {
  rank: { ja: '別の順位', en: 'rank' },
  compare: { ja: '別の比較', en: 'compare' },
  list: { ja: '別の一覧', en: 'list' },
  trend: { ja: 'ごとの推移', en: 'show the trend of' },
  filter: { ja: 'で絞った値', en: 'filter' },
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The store measures' sentences: what cannot be computed, in words, and the periods figures are stated for. */
/** A skill level the figure is filtered on, after the measure's name: 「人数（スキル3以上）」. */
const atLevel: Localized<(n: number) => string> = { ja: (n) => `（スキル${n}以上）`, en: (n) => ` (skill ${n} or above)` };

/** Months of experience the figure is filtered on: 「（経験2年以上）」, "(2 years of experience or more)". */
const withExperienceUnder: Localized<(months: number) => string> = {
  ja: (m) => `（経験${m % 12 === 0 ? `${m / 12}年` : `${m}か月`}未満）`,
  en: (m) => ` (under ${m % 12 === 0 ? `${m / 12} year${m === 12 ? '' : 's'}` : `${m} month${m === 1 ? '' : 's'}`} of experience)`,
};
const withExperience: Localized<(months: number) => string> = {
  ja: (m) => `（経験${m % 12 === 0 ? `${m / 12}年` : `${m}か月`}以上）`,
  en: (m) => ` (${m % 12 === 0 ? `${m / 12} year${m === 12 ? '' : 's'}` : `${m} month${m === 1 ? '' : 's'}`} of experience or more)`,
};

/** A person's overtime of a month against the monthly limit: 「（月の上限45時間の9%）」. */
const ofLimit: Localized<(pct: number, hours: number) => string> = {
  ja: (pct, hours) => `（月の上限${hours}時間の${pct}%）`,
  en: (pct, hours) => ` (${pct}% of the ${hours} h monthly limit)`,
};

export const MEASURE_QUERY_TEXTS = {
  atLevel,
  /** Before a figure of people that is their mean («平均の登録速度»), not their top. */
  averageOf: { ja: '平均の', en: 'average ' } as Localized,
  withExperience,
  withExperienceUnder,
  ofLimit,
  /** 「Genbaはアラートのオペレーター別の順位は出せません（…）」 / "Genba cannot rank alerts by operator: …". */
  cannot: (op: AskOp | 'filter', label: Localized, dim: StoreDim | 'experience', why: Localized): Localized => {
    const v = VERB[op] ?? { ja: '別の値', en: 'split' };
    return {
      ja: `Genbaは${label.ja}の${DIM_WORDS[dim].ja}${v.ja}は出せません（${why.ja}）。`,
      en: `Genba cannot ${v.en} ${label.en} by ${DIM_WORDS[dim].en}: ${why.en}.`,
    };
  },
  /** Why a measure computed from other figures has no split by a dimension: 「速度は拠点・工程・業務ごとに出します」. */
  computedPer: (label: Localized, dims: readonly StoreDim[]): Localized => ({
    ja: `${label.ja}は${dims.map((d) => DIM_WORDS[d].ja).join('・')}ごとに出します`,
    en: `${label.en} is computed per ${dims
      .map((d) => DIM_WORDS[d].en)
      .join(', ')
      .replace(/, ([^,]*)$/, ' and $1')}`,
  }),
  noHistory: (label: Localized): Localized => ({
    ja: `${label.ja}はマスタに今登録されている値で、過去の記録がないため、推移や前との比較は出せません。`,
    en: `Genba cannot show ${label.en} over time: it is what the masters hold now, with no history.`,
  }),
  percentileOfState: (label: Localized): Localized => ({
    ja: `${label.ja}は系列ごとの状態の合計のため、パーセンタイルは出せません。`,
    en: `Genba cannot take a percentile of ${label.en}: it is a state summed over series.`,
  }),
  /** The state at a time: 「15:40時点」 / "as of 15:40", or 「10/22 24:00時点」 for the end of an earlier day. */
  asOf: { ja: (t: string) => `${t}時点`, en: (t: string) => `as of ${t}` } as Localized<(t: string) => string>,
  /** A daily count's days: 「10/23」, 「10/17〜10/23」. */
  days: {
    ja: (a: string, b: string) => (a === b ? a : `${a}〜${b}`),
    en: (a: string, b: string) => (a === b ? a : `${a}–${b}`),
  } as Localized<(a: string, b: string) => string>,
  /** The rows of a long list left out of the text. */
  more: {
    ja: (n: number) => `  ほか${n}件（すべて表にあります）`,
    en: (n: number) => `  and ${n} more (all in the table)`,
  } as Localized<(n: number) => string>,
  /** The parts of a total, by the measure's first dimension. */
  parts: {
    ja: (members: string, more: boolean) => `  内訳: ${members}${more ? ' ほか' : ''}`,
    en: (members: string, more: boolean) => `  of which: ${members}${more ? ' and others' : ''}`,
  } as Localized<(members: string, more: boolean) => string>,
  head: { ja: (what: string, when: string) => `${what}（${when}）:`, en: (what: string, when: string) => `${capital(what)} (${when}):` } as Localized<
    (what: string, when: string) => string
  >,
  /** The first of two compared and by how much: a count is more, not ahead. */
  compareLead: {
    ja: (a: string, b: string, what: string, diff: string) => `${what}は${a}が${b}より${diff}多くなっています。`,
    en: (a: string, b: string, what: string, diff: string) => `${a} has ${diff} more than ${b} (${what}).`,
  } as Localized<(a: string, b: string, what: string, diff: string) => string>,
  none: {
    ja: (what: string, when: string) => `${what}（${when}）: 該当なし`,
    en: (what: string, when: string) => `${capital(what)} (${when}): none`,
  } as Localized<(what: string, when: string) => string>,
  /** A figure of the register asked of a day: what it counts is registered, not who is in that day. */
  registerHasNoDay: {
    ja: (day: string) => `※ マスタに登録された人数です。${day}の休み（有給・欠勤の予定）は差し引いていません。`,
    en: (day: string) => `Note: people as registered in the masters; who is off ${day} (leave asked for) is not taken out.`,
  } as Localized<(day: string) => string>,
  /** The unit of experience ranked (「一番経験長い」): each person's months on the work. */
  months: { ja: 'か月', en: 'months' } as Localized,
};
