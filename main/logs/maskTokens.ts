import { charsOf } from './maskChars.js';
import { DEFAULT_MASKS, type NamedMask } from './defaultMasks.js';
import { MIXED_CASE_SOURCE, type ValueRule } from './valueRules.js';

/**
 * One generic masking and tokenizing configuration for every log source: variables are
 * replaced by `<*>` before templates are mined, so no dataset needs its own regexes.
 */
export const WILDCARD = '<*>';
/** Stands for a masked value while the text is split (the wildcard itself contains split characters). */
const MASKED = '\uE000';
const SENTINELS = new RegExp(MASKED, 'g');

/** Full-width digits and letters (ＡＢＣ１２３) as their ASCII forms, so they mask like any number. */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Japanese runs split where the script changes (kanji / kana / latin / digits). */
const SCRIPT_CHANGE =
  /(?<=\p{Script=Han})(?=[\p{Script=Hiragana}\p{Script=Katakana}A-Za-z0-9])|(?<=[\p{Script=Hiragana}\p{Script=Katakana}])(?=[\p{Script=Han}A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/u;

/**
 * Masks variables and splits a message into tokens, keeping the original text behind each
 * wildcard (parameter extraction). A token still holding a digit after masking is a
 * variable too (counts, ids, sizes): constants rarely contain digits.
 */
export function maskWithValues(
  message: string,
  masks: readonly NamedMask[] = DEFAULT_MASKS,
  valuesOff: readonly ValueRule[] = [],
): { tokens: string[]; values: (string | null)[] } {
  const out = tokenize(message, valuesOff.length === 0 ? masks : masksWithout(masks, valuesOff), null, !valuesOff.includes('mixedCaseIds'));
  return { tokens: out.tokens, values: out.values };
}

/** The masks less those switched off, kept per list and switch (only a bench switches them). */
function masksWithout(masks: readonly NamedMask[], off: readonly ValueRule[]): readonly NamedMask[] {
  const key = off.join(' ');
  const kept = withoutCache.get(masks) ?? new Map<string, readonly NamedMask[]>();
  withoutCache.set(masks, kept);
  if (!kept.has(key))
    kept.set(
      key,
      masks.filter((m) => !(off as readonly string[]).includes(m.name)),
    );
  return kept.get(key)!;
}
const withoutCache = new WeakMap<readonly NamedMask[], Map<string, readonly NamedMask[]>>();

/**
 * Per token of maskWithValues(message), the white-space separated chunk of the message it
 * starts in: "LOCAL(0)," is four tokens of one chunk. Tells a value written in pieces
 * from a phrase of several words (templateSpans).
 */
export function tokenChunks(message: string, masks: readonly NamedMask[] = DEFAULT_MASKS): number[] {
  return tokenize(message, masks, [], true).chunks!;
}

function tokenize(message: string, masks: readonly NamedMask[], chunks: number[] | null, mixedCase: boolean): Tokens {
  // Past MAX_CHARS a message (a dump, a payload) is one trailing variable: a 200 KB line costs
  // what a 4 KB line does. Its value is kept short, as a sample for people.
  const cut = message.length > MAX_CHARS ? message.slice(MAX_CHARS) : null;
  if (cut !== null) message = message.slice(0, MAX_CHARS);
  let text = WIDE.test(message) ? normalizeWidth(message) : message;
  // The masked texts in the order their sentinels stand in `text`, kept in step with every replacement.
  let masked: string[] = [];
  // One ordered pass over the named masks: a masked value stays inside its token, and a
  // token holding one is a variable as a whole.
  const present = charsOf(text);
  for (const { pattern, hint, needs, inner, when } of masks) {
    if ((needs !== undefined && (present & needs) !== needs) || (hint && !hint.test(text))) continue;
    [text, masked] = applyMask(text, masked, pattern, inner ? 'inner' : 'whole', when);
  }
  // An empty bracket pair is a value that happens to be empty, not a different message.
  if (text.includes('(') || text.includes('[')) [text, masked] = applyMask(text, masked, EMPTY_BRACKETS, 'empty');

  const out: Tokens = { tokens: [], values: [], masked, next: 0, wordLike: false, chunks, chunk: 0, mixedCase };
  // One scan: runs between separators are tokens, and each separator other than space is one too.
  // What a run holds (a digit, a masked value, Japanese) is noted as it is scanned, not searched for again.
  let start = 0;
  let holds = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind: number;
    if (code < 128) {
      kind = ASCII_SEPARATOR[code]!;
      if (kind === 0) {
        if (code >= 48 && code <= 57) holds |= HOLDS_DIGIT;
        else if (code >= 65 && code <= 90) holds |= HOLDS_UPPER;
        continue;
      }
    } else {
      kind = OTHER_SEPARATOR.get(code) ?? 0;
      if (kind === 0) {
        if (code === MASKED_CODE) holds |= HOLDS_MASKED;
        else if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff)) holds |= HOLDS_CJK;
        continue;
      }
    }
    if (i > start) addPart(out, text.slice(start, i), holds);
    if (kind === 2) addToken(out, text[i]!, null);
    else out.chunk++;
    start = i + 1;
    holds = 0;
  }
  if (text.length > start) addPart(out, text.slice(start), holds);
  if (cut !== null) addToken(out, WILDCARD, cut.length > 256 ? `${cut.slice(0, 256)}…` : cut);
  if (out.tokens.length > MAX_TOKENS) {
    // The tail of a very long message (a dump, a payload) is one variable: mining and
    // matching cost stays bounded per line, whatever the line's length.
    const tail = out.tokens.slice(MAX_TOKENS - 1).map((t, k) => out.values[MAX_TOKENS - 1 + k] ?? t);
    out.tokens.length = MAX_TOKENS - 1;
    out.values.length = MAX_TOKENS - 1;
    out.tokens.push(WILDCARD);
    out.values.push(tail.join(' '));
    if (chunks) chunks.length = MAX_TOKENS;
  }
  return out;
}

/** Tokens a message is mined on; the rest of a longer one is one trailing variable. */
export const MAX_TOKENS = 256;
/** Characters a message is masked and mined on; the rest is one trailing variable. */
export const MAX_CHARS = 4096;

type Tokens = {
  tokens: string[];
  values: (string | null)[];
  masked: string[];
  next: number;
  wordLike: boolean;
  /** When asked for: the chunk each token starts in (chunk counts the white space seen). */
  chunks: number[] | null;
  chunk: number;
  /** The value rule mixedCaseIds is on (valueRules.ts). */
  mixedCase: boolean;
};

/** Adjacent wildcards are one variable written in pieces (e.g. "12 ms", "Jul 17 2005"). */
function addToken(o: Tokens, token: string, value: string | null, joins = true): void {
  const last = o.tokens.length - 1;
  o.wordLike = false;
  if (joins && token === WILDCARD && o.tokens[last] === WILDCARD) o.values[last] = `${o.values[last]} ${value}`;
  else {
    o.tokens.push(token);
    o.values.push(value);
    o.chunks?.push(o.chunk);
  }
}

/**
 * A run between separators: a wildcard when it holds a masked value, a digit or (mixedCaseIds) letters in no word's
 * case; Japanese split where the script changes.
 */
function addPart(o: Tokens, part: string, holds: number): void {
  if (holds & HOLDS_MASKED) {
    addToken(
      o,
      WILDCARD,
      part.replace(SENTINELS, () => o.masked[o.next++] ?? ''),
    );
    return;
  }
  if (!(holds & HOLDS_CJK)) addPiece(o, part, (holds & HOLDS_DIGIT) !== 0 || ((holds & HOLDS_UPPER) !== 0 && isMixedCaseId(o, part)));
  else for (const piece of part.split(SCRIPT_CHANGE)) if (piece) addPiece(o, piece, DIGIT.test(piece) || isMixedCaseId(o, piece));
}

/** mixedCaseIds, where it is on: letters whose case changes as no word’s does (valueRules.ts). */
const isMixedCaseId = (o: Tokens, piece: string): boolean => o.mixedCase && MIXED_CASE.test(piece);

/** A piece that is no value (no digit, no id of mixed case) is a constant candidate; the others are variables. */
function addPiece(o: Tokens, piece: string, value: boolean): void {
  if (!value) {
    addToken(o, piece, null);
    return;
  }
  // "CurrentState:112": a key written onto its value is a constant, not part of the variable.
  // A key that is itself an id of mixed case is part of the value: a log store's shape ends a value at the colon.
  const key = piece.indexOf(':') > 0 ? KEY_COLON.exec(piece) : null;
  if (key && !isMixedCaseId(o, key[1]!)) {
    addToken(o, key[1]!, null);
    piece = piece.slice(key[1]!.length);
  }
  // A word with a digit in it ("ssh2", "jk2_init") is a variable of its own, not the
  // tail of the number before it: if it never varies, the template shows it as the word.
  // A run of such words ("an14 an15 an16 …") stays one variable.
  const wordLike = WORD_WITH_DIGIT.test(piece);
  addToken(o, WILDCARD, piece, !wordLike || o.wordLike);
  o.wordLike = wordLike;
}

/** A key and its colon at the start of a piece: letters first, no digit. */
const KEY_COLON = /^([A-Za-z][A-Za-z_.-]*:)(?=.)/;

/** Two letters at least, at most two digits, only word characters: a name ("ssh2", "jk2_init"), not a number or an id. */
const WORD_WITH_DIGIT = /^(?=(?:[^A-Za-z]*[A-Za-z]){2})(?!(?:[^\d]*\d){3})[A-Za-z0-9_.-]+$/;

/** A value that may really be a constant word: letters, perhaps a digit or two, nothing else. */
export const isWordValue = (v: string): boolean => WORD_WITH_DIGIT.test(v);

const EMPTY_BRACKETS = /\(\s*\)|\[\s*\]/g;
const globalCopies = new WeakMap<RegExp, RegExp>();

/**
 * Replaces every match of `re` by a sentinel and returns the new text with the masked
 * values in sentinel order. A match spanning earlier sentinels takes their values back
 * into its own; `inner` keeps a match's first and last characters (its quotes) as text,
 * and `empty` keeps the brackets of an empty pair and masks an empty value.
 */
function applyMask(text: string, masked: readonly string[], pattern: RegExp, mode: 'whole' | 'inner' | 'empty', when?: NamedMask['when']): [string, string[]] {
  let re = pattern;
  if (!re.global) {
    // A mask given without the g flag still masks every match.
    re = globalCopies.get(pattern) ?? new RegExp(pattern.source, `${pattern.flags}g`);
    globalCopies.set(pattern, re);
  }
  re.lastIndex = 0;
  let m = re.exec(text);
  if (!m) return [text, masked as string[]];
  const values: string[] = [];
  let out = '';
  let last = 0;
  let k = 0;
  const copy = (gap: string): void => {
    for (let i = gap.indexOf(MASKED); i >= 0; i = gap.indexOf(MASKED, i + 1)) values.push(masked[k++] ?? '');
    out += gap;
  };
  while (m) {
    const found = m[0];
    if (when && !when(found, m.index, text)) {
      m = re.exec(text);
      continue;
    }
    copy(text.slice(last, m.index));
    const value = (v: string): string => (v.includes(MASKED) ? v.replace(SENTINELS, () => masked[k++] ?? '') : v);
    if (mode === 'whole') {
      out += MASKED;
      values.push(value(found));
    } else {
      out += `${found[0]}${MASKED}${found[found.length - 1]}`;
      values.push(mode === 'empty' ? '' : value(found.slice(1, -1)));
    }
    last = m.index + found.length;
    if (found.length === 0) re.lastIndex++;
    m = re.exec(text);
  }
  copy(text.slice(last));
  return [out, values];
}

/**
 * Punctuation that separates fields: each becomes its own token, so values stand alone;
 * white space only separates. Per character code: 1 white space, 2 a separator token
 * (looked up, not matched: this loop runs over every character of every line).
 */
const SEPARATOR_KIND = (c: string): number => (/\s/u.test(c) ? 1 : /[,;=()[\]{}"'|<>、。「」『』（）【】：；，]/u.test(c) ? 2 : 0);
/** Per ASCII code: 0 inside a token, 1 a space (splits), 2 a separator that is a token of its own. */
export const ASCII_SEPARATOR = Uint8Array.from({ length: 128 }, (_, c) => SEPARATOR_KIND(String.fromCharCode(c)));
const OTHER_SEPARATOR = new Map(
  [...'\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff、。「」『』（）【】：；，'].map(
    (c) => [c.charCodeAt(0), SEPARATOR_KIND(c)],
  ),
);
const WIDE = /[\uFF01-\uFF5E\u3000]/;
const MASKED_CODE = MASKED.charCodeAt(0);
const HOLDS_DIGIT = 1;
const HOLDS_MASKED = 2;
const HOLDS_CJK = 4;
const HOLDS_UPPER = 8;
const DIGIT = /\d/;
const MIXED_CASE = new RegExp(MIXED_CASE_SOURCE);

/** Tokens only (mining, matching). */
export function maskTokens(message: string): string[] {
  return maskWithValues(message).tokens;
}
