import type { Localized } from '../../api/localized.js';

type Against = 'yesterday' | 'last_week' | 'usual';

/** The sentences of a change answer: the figure now, the figure it is compared with and when, the difference. */
export const CHANGE_TEXTS = {
  against: {
    ja: (a: Against, day: string, n: number) =>
      a === 'yesterday' ? `${day}の同時刻` : a === 'last_week' ? `先週の同じ曜日（${day}）の同時刻` : `過去${n}週の同じ曜日・同時刻の中央値`,
    en: (a: Against, day: string, n: number) =>
      a === 'yesterday'
        ? `at the same time on ${day}`
        : a === 'last_week'
          ? `at the same time on the same weekday last week (${day})`
          : `usually (median of the same weekday and time over the last ${n} weeks)`,
  } as Localized<(a: Against, day: string, n: number) => string>,
  line: {
    ja: (what: string, label: string, now: string, asOf: string, against: string, then: string, diff: string) =>
      `${what}の${label}: 今 ${now}（${asOf}時点）、${against} ${then} → ${diff}`,
    en: (what: string, label: string, now: string, asOf: string, against: string, then: string, diff: string) =>
      `${what} ${label}: ${now} now (as of ${asOf}), ${then} ${against} → ${diff}`,
  } as Localized<(what: string, label: string, now: string, asOf: string, against: string, then: string, diff: string) => string>,
  /** A whole day gone against its usual (or its day before, its weekday a week before): no time of day, no 「今」. */
  dayLine: {
    ja: (what: string, label: string, day: string, now: string, against: string, then: string, diff: string) =>
      `${what}の${label}: ${day} ${now}、${against} ${then} → ${diff}`,
    en: (what: string, label: string, day: string, now: string, against: string, then: string, diff: string) =>
      `${what} ${label}: ${now} on ${day}, ${then} ${against} → ${diff}`,
  } as Localized<(what: string, label: string, day: string, now: string, against: string, then: string, diff: string) => string>,
  againstDay: {
    ja: (a: Against, day: string, n: number) =>
      a === 'yesterday' ? `前日（${day}）` : a === 'last_week' ? `前の週の同じ曜日（${day}）` : `過去${n}週の同じ曜日の中央値`,
    en: (a: Against, day: string, n: number) =>
      a === 'yesterday'
        ? `the day before (${day})`
        : a === 'last_week'
          ? `the same weekday a week before (${day})`
          : `usually (median of the same weekday over the ${n} weeks before)`,
  } as Localized<(a: Against, day: string, n: number) => string>,
  /** A span of days against the same span earlier: each with its first day, last day and the time it runs to. */
  spanLine: {
    ja: (what: string, label: string, span: string, now: string, thenSpan: string, then: string, diff: string) =>
      `${what}の${label}: ${span}まで ${now}、比べる期間 ${thenSpan}まで ${then} → ${diff}`,
    en: (what: string, label: string, span: string, now: string, thenSpan: string, then: string, diff: string) =>
      `${what} ${label}: ${now} (${span}), against ${then} (${thenSpan}) → ${diff}`,
  } as Localized<(what: string, label: string, span: string, now: string, thenSpan: string, then: string, diff: string) => string>,
  workingDays: {
    ja: (a: number, b: number, perA: string, perB: string) => `※ 営業日数が違います（${a}日と${b}日）。1営業日あたりでは ${perA} と ${perB} です。`,
    en: (a: number, b: number, perA: string, perB: string) =>
      `Note: the spans have different working days (${a} and ${b}); per working day that is ${perA} against ${perB}.`,
  } as Localized<(a: number, b: number, perA: string, perB: string) => string>,
  noPast: {
    ja: (what: string, against: string) => `${what}は${against}のデータがないため比べられません。`,
    en: (what: string, against: string) => `Cannot compare ${what}: there is no data ${against}.`,
  } as Localized<(what: string, against: string) => string>,
  same: { ja: '変わらず', en: 'no change' } as Localized,
  /** The difference with its sign and unit, and its share of the earlier figure where that means something. */
  diff: {
    ja: (d: number, unit: string, pct: number | null) =>
      `${d > 0 ? '+' : ''}${d.toLocaleString('en-US')}${unit === '%' ? '' : ' '}${unit}${pct === null ? '' : `（${pct >= 0 ? '+' : ''}${pct}%）`}`,
    en: (d: number, unit: string, pct: number | null) =>
      `${d > 0 ? '+' : ''}${d.toLocaleString('en-US')} ${unit}${pct === null ? '' : ` (${pct >= 0 ? '+' : ''}${pct}%)`}`,
  } as Localized<(d: number, unit: string, pct: number | null) => string>,
  points: { ja: 'ポイント', en: 'pts' } as Localized,
  /** A measure with no earlier figure to compare with, named. */
  measures: {
    ja: (what: string) =>
      `Genbaは${what}を前の日と比べられません（比べられるのは、残件・処理件数・進捗率・処理速度・入荷件数・補正待ち・エラー行数・アラート件数です）。`,
    en: (what: string) =>
      `Genba cannot compare ${what} with an earlier day (it compares items left, items done, progress, speed, arrivals, items waiting for correction, error lines and alerts).`,
  } as Localized<(what: string) => string>,
  speedWindow: { ja: '直近30分の', en: 'last-30-minute ' } as Localized,
};
