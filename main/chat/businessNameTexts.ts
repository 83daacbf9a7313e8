import type { Localized } from '../api/localized.js';

/** Why a business's name or alias is refused: what the chat already reads the word as (businessNameClash.ts). */

/** The word is a site's or a process's name, reading or configured alias. */
export const nameOfPlace = (word: string, kind: 'site' | 'process', place: string): Localized => {
  const what: Localized = kind === 'site' ? { ja: `拠点「${place}」`, en: `the site "${place}"` } : { ja: `工程「${place}」`, en: `the process "${place}"` };
  return {
    ja: `「${word}」は${what.ja}の名前か読みと同じです。業務の名前にすると、質問の「${word}」がどちらのことか分からなくなります。別の言葉にしてください。`,
    en: `"${word}" is also how ${what.en} is named or read: as a business's name, a question saying "${word}" could mean either. Choose another word.`,
  };
};

/** The word holds another business's id, which the chat reads as that business (業務523201). */
export const nameWithBusinessId = (word: string, id: string): Localized => ({
  ja: `「${word}」は業務 ${id} の番号を含みます。業務の名前にすると、質問の「業務${id}」がどちらの業務のことか分からなくなります。別の言葉にしてください。`,
  en: `"${word}" contains the id of business ${id}: a question saying "business ${id}" could mean either. Choose another word.`,
});

/** The word is an alias configured (placement.aliases) for something that is neither a site, a process nor a business. */
export const nameConfigured = (word: string, target: string): Localized => ({
  ja: `「${word}」は設定（placement.aliases）で「${target}」の別名です。別の言葉にしてください。`,
  en: `"${word}" is an alias of "${target}" in the settings (placement.aliases). Choose another word.`,
});
