import type { Localized } from '../api/localized.js';

/** What an answer says when the reading left out an exclusion or a number of the question (wordsAccounted.ts). */
export const LEFT_OUT_TEXTS = {
  /** Leads the answer: the words, then that the answer does not take them into account. */
  notUsed: {
    ja: (words: string) => `※ 質問の「${words}」を読み取れず、この答えには反映していません。`,
    en: (words: string) => `Note: I could not read "${words}" in your question; this answer does not take it into account.`,
  } as Localized<(words: string) => string>,
  /** Leads the answer when a word of time was among them: the figures are for another period, which it names. */
  notUsedTime: {
    ja: (words: string, period: string) => `※ 質問の「${words}」を期間として読み取れませんでした。以下は${period}の数字で、お尋ねの期間のものではありません。`,
    en: (words: string, period: string) =>
      `Note: I could not read "${words}" in your question as a time; the figures below are for ${period}, not for the period you asked about.`,
  } as Localized<(words: string, period: string) => string>,
  /** After a proposal or a plan that would have been made without them: nothing stored. */
  noCard: {
    ja: '読み取れなかった条件を無視した提案になるため、カードは作っていません。条件を言い換えてもう一度お尋ねください。',
    en: 'A proposal would ignore that condition, so no card was made. Please say the condition another way and ask again.',
  } as Localized,
};
