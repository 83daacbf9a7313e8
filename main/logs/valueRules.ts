/**
 * The rules by which the tokenizer reads a value that is no single number: an id with no digit (mixedCaseIds) and the
 * masks of a value written over several tokens or without a digit (defaultMasks.ts: bound, grouped_number,
 * quoted_phrase, file_name, ipv6_endpoint, size). Each can be switched off (MinerOptions.valuesOff), so the bench shows
 * what each does on every system (`npm run bench`, section parse).
 */
export const VALUE_RULES = ['mixedCaseIds', 'bound', 'grouped_number', 'quoted_phrase', 'file_name', 'ipv6_endpoint', 'size'] as const;
export type ValueRule = (typeof VALUE_RULES)[number];

/**
 * mixedCaseIds: letters whose case changes as no word's does. A name written in camelCase or PascalCase changes case
 * where a word starts, and its words have two letters or more: `setSystemUiVisibility`, `podUID`, `PostgreSQL`,
 * `HTTPServer`. A random id of letters (`aGrWoBJBPy`, a base62 or url-safe token that happens to hold no digit) soon
 * has two words of one or two letters in a row (`GrWoB`), or one or two capitals alone between small letters
 * (`aGRw`, `zQBd`): read as a value. Written for every engine alike (RE2, JavaScript, ICU, PCRE), without look-around;
 * it needs case-sensitive matching, which the SQL builders ask for. An id of one case only (`vvcvpqso`) cannot be
 * told from a word by its letters and stays a word; the miner still reads it as a value where it varies.
 */
export const MIXED_CASE_SOURCE = '[A-Z][a-z][A-Z][a-z]?[A-Z]|[a-z][A-Z]{2,3}[a-z]';
