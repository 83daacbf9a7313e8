import type { Localized } from '../../api/localized.js';

export type Grain = 'minute' | 'hour' | 'day';

/** The sentences of a trend answer: what moved over which window, start → end with the highest and lowest step, then each step. */
export const TREND_TEXTS = {
  grain: {
    ja: (g: Grain, minutes: number) => (g === 'day' ? '1日ごと' : g === 'hour' ? '1時間ごと' : `${minutes}分ごと`),
    en: (g: Grain, minutes: number) => (g === 'day' ? 'day by day' : g === 'hour' ? 'hour by hour' : `every ${minutes} min`),
  } as Localized<(g: Grain, minutes: number) => string>,
  head: {
    ja: (what: string, label: string, when: string, grain: string) => `${what}の${label}の推移（${when}、${grain}）:`,
    en: (what: string, label: string, when: string, grain: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)} for ${what}, ${when}, ${grain}:`,
  } as Localized<(what: string, label: string, when: string, grain: string) => string>,
  summary: {
    ja: (first: string, last: string, high: string, low: string) => `${first} → ${last}。最高 ${high}、最低 ${low}。`,
    en: (first: string, last: string, high: string, low: string) => `${first} → ${last}. Highest ${high}, lowest ${low}.`,
  } as Localized<(first: string, last: string, high: string, low: string) => string>,
  /** Start → end when every step moved the same way: the highest and lowest are the ends. */
  steady: {
    ja: (first: string, last: string, up: boolean) => `${first} → ${last}。期間中ずっと${up ? '増加' : '減少'}。`,
    en: (first: string, last: string, up: boolean) => `${first} → ${last}, ${up ? 'rising' : 'falling'} throughout.`,
  } as Localized<(first: string, last: string, up: boolean) => string>,
  flat: {
    ja: (first: string, last: string) => `${first} → ${last}。期間中変わらず。`,
    en: (first: string, last: string) => `${first} → ${last}. Unchanged throughout.`,
  } as Localized<(first: string, last: string) => string>,
  /** A figure with its time: 「8.3 件/分（9:00〜10:00）」. */
  at: {
    ja: (figure: string, time: string) => `${figure}（${time}）`,
    en: (figure: string, time: string) => `${figure} (${time})`,
  } as Localized<(figure: string, time: string) => string>,
  span: { ja: (a: string, b: string) => `${a}〜${b}`, en: (a: string, b: string) => `${a}–${b}` } as Localized<(a: string, b: string) => string>,
  asOf: { ja: (t: string) => `${t}時点`, en: (t: string) => `as of ${t}` } as Localized<(t: string) => string>,
  noSteps: {
    ja: (what: string, label: string, when: string) => `${what}の${label}は${when}のデータがないため、推移を出せません。`,
    en: (what: string, label: string, when: string) => `There is no ${label} data for ${what} ${when}: no trend to show.`,
  } as Localized<(what: string, label: string, when: string) => string>,
  /** A measure with no record over time, named: 「見込み終了時刻は記録が残らないため、推移は出せません（…）」. */
  measures: {
    ja: (what: string) =>
      `Genbaは${what}の推移は出せません（記録が残らないため。推移を出せるのは、残件・処理済み件数・到着件数・進捗率・処理速度・補正待ち・エラー行数・アラートです）。`,
    en: (what: string) =>
      `Genba cannot show ${what} over time: it is not recorded over time (trends: items left, items done, arrivals, progress, speed, waiting for correction, error lines and alerts).`,
  } as Localized<(what: string) => string>,
};
