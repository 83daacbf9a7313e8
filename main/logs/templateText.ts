const CJK = '\\u3000-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef';
/** Template text for people and embedders: wildcards as <*>, and no spaces inside Japanese runs (split only for mining). */
export const templateText = (tokens: string[]): string =>
  tokens
    .join(' ')
    .replace(/ ([,;:.)\]}、。」）])/g, '$1')
    .replace(/([([{「（]) /g, '$1')
    .replace(new RegExp(`(?<=[${CJK}]) (?=[${CJK}A-Za-z])|(?<=[A-Za-z]) (?=[${CJK}])`, 'gu'), '');
