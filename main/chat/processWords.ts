/**
 * English words for the demo's process families (エントリ1 ← "entry 1"): vocabulary, not
 * readings. Readings of every master name (さっぽろ, Sapporo, ほせい) come from the
 * morphological analyzer (nameReadings.ts); companies add their own names through Settings →
 * Business names (businesses, kept in the store) and `placement.aliases` in the config
 * (sites, processes and businesses).
 */
export const PROCESS_WORDS: Record<string, readonly string[]> = {
  エントリ: ['entry', 'data entry', 'えんとり', 'e'],
  // Not "fix" or "correct": a manager's English uses them as verbs ("fix Sapporo's delay"), not for the process.
  // The people who do the work name it too («the most experienced verifier»).
  補正: ['correction', 'corrections', 'corrector', 'correctors', 'ほせい'],
  検証: ['verification', 'verify', 'verifier', 'verifiers', 'checker', 'checkers', 'けんしょう'],
};
