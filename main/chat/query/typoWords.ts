import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { FUNCTION_WORDS_EN } from './functionWords.js';
import { vocabularyPhrases } from './vocabularyPhrases.js';

/**
 * Words shorter than this are left as typed: at four letters one letter off is too often another real word or a name's
 * part ("late", "lane", "ocr"). At five a typo that English does not have ("erros", "shfit") is still the vocabulary's word.
 */
const MIN_LENGTH = 5;

let known: { all: Set<string>; long: string[] } | null = null;
/** The single Latin words of the vocabulary (measures' words, operations' cues) and the English function words. */
const vocabulary = (): { all: Set<string>; long: string[] } => {
  if (known) return known;
  const words = new Set<string>(FUNCTION_WORDS_EN);
  for (const w of vocabularyPhrases()) for (const x of w.match(/[a-z]+/g) ?? []) words.add(x);
  known = { all: words, long: [...words].filter((w) => w.length >= MIN_LENGTH) };
  return known;
};

let dictionary: string | null = null;
/**
 * Whether English has the word (word-list's 274k words, one a line): "failing" and "processes" are words of their own, not
 * typos of "falling" and "processed". Read only when a word is one edit from the vocabulary, which few questions have.
 */
export const isEnglish = (w: string): boolean => (dictionary ??= `\n${readFileSync(wordListPath, 'utf8')}\n`).includes(`\n${w}\n`);

/** Whether two words are one edit apart: a letter changed, added, dropped, or two neighbours swapped ("overtiem"). */
function oneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A word with each run of one letter written once: "tommorow" and "tomorrow" are both "tomorow" (a letter doubled in the wrong place). */
const undoubled = (w: string): string => w.replace(/([a-z])\1+/g, '$1');

/**
 * Chat shorthand a manager types for a word («tmrw», «rn», «ppl», «gonna»), read as the word before anything else. Only
 * forms that are no English word of their own.
 */
const SHORTHAND: Record<string, string> = {
  rn: 'right now',
  atm: 'right now',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  tmw: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  yday: 'yesterday',
  ystd: 'yesterday',
  tdy: 'today',
  tonite: 'tonight',
  ppl: 'people',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  b4: 'before',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'have to',
  teh: 'the',
  cuz: 'because',
  bc: 'because',
  mins: 'minutes',
  hrs: 'hours',
  wk: 'week',
  wks: 'weeks',
  msg: 'message',
  biz: 'business',
  ot: 'overtime',
  mtd: 'this month',
  wtd: 'this week',
  bizs: 'businesses',
  asap: 'now',
  // A keyer or typist is an entry operator (no English word list has «keyer»: it was read as a misspelt «keyed»).
  keyer: 'operator',
  keyers: 'operators',
  typist: 'operator',
  typists: 'operators',
};
// A word of its own: not a part of a host's or a service's name («r-01», «ot_batch»).
const SHORTHAND_WORD = new RegExp(`(?<![\\w.-])(?:${Object.keys(SHORTHAND).join('|')})(?![\\w-]|\\.\\w)`, 'g');

/** Contractions typed without their apostrophe ("whos off?", "whats left"): none of them is another English word. */
const CONTRACTIONS = /\b(who|what|how|where|there|that)s\b|\b(don|doesn|didn|isn|aren|wasn|weren|haven|hasn|couldn|wouldn|shouldn)t\b/g;
const withApostrophes = (folded: string): string =>
  folded.replace(CONTRACTIONS, (_w, s: string | undefined, t: string | undefined) => (s ? `${s}'s` : `${t}'t`));

/**
 * A misspelt word of the vocabulary read as the word ("any overtiem this week?", "deadlne", "erros", "tommorow"): a Latin
 * word of five letters or more that neither the vocabulary nor English has, one edit from exactly one of the vocabulary's
 * words, or the same letters with a letter doubled elsewhere (a word and its plural count as one). A word near two is left
 * as typed.
 */
export function spellFixed(folded: string): string {
  const v = vocabulary();
  return withApostrophes(folded.replace(SHORTHAND_WORD, (w) => SHORTHAND[w]!)).replace(new RegExp(`[a-z]{${MIN_LENGTH},}`, 'g'), (w) => {
    if (v.all.has(w)) return w;
    // A word and its plural are one word ("erros" is one edit from both "error" and "errors"): the singular is read.
    const near = [
      ...new Set(
        v.long.filter((k) => oneEdit(w, k) || undoubled(w) === undoubled(k)).map((k) => (k.endsWith('s') && v.all.has(k.slice(0, -1)) ? k.slice(0, -1) : k)),
      ),
    ];
    return near.length === 1 && !isEnglish(w) ? near[0]! : w;
  });
}
