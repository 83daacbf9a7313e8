import type { MinedTemplate } from './minedTemplate.js';

type Values = MinedTemplate['values'];

/** Distinct values kept per wildcard position: enough to tell a few words from a real variable. */
export const MAX_VALUES = 32;

/**
 * Adds `n` sightings of `word` at a wildcard position. A map that grows past MAX_VALUES is
 * dropped (null: the position varies beyond words); a dropped map stays dropped.
 */
function addCount(values: Values, pos: number, word: string, n: number): void {
  if (!(pos in values)) values[pos] = {};
  const m = values[pos];
  if (!m) return;
  m[word] = (m[word] ?? 0) + n;
  if (Object.keys(m).length > MAX_VALUES) values[pos] = null;
}

/**
 * Counts one value at a wildcard position. null stands for a value the caller did not pass (a
 * number, an address: no word): the position varies beyond words, so its map is dropped as
 * if it had overflowed.
 */
export function note(values: Values, pos: number, value: string | null): void {
  if (value === null) values[pos] = null;
  else addCount(values, pos, value, 1);
}

/** Folds another template's map for a position into `values` (null drops it). */
export function addMap(values: Values, pos: number, map: Record<string, number> | null): void {
  if (map === null) values[pos] = null;
  else for (const [word, n] of Object.entries(map)) addCount(values, pos, word, n);
}
