import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { toHiragana, toKatakana, toRomaji } from 'wanakana';

/**
 * How a name is spelled from the analyzer's reading of it: katakana, kana and Hepburn romaji
 * forms (for finding the name in a request), and the Latin form English screens write
 * (nameReadings.ts makes and keeps them for the store's names).
 */

const HAN = /\p{Script=Han}/u;
const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

/**
 * A text's reading in katakana (Latin letters and digits kept as they are), or null when a
 * word has none. `oneWord`: a part of a person's name is read only when the dictionary
 * knows it whole (高山, 麻由子); one it cuts in pieces gets a guess (陽菜 → ひ + さい), not a reading.
 */
export function katakanaOf(tokenizer: Tokenizer<IpadicFeatures>, text: string, oneWord = false): string | null {
  let out = '';
  const tokens = tokenizer.tokenize(text);
  if (oneWord && tokens.length > 1) return null;
  for (const t of tokens) {
    const s = t.surface_form;
    if (t.reading && t.reading !== '*') out += t.reading;
    else if (KANA.test(s)) out += toKatakana(s, { passRomaji: true });
    else if (!HAN.test(s)) out += s;
    else return null;
  }
  return out;
}

/**
 * Whether the analyzer knows a given name as a given name (固有名詞・人名, one word) or it is
 * written in kana: its reading is then the name's. IPADIC reads some given names as another
 * word (純一 ジュンイツ, 陽子 ヨウシ, 彩 イロドリ): such a reading is a guess, never written.
 */
export function givenNameKnown(tokenizer: Tokenizer<IpadicFeatures>, given: string): boolean {
  if (KANA.test(given) || !JAPANESE.test(given)) return true;
  const tokens = tokenizer.tokenize(given);
  return tokens.length === 1 && tokens[0]!.pos_detail_2 === '人名';
}

/** Long vowels left out, as Hepburn without macrons writes them: oosaka → osaka, toukyou → tokyo, chuuou → chuo. */
const withoutLongVowels = (romaji: string): string => romaji.replace(/o[ou]/g, 'o').replace(/uu/g, 'u').replace(/aa/g, 'a').replace(/ee/g, 'e');

/** Hepburn romaji of a katakana reading: with long vowels, and without when that differs. */
export function romajiOf(katakana: string): string[] {
  const long = toRomaji(toHiragana(katakana, { passRomaji: true }))
    .toLowerCase()
    .replace(/['-]/g, '');
  if (!/^[a-z0-9]+$/.test(long) || !/[a-z]/.test(long)) return [];
  return [...new Set([long, withoutLongVowels(long)])];
}

export const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** One word's reading in Latin letters, capitalized; a word in Latin letters or digits already is kept as written. */
function latinWord(katakana: string): string {
  if (!/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(katakana)) return katakana;
  const romaji = withoutLongVowels(
    toRomaji(toHiragana(katakana, { passRomaji: true }))
      .toLowerCase()
      .replace(/['-]/g, ''),
  );
  return romaji.charAt(0).toUpperCase() + romaji.slice(1);
}

/**
 * A name written in Latin letters as an English text writes a Japanese proper name: Hepburn
 * without long vowels, a word per word of the analyzer, each capitalized. Null when a word
 * has no reading, or the name has no Japanese in it (SS is its own).
 */
export function latinOf(tokenizer: Tokenizer<IpadicFeatures>, text: string, oneWord = false): string | null {
  if (!JAPANESE.test(text)) return null;
  const words: string[] = [];
  const tokens = tokenizer.tokenize(text);
  if (oneWord && tokens.length > 1) return null;
  for (const t of tokens) {
    const k = katakanaOf(tokenizer, t.surface_form);
    if (k === null) return null;
    if (k.trim()) words.push(latinWord(k.trim()));
  }
  return words.join(' ');
}

/** Hiragana, katakana and romaji of a katakana reading (none for a name in Latin letters and digits only: it is its own reading). */
export function formsOf(katakana: string): { kana: string[]; romaji: string[] } {
  if (!/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(katakana)) return { kana: [], romaji: [] };
  const hiragana = toHiragana(katakana, { passRomaji: true, convertLongVowelMark: false });
  return { kana: [...new Set([hiragana, katakana])], romaji: romajiOf(katakana) };
}
