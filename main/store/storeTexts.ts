import type { Localized } from '../api/localized.js';

/** A business name saved for an id the local copy does not have (Settings lists only those it has). */
export const businessUnknown = (id: string): Localized => ({
  ja: `業務 ${id} はこの端末のデータにありません。一覧にある業務に名前を付けてください。`,
  en: `Business ${id} is not in the data on this computer. Name a business from the list.`,
});

/** A name or alias another business already answers to. */
export const businessNameTaken = (word: string, owner: string): Localized => ({
  ja: `「${word}」はすでに「${owner}」の名前か別名です。別の言葉にしてください。`,
  en: `"${word}" is already the name or an alias of "${owner}". Choose another word.`,
});
