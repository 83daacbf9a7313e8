import { ASCII_SEPARATOR } from './maskTokens.js';
import { MIXED_CASE_SOURCE } from './valueRules.js';

/**
 * A run of ASCII token characters that is one value: it holds a digit, or (mixedCaseIds) letters in no word's case.
 * As a regular expression every engine reads alike (RE2, JavaScript, MySQL's ICU, MariaDB's PCRE: each character
 * written \xHH). The miner reads such a token as a value (maskTokens.ts, addPart), so a log store may group two
 * messages that differ only in such runs: a count, a hex id, a UUID's parts, a base64 token are one value each,
 * however their letters and lengths vary. A colon ends a run: a key written onto its value ("CurrentState:112")
 * keeps its key, as the miner keeps it. Non-ASCII ends a run too: the miner splits 「330行」 where the script changes.
 */
export const VALUE_RUN_SOURCE = ((): string => {
  const chars = Array.from({ length: 128 }, (_, c) => c).filter((c) => c > 32 && c < 127 && ASCII_SEPARATOR[c] === 0 && c !== 0x3a);
  const cls = `[${chars.map((c) => `\\x${c.toString(16).padStart(2, '0')}`).join('')}]`;
  return `${cls}*(?:[0-9]|${MIXED_CASE_SOURCE})${cls}*`;
})();
