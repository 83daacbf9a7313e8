import type Database from 'better-sqlite3';
import type { Localized } from '../api/localized.js';
import { storedBusinessNames } from '../store/businessNames.js';
import { businessNameTaken } from '../store/storeTexts.js';
import { businessAliases } from './businessAliases.js';
import { nameConfigured, nameOfPlace, nameWithBusinessId } from './businessNameTexts.js';
import { loadMasterNames, normalizeText } from './masterNames.js';
import { lastNameReadings, readingForms } from './nameReadings.js';

/**
 * A word as the chat compares it (normalizeText: width, case, spaces, the long vowel before a
 * number, the process words), with katakana as hiragana: a kana word reads the same in either
 * script, and the readings the chat matches on hold both.
 */
export const wordKey = (word: string): string => normalizeText(word).replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/**
 * Why a business's words (its name, 「<name>業務」 and its aliases, as the chat reads them)
 * would be read as something else, or null: a site's or a process's name or reading, a word
 * holding another business's id, or another business's name or alias (with their readings),
 * or an alias configured for anything else. Such a name took questions over: a business named
 * 札幌 made 「札幌のエントリ1工程が遅延しています」 about that business, one named 523201 made
 * 「業務523201の残件は？」 about itself. A business keeping its own words is no clash.
 *
 * `aliases`: every word the chat reads as a business, site or process, and its target
 * (businessAliases: the names in force and placement.aliases). Read inside the save's
 * transaction, so the names are the ones the save will stand beside.
 */
export function businessNameClash(
  db: Database.Database,
  b: { id: string; name: string; aliases: readonly string[] },
  aliases: Record<string, string>,
): Localized | null {
  const masters = loadMasterNames(db);
  const readings = lastNameReadings(db);
  const formsOf = (name: string): string[] => [name, ...readingForms(readings[name])];
  const names = new Map(storedBusinessNames(db).map((x) => [x.id, x.name]));
  const sites = new Set(masters.sites);
  const processes = new Set(masters.processes);
  // Every form the chat reads as something other than this business, and what to say when a word meets it.
  const claimed = new Map<string, (word: string) => Localized>();
  const claim = (forms: readonly string[], why: (word: string) => Localized): void => {
    for (const f of forms) if (!claimed.has(wordKey(f)) && wordKey(f) !== '') claimed.set(wordKey(f), why);
  };
  for (const s of masters.sites) claim(formsOf(s), (w) => nameOfPlace(w, 'site', s));
  for (const p of masters.processes) claim(formsOf(p), (w) => nameOfPlace(w, 'process', p));
  for (const [alias, target] of Object.entries(aliases)) {
    if (target === b.id) continue;
    if (sites.has(target)) claim(formsOf(alias), (w) => nameOfPlace(w, 'site', target));
    else if (processes.has(target)) claim(formsOf(alias), (w) => nameOfPlace(w, 'process', target));
    else if (names.has(target) || masters.businessIds.includes(target))
      claim(formsOf(alias), (w) => businessNameTaken(w, names.get(target) ?? `業務${target}`));
    else claim(formsOf(alias), (w) => nameConfigured(w, target));
  }
  // An id stands in a word as a number of its own (業務523201, not 5232011).
  const ids = masters.businessIds.filter((id) => id !== b.id).map((id) => ({ id, key: wordKey(id) }));
  const holdsId = (key: string, id: string): boolean => key === id || (/^\d+$/.test(id) && new RegExp(`(?<!\\d)${id}(?!\\d)`).test(key));
  for (const word of Object.keys(businessAliases([{ id: b.id, name: b.name, aliases: [...b.aliases], from: 'settings' }], {}, { shortForms: false }))) {
    const key = wordKey(word);
    const why = claimed.get(key);
    if (why) return why(word);
    const id = ids.find((x) => holdsId(key, x.key));
    if (id) return nameWithBusinessId(word, id.id);
  }
  return null;
}
