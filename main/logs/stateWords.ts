/** Most words a position may hold and still be read as an event's states (more are a vocabulary of names). */
const MAX_STATE_WORDS = 8;
/**
 * Lines per word the position must have held on average: a position seen only once or twice a
 * word says little. Not each word: a rare state is still a state (a VM that Crashed twice).
 */
const MIN_STATE_LINES = 3;
/** A verb form: what happened (Started, FAILED, DRAINING), the way a log line reports an event's outcome. */
const VERB_FORM = /(?:ed|ing)$/i;
/** Quote marks: a quoted word is a literal value (an SQL string, a tag), whatever it says. */
const QUOTE = /^["'`]$/;

/**
 * Rule `stateWords` (issue 42): the words at a wildcard position are an event's states, to be
 * split into one template each, when the position holds a few plain words (more than wordSplit's
 * `maxWordConstants`, up to MAX_STATE_WORDS), on MIN_STATE_LINES lines a word on average, outside
 * quotes, and at least one of them is a verb form ending in -ed or -ing: a position whose words
 * say what happened ("VM Started / Stopped / Paused / Resumed", "state changed to IDLE /
 * ALLOCATED / DRAINING / DOWN", "status COMPLETED / FAILED / STOPPED") holds the outcome, which is
 * the event. Few-valued names are not verb forms (database and user names, HTTP methods,
 * currencies, lock modes, query types) and stay a variable, as does a quoted literal.
 * `words`: the position's words and their line counts; `before`/`after`: its neighbouring tokens.
 */
export function areStateWords(words: Readonly<Record<string, number>>, before: string | undefined, after: string | undefined): boolean {
  const list = Object.keys(words);
  if (list.length > MAX_STATE_WORDS) return false;
  if ((before !== undefined && QUOTE.test(before)) || (after !== undefined && QUOTE.test(after))) return false;
  const lines = list.reduce((n, w) => n + words[w]!, 0);
  return lines >= MIN_STATE_LINES * list.length && list.some((w) => VERB_FORM.test(w));
}
