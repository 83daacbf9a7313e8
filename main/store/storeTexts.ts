import type { Localized } from '../api/localized.js';
import type { SchemaDifference } from './schemaDifferences.js';

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

/** A process the local copy does not have, named in Settings. */
export const processUnknown = (process: string): Localized => ({
  ja: `工程「${process}」はこの端末のデータにありません。一覧にある工程に名前を付けてください。`,
  en: `Process "${process}" is not in the data on this computer. Name a process from the list.`,
});

/** An English name must be written in Latin letters (the English screens show it as written). */
export const englishNameInvalid = (word: string): Localized => ({
  ja: `英語名「${word}」に日本語の文字があります。英語名はローマ字・数字・記号で入力してください（50文字まで）。`,
  en: `The English name "${word}" has Japanese characters in it. Write it in Latin letters, digits and punctuation (up to 50 characters).`,
});

/** An English name another process already has: an English question would mean two. */
export const englishNameTaken = (word: string, owner: string): Localized => ({
  ja: `英語名「${word}」はすでに「${owner}」の英語名です。別の名前にしてください。`,
  en: `"${word}" is already the English name of "${owner}". Choose another name.`,
});

const OBJECT_JA: Record<string, string> = { table: 'テーブル', index: 'インデックス', trigger: 'トリガー', view: 'ビュー' };
/** How many differences a message names before it only counts the rest. */
const NAMED_DIFFERENCES = 5;

/** The differences between a database's schema and Genba's, each naming its object (see schemaDifferences). */
export function schemaDifferencesText(differences: readonly SchemaDifference[]): Localized {
  const one = (d: SchemaDifference): Localized => {
    const kind = OBJECT_JA[d.type] ?? d.type;
    const on = d.table !== d.name ? { ja: `（${d.table}）`, en: ` (on ${d.table})` } : { ja: '', en: '' };
    if (d.change === 'extra') return { ja: `Genba が作らない${kind}「${d.name}」${on.ja}`, en: `an extra ${d.type} "${d.name}"${on.en}` };
    if (d.change === 'missing') return { ja: `${kind}「${d.name}」${on.ja}がない`, en: `the ${d.type} "${d.name}"${on.en} is missing` };
    return { ja: `${kind}「${d.name}」${on.ja}の定義が違う`, en: `the ${d.type} "${d.name}"${on.en} is defined differently` };
  };
  const named = differences.slice(0, NAMED_DIFFERENCES).map(one);
  const rest = differences.length - named.length;
  return {
    ja: `${named.map((t) => t.ja).join('、')}${rest > 0 ? `、ほか ${rest} 件` : ''}`,
    en: `${named.map((t) => t.en).join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`,
  };
}
