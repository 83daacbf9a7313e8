/**
 * One generic masking and tokenizing configuration for every log source: variables are
 * replaced by `<*>` before templates are mined, so no dataset needs its own regexes.
 */
export const WILDCARD = '<*>';
/** Stands for a masked value while the text is split (the wildcard itself contains split characters). */
const MASKED = '\uE000';

// Order matters: the most specific shapes first (a URL contains a path and a host:port).
const MASKS: RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, // URLs
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, // e-mail addresses
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2},?\s+(?:\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s+\d{4})?\b/g, // textual dates (syslog, ctime)
  /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, // dates (and times)
  /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, // times
  /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, // IPv4 (with port)
  /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi, // IPv6
  /(?:[A-Za-z]:)?(?:[\\/][\w.$~@+-]+){2,}[\\/]?/g, // paths (Unix and Windows)
  /\b[\w-]+(?:\.[\w-]+)+:\d{1,5}\b/g, // host:port
  /\b0x[0-9a-f]+\b/gi, // hex with prefix
  /\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns|sec|secs|s|min|mins|h|hrs)\b/g, // durations
];

/** Full-width digits and letters (ＡＢＣ１２３) as their ASCII forms, so they mask like any number. */
function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Punctuation that separates fields: each becomes its own token, so values stand alone. */
const SPLIT = /([\s,;=()[\]{}"'|<>]|[、。「」『』（）【】：；，])/u;

/** Japanese runs split where the script changes (kanji / kana / latin / digits). */
const SCRIPT_CHANGE = /(?<=\p{Script=Han})(?=[\p{Script=Hiragana}\p{Script=Katakana}A-Za-z0-9])|(?<=[\p{Script=Hiragana}\p{Script=Katakana}])(?=[\p{Script=Han}A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/u;

/**
 * Masks variables and splits a message into tokens, keeping the original text behind each
 * wildcard (parameter extraction). A token still holding a digit after masking is a
 * variable too (counts, ids, sizes): constants rarely contain digits.
 */
export function maskWithValues(message: string): { tokens: string[]; values: (string | null)[] } {
  let text = normalizeWidth(message);
  const masked: string[] = [];
  // A masked value stays inside its token: a token holding one is a variable as a whole.
  for (const re of MASKS) {
    text = text.replace(re, (m) => {
      masked.push(m);
      return MASKED;
    });
  }
  // An empty bracket pair is a value that happens to be empty, not a different message.
  text = text.replace(/\(\s*\)|\[\s*\]/g, (m) => {
    masked.push('');
    return `${m[0]}${MASKED}${m[m.length - 1]}`;
  });
  // Masks ran in order, not left to right: give each sentinel its text by position.
  const order = [...text.matchAll(new RegExp(MASKED, 'g'))].map((m) => m.index!);
  const valueAt = new Map<number, string>();
  restoreOrder(message, masked, order).forEach((v, i) => valueAt.set(order[i]!, v));
  const tokens: string[] = [];
  const values: (string | null)[] = [];
  let offset = 0;
  for (const part of text.split(SPLIT)) {
    const at = offset;
    offset += part.length;
    if (!part || /^\s+$/.test(part)) continue;
    if (part.includes(MASKED)) {
      let k = at;
      tokens.push(WILDCARD);
      values.push(part.replace(new RegExp(MASKED, 'g'), () => {
        const i = text.indexOf(MASKED, k);
        k = i + 1;
        return valueAt.get(i) ?? '';
      }));
      continue;
    }
    const pieces = /[\u3040-\u30ff\u4e00-\u9fff]/.test(part) ? part.split(SCRIPT_CHANGE) : [part];
    for (const p of pieces) {
      if (!p) continue;
      const variable = /\d/.test(p);
      tokens.push(variable ? WILDCARD : p);
      values.push(variable ? p : null);
    }
  }
  // Adjacent wildcards are one variable written in pieces (e.g. "12 ms", "Jul 17 2005").
  const outT: string[] = [];
  const outV: (string | null)[] = [];
  tokens.forEach((t, i) => {
    if (t === WILDCARD && outT[outT.length - 1] === WILDCARD) outV[outV.length - 1] = `${outV[outV.length - 1]} ${values[i]}`;
    else {
      outT.push(t);
      outV.push(values[i]!);
    }
  });
  return { tokens: outT, values: outV };
}

/** The masked substrings in the order they appear in the message (masks ran pattern by pattern). */
function restoreOrder(message: string, masked: string[], order: number[]): string[] {
  const normalized = normalizeWidth(message);
  const placed = masked.map((m) => ({ m, at: m === '' ? Infinity : normalized.indexOf(m) }));
  let from = 0;
  for (const p of placed) {
    if (p.m === '') continue;
    const i = normalized.indexOf(p.m, from);
    p.at = i >= 0 ? i : p.at;
  }
  return placed.sort((a, b) => a.at - b.at).map((p) => p.m).slice(0, order.length);
}

/** Tokens only (mining, matching). */
export function maskTokens(message: string): string[] {
  return maskWithValues(message).tokens;
}
