import type { AskQuery, MeasureId } from '../../api/askQuery.js';
import type { Lang } from '../../api/types.js';
import { localize, type Localized } from '../../api/localized.js';
import { MEASURES } from './measures.js';
import { DIM_WORDS } from './measureQueryTexts.js';

const TEXT: Localized<(words: string, dim: string, measures: string, ranked: boolean, label: string) => string> = {
  ja: (words, dim, measures, ranked, label) =>
    ranked
      ? `「${words}」が何の数字か読み取れず、順位は出していません（別の数字で並べると違う質問への答えになるため）。${dim}の順位を出せる数字: ${measures}。`
      : `「${words}」が何の数字か読み取れず、答えていません（${label}を出すと違う質問への答えになるため）。${dim}ごとに出せる数字: ${measures}。`,
  en: (words, dim, measures, ranked, label) =>
    ranked
      ? `I could not tell which figure "${words}" means, so I have not ranked anything (ranking by another figure would answer another question). I can rank by ${dim}: ${measures}.`
      : `I could not tell which figure "${words}" means, so I have not answered (${label} would answer another question). By ${dim} I can give: ${measures}.`,
};

/** A ranking with no figure named at all («top 3 hosei people»): which figure is asked, with those it can rank by. */
const NONE_NAMED: Localized<(dim: string, measures: string) => string> = {
  ja: (dim, measures) => `何の数字で並べるかが質問にないため、順位は出していません。${dim}の順位を出せる数字: ${measures}。どれで並べますか。`,
  en: (dim, measures) => `The question names no figure to rank by, so I have not ranked anything. I can rank by ${dim}: ${measures}. Which one?`,
};

/**
 * A figure whose measure the question did not name, beside words Genba did not understand («the most keying mistakes»,
 * "absenses this week vs last week", "how many failed logins"): the unread words are likely the measure, so the default one
 * (items left, progress, speed) answers another question. Said instead, with the measures that can be given by the thing
 * asked for (declared in measures.ts). With no word unread (people ranked with no figure named), which figure is asked.
 */
export function measureUnread(q: AskQuery, words: readonly string[], lang: Lang): string {
  const dim = q.by ?? 'site';
  const measures = (Object.keys(MEASURES) as MeasureId[]).filter(
    (m) => m !== 'unknown' && MEASURES[m].source.kind !== 'none' && MEASURES[m].dims.includes(dim),
  );
  const sep = localize(lang, { ja: '、', en: ', ' });
  const dimWord = dim in DIM_WORDS ? localize(lang, DIM_WORDS[dim as keyof typeof DIM_WORDS]) : dim;
  const can = measures.map((m) => localize(lang, MEASURES[m].label)).join(sep);
  if (words.length === 0) return localize(lang, NONE_NAMED)(dimWord, can);
  const label = q.measure === null ? '' : localize(lang, MEASURES[q.measure].label);
  return localize(lang, TEXT)(words.join(localize(lang, { ja: '」「', en: '", "' })), dimWord, can, q.op === 'rank', label);
}
