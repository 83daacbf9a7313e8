import { isWordValue, normalizeWidth, WILDCARD } from './maskTokens.js';
import type { MinedTemplate } from './minedTemplate.js';

/** Characters that separate a variable from its neighbours: kept around `<*>` as the message wrote them. */
const SEPARATOR = /[\s,;=()[\]{}"'|<>:、。「」『』（）【】：；，]/u;

/**
 * A template as the message wrote it: the constants and the separators between them are
 * taken from a member message, each variable is `<*>`. "uid=<*> euid=<*>" reads as the log
 * did, where joining the mined tokens would give "uid = <*> euid = <*>". Falls back to the
 * tokens joined by spaces when the sample does not hold the constants in order.
 */
export function renderTemplate(tokens: readonly string[], sample: string, seen?: { count: number; values: MinedTemplate['values'] }): string {
  if (seen) tokens = tokens.map((t, pos) => (t === WILDCARD ? (constantOf(seen.values[pos], seen.count) ?? t) : t));
  const text = normalizeWidth(sample);
  let out = '';
  let cursor = 0;
  let pending = false;
  const flushVariable = (between: string): void => {
    // The variable sits inside `between`, after the separators that lead to it and before those that follow.
    let a = 0;
    while (a < between.length && SEPARATOR.test(between[a]!)) a++;
    let b = between.length;
    while (b > a && SEPARATOR.test(between[b - 1]!)) b--;
    out += a === b ? between : `${between.slice(0, a)}${WILDCARD}${between.slice(b)}`;
  };
  for (const token of tokens) {
    if (token === WILDCARD) {
      pending = true;
      continue;
    }
    const at = findToken(text, token, cursor);
    if (at < 0) return tokens.join(' ');
    const between = text.slice(cursor, at);
    if (pending) flushVariable(between);
    else if (/^\s*$/.test(between) || [...between].every((c) => SEPARATOR.test(c))) out += between;
    // Text between two constants that is not a separator: a variable the tokens merged away.
    else flushVariable(between);
    out += token;
    cursor = at + token.length;
    pending = false;
  }
  const rest = text.slice(cursor);
  if (pending) flushVariable(rest);
  else out += /^\s*$/.test(rest) ? '' : rest;
  return out.trim();
}

const WORD_CHAR = /[A-Za-z0-9_]/;

/** Where `token` stands as a whole token from `from` on: not inside a longer word ("service" in "myservice"). */
function findToken(text: string, token: string, from: number): number {
  for (let at = text.indexOf(token, from); at >= 0; at = text.indexOf(token, at + 1)) {
    const before = text[at - 1];
    const after = text[at + token.length];
    const glued = (edge: string | undefined, inner: string): boolean => edge !== undefined && WORD_CHAR.test(edge) && WORD_CHAR.test(inner);
    if (!glued(before, token[0]!) && !glued(after, token[token.length - 1]!)) return at;
  }
  return -1;
}

/**
 * A wildcard that held one and the same word in every member (two at least) is shown as that word: mining
 * treats any token with a digit as variable ("ssh2", "jk2_init"), which keeps grouping
 * stable, but a reader sees the word. Numbers, ids (three digits or more), paths, URLs and
 * addresses stay variables even when a sample happens to repeat one.
 */
function constantOf(values: Record<string, number> | null | undefined, count: number): string | null {
  if (!values || count < 2) return null;
  const keys = Object.keys(values);
  // Maps keep every value until they overflow (null): one key means one value throughout.
  if (keys.length !== 1) return null;
  return isWordValue(keys[0]!) ? keys[0]! : null;
}
