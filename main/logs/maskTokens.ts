/**
 * One generic masking and tokenizing configuration for every log source: variables are
 * replaced by `<*>` before templates are mined, so no dataset needs its own regexes.
 */
export const WILDCARD = '<*>';
/** Stands for a masked value while the text is split (the wildcard itself contains split characters). */
const MASKED = '\uE000';
const SENTINELS = new RegExp(MASKED, 'g');

/**
 * A masking instruction: a named shape of variable text. Masks are data, injected into
 * maskWithValues (as Drain3 keeps its masking instructions), so a deployment can add or
 * reorder them without touching the tokenizer.
 */
export interface NamedMask {
  name: string;
  pattern: RegExp;
}

// Order matters: the most specific shapes first (a URL contains a path and a host:port).
export const DEFAULT_MASKS: readonly NamedMask[] = [
  { name: 'url', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi },
  { name: 'email', pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g },
  { name: 'uuid', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  {
    // syslog and ctime dates
    name: 'textual_date',
    pattern:
      /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2},?\s+(?:\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s+\d{4})?\b/g,
  },
  { name: 'date', pattern: /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g },
  { name: 'time', pattern: /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g },
  { name: 'ipv4', pattern: /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g },
  { name: 'ipv6', pattern: /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi },
  { name: 'path', pattern: /(?:[A-Za-z]:)?(?:[\\/][\w.$~@+-]+){2,}[\\/]?/g },
  { name: 'host_port', pattern: /\b[\w-]+(?:\.[\w-]+)+:\d{1,5}\b/g },
  { name: 'hex', pattern: /\b0x[0-9a-f]+\b/gi },
  { name: 'duration', pattern: /\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns|sec|secs|s|min|mins|h|hrs)\b/g },
];

/** Full-width digits and letters (ＡＢＣ１２３) as their ASCII forms, so they mask like any number. */
function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Punctuation that separates fields: each becomes its own token, so values stand alone. */
const SPLIT = /([\s,;=()[\]{}"'|<>]|[、。「」『』（）【】：；，])/u;

/** Japanese runs split where the script changes (kanji / kana / latin / digits). */
const SCRIPT_CHANGE =
  /(?<=\p{Script=Han})(?=[\p{Script=Hiragana}\p{Script=Katakana}A-Za-z0-9])|(?<=[\p{Script=Hiragana}\p{Script=Katakana}])(?=[\p{Script=Han}A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/u;

/**
 * Masks variables and splits a message into tokens, keeping the original text behind each
 * wildcard (parameter extraction). A token still holding a digit after masking is a
 * variable too (counts, ids, sizes): constants rarely contain digits.
 */
export function maskWithValues(message: string, masks: readonly NamedMask[] = DEFAULT_MASKS): { tokens: string[]; values: (string | null)[] } {
  let text = normalizeWidth(message);
  // The masked texts in the order their sentinels stand in `text`, kept in step with every replacement.
  const masked: string[] = [];
  const replace = (re: RegExp, sentinel: (m: string) => string, value: (m: string) => string): void => {
    const before = text;
    let placed = 0;
    let absorbed = 0;
    text = before.replace(re, (m: string, ...rest: unknown[]) => {
      const offset = rest[rest.length - 2] as number;
      const at = countSentinels(before, offset) - absorbed + placed;
      // A shape spanning earlier masks takes their text back into its own value.
      const inside = countSentinels(m, m.length);
      absorbed += inside;
      const taken = masked.splice(at, inside, '');
      let k = 0;
      masked[at] = value(m.replace(SENTINELS, () => taken[k++] ?? ''));
      placed++;
      return sentinel(m);
    });
  };
  // One ordered pass over the named masks: a masked value stays inside its token, and a
  // token holding one is a variable as a whole.
  for (const { pattern } of masks)
    replace(
      pattern,
      () => MASKED,
      (m) => m,
    );
  // An empty bracket pair is a value that happens to be empty, not a different message.
  replace(
    /\(\s*\)|\[\s*\]/g,
    (m) => `${m[0]}${MASKED}${m[m.length - 1]}`,
    () => '',
  );
  let next = 0;
  const tokens: string[] = [];
  const values: (string | null)[] = [];
  for (const part of text.split(SPLIT)) {
    if (!part || /^\s+$/.test(part)) continue;
    if (part.includes(MASKED)) {
      tokens.push(WILDCARD);
      values.push(part.replace(SENTINELS, () => masked[next++] ?? ''));
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

/** How many sentinels stand in `text` before `end`. */
function countSentinels(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(MASKED); i >= 0 && i < end; i = text.indexOf(MASKED, i + 1)) n++;
  return n;
}

/** Tokens only (mining, matching). */
export function maskTokens(message: string): string[] {
  return maskWithValues(message).tokens;
}
