const CJK = '\\u3000-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef';
/**
 * The template as people read it: the text stored when it was mined (constants and
 * separators as a member line wrote them, "queue=<*>"), else, for a store mined before
 * that text was kept (it held the tokens joined by spaces), templateText of the tokens.
 */
export function displayTemplate(stored: string | null | undefined, tokensJson: string): string {
  const tokens = JSON.parse(tokensJson) as string[];
  return stored && stored !== tokens.join(' ') ? stored : templateText(tokens);
}

/** Template text for people and embedders: wildcards as <*>, and no spaces inside Japanese runs (split only for mining). */
export const templateText = (tokens: string[]): string =>
  tokens
    .join(' ')
    .replace(/ ([,;:.)\]}、。」）])/g, '$1')
    .replace(/([([{「（]) /g, '$1')
    .replace(new RegExp(`(?<=[${CJK}]) (?=[${CJK}A-Za-z])|(?<=[A-Za-z]) (?=[${CJK}])`, 'gu'), '');
