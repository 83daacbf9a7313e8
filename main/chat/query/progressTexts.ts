import type { Localized } from '../../api/localized.js';
import { speedFigure as sp } from '../../api/figures.js';

/** The words of progress figures over many series: finished work named with its time, late work counted out of all. */
export const PROGRESS_TEXTS = {
  /** A finished series in place of a speed: when it finished, not 0 items a minute. */
  finishedAt: { ja: (hm: string) => `${hm}に完了`, en: (hm: string) => `finished at ${hm}` } as Localized<(hm: string) => string>,
  finishedItem: {
    ja: (name: string, hm: string) => `${name}（${hm}に完了）`,
    en: (name: string, hm: string) => `${name} (finished at ${hm})`,
  } as Localized<(name: string, hm: string) => string>,
  /** A ranking of speeds leaves finished work out, and says so. */
  finishedLeftOut: {
    ja: (n: number, names: string) => `（完了した${n}件（${names}）は除外）`,
    en: (n: number, names: string) => `(${n} finished left out: ${names})`,
  } as Localized<(n: number, names: string) => string>,
  /** A speed compared with an earlier day: the series already finished today are not compared. */
  /** The lines furthest below their own speed then, beside a sum that hides them. */
  furthestBelow: {
    ja: (lines: string) => `比べた時より遅い系列: ${lines}`,
    en: (lines: string) => `Slower than before: ${lines}`,
  } as Localized<(lines: string) => string>,
  belowThen: {
    ja: (what: string, now: number, then: number, pct: number) => `${what} 毎分${sp(now)}件（比べた時は${sp(then)}件、${pct}%）`,
    en: (what: string, now: number, then: number, pct: number) => `${what} ${sp(now)}/min (against ${sp(then)}/min, ${pct}%)`,
  } as Localized<(what: string, now: number, then: number, pct: number) => string>,
  finishedNotCompared: {
    ja: (list: string) => `完了済みのため比較から除外: ${list}`,
    en: (list: string) => `Left out of the comparison as finished: ${list}`,
  } as Localized<(list: string) => string>,
  andMore: { ja: (n: number) => `ほか${n}系列`, en: (n: number) => ` and ${n} more` } as Localized<(n: number) => string>,
  /** Series still working now that had no speed to compare with then (not working at that time on those days). */
  noComparable: {
    ja: (n: number) => `比べられる過去の速度がない${n}系列は除外`,
    en: (n: number) => `${n} series with no speed to compare with left out`,
  } as Localized<(n: number) => string>,
  /** Slack over many series: how many are late out of how many, the latest named with its minutes. */
  lateOf: {
    ja: (late: number, n: number, worst: string, minutes: number) => `${n}系列中${late}系列が遅れ（${worst}: ${minutes}分${late > 1 ? 'ほか' : ''}）`,
    en: (late: number, n: number, worst: string, minutes: number) => `${late} of ${n} series late (${worst}: ${minutes} min${late > 1 ? ' and others' : ''})`,
  } as Localized<(late: number, n: number, worst: string, minutes: number) => string>,
  noneLate: {
    ja: (n: number, open: number, minutes: number) => `${n}系列中遅れなし（作業中${open}系列の最小の余裕 ${minutes}分）`,
    en: (n: number, open: number, minutes: number) => `none of ${n} series late (least slack of the ${open} still working: ${minutes} min)`,
  } as Localized<(n: number, open: number, minutes: number) => string>,
  allFinished: {
    ja: (n: number, hm: string) => `${n}系列すべて完了（最後は${hm}）`,
    en: (n: number, hm: string) => `all ${n} series finished (the last at ${hm})`,
  } as Localized<(n: number, hm: string) => string>,
};
