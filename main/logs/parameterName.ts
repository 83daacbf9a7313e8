/** Tokens that join a name to its value ("queue=59", "user: x", "(queue=59)"). */
const JOINERS = new Set(['=', ':', '(', '[', '"', "'"]);

/**
 * A name for a template's variable, from the text before it: "queue" in "(queue=<*>)",
 * "user" in "user=<*>", "image" in "image <*>". Null when nothing word-like precedes it
 * (a value first in the message, or after another value): the position is shown instead.
 */
export function parameterName(tokens: readonly string[], position: number): string | null {
  let i = position - 1;
  while (i >= 0 && JOINERS.has(tokens[i]!)) i--;
  const word = tokens[i];
  if (word === undefined || word.includes('<*>')) return null;
  const name = word.replace(/[=:]+$/, '');
  return /^[\p{L}_][\p{L}\p{N}_.-]*$/u.test(name) && name.length >= 2 ? name : null;
}
