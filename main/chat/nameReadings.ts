import type Database from 'better-sqlite3';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LatinNames } from '../api/latinNames.js';
import { formsOf, givenNameKnown, JAPANESE, katakanaOf, latinOf, romajiOf } from './nameSpellings.js';

/** kuromoji, loaded when readings are made (once per change of the names), not by every run that only reads them back. */
const kuromoji = (): typeof import('kuromoji') => createRequire(import.meta.url)('kuromoji') as typeof import('kuromoji');

/**
 * Readings of the synced master names, so that さっぽろ, サッポロ, Sapporo and sapporo find
 * 札幌, and たかやまさん or Takayama find 高山 麻由子. Word boundaries and readings come from
 * a morphological analyzer that ships its dictionary (kuromoji with IPADIC), kana and
 * romaji from wanakana: no hand-written reading list. A reading is the analyzer's guess of
 * the usual one (陽菜 may be read ひさい, not ひな); the configured aliases add the others.
 */

/** The names to read: sites, processes, business names and aliases, operators ("family given"). */
export interface NamesToRead {
  sites: readonly string[];
  processes: readonly string[];
  businesses: readonly string[];
  operators: readonly string[];
  /** English names, Japanese name → English (the company's from Settings, else the process vocabulary's): written instead of the romanization, and read. */
  english?: Readonly<Record<string, string>>;
}

/**
 * A name's readings: hiragana, katakana and Hepburn romaji, the latter with long vowels
 * spelled out (oosaka, toukyou) and without them (osaka, tokyo). An operator's full name
 * also in both orders (takayama mayuko, mayuko takayama), and the family and given names
 * separately.
 */
export interface NameReading {
  forms: string[];
  /** The name in Latin letters for English screens, word by word and capitalized (札幌第2センター → Sapporo Dai 2 Senta). */
  latin?: string;
  family?: string[];
  given?: string[];
}

/** Name → its readings; a name the analyzer cannot read (a kanji it does not know) has none. */
export type NameReadings = Record<string, NameReading>;

/** Where the readings are kept: one row, for the names they were made from (a hash of them). */
export const NAME_READINGS_KEY = 'name_readings';
/** Raised when the way readings are made changes, so that stored ones are made again. */
const READINGS_VERSION = 3;

/** Kana readings shorter than this match inside ordinary words (なは in 大丈夫なはず): not used on their own. */
const MIN_KANA = 3;
/** Romaji readings shorter than this are too likely to be some other word. */
const MIN_ROMAJI = 3;
/** A family name read in kana is an operator only before an honorific: たかやまさん, もりさん. */
export const HONORIFIC_AFTER = /^(さん|さま|様|氏|くん|君|ちゃん)/;

/** The hash the readings are kept under: the names, each kind sorted, and the way they are read. */
export function nameReadingsKey(names: NamesToRead): string {
  const sorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
  const others = sorted([...names.sites, ...names.processes, ...names.businesses]);
  return createHash('sha256')
    .update(JSON.stringify([READINGS_VERSION, others, sorted(names.operators), Object.entries(names.english ?? {}).sort()]))
    .digest('hex')
    .slice(0, 32);
}

/** kuromoji's IPADIC folder, next to its package: node_modules in development and in the CLI, inside app.asar in the packaged app. */
export function kuromojiDictPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
}

type Log = { warn(message: string, detail?: string): void };

/** The tokenizer while one is built or used; released afterwards (its dictionary is tens of MB), and built again when names change. */
let building: Promise<Tokenizer<IpadicFeatures> | null> | null = null;
/** The dictionary could not be loaded: no readings for this run, said once. */
let dictionaryFailed = false;
/** The readings last made or read, by their key: a question never parses them again. */
let memo: { key: string; readings: NameReadings } | null = null;
/** Readings being made, by key: one computation however many callers wait for it. */
const inFlight = new Map<string, Promise<NameReadings>>();

function buildTokenizer(log?: Log): Promise<Tokenizer<IpadicFeatures> | null> {
  return new Promise((resolve) => {
    try {
      kuromoji()
        .builder({ dicPath: kuromojiDictPath() })
        .build((error, tokenizer) => {
          if (error) {
            dictionaryFailed = true;
            log?.warn('name readings unavailable: the kuromoji dictionary could not be loaded', String(error));
            resolve(null);
          } else resolve(tokenizer);
        });
    } catch (error) {
      dictionaryFailed = true;
      log?.warn('name readings unavailable: the kuromoji dictionary could not be loaded', String(error));
      resolve(null);
    }
  });
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();
/** The forms, once each, without the name itself. */
const unique = (name: string, xs: string[]): string[] => [...new Set(xs)].filter((x) => x.length > 0 && fold(x) !== fold(name));

/** The readings of every name, with one tokenizer. Pure: the same names give the same readings. */
export function readNames(tokenizer: Tokenizer<IpadicFeatures>, names: NamesToRead): NameReadings {
  const out: NameReadings = {};
  /** Every form of one word or name read whole. */
  const whole = (name: string, oneWord = false): string[] => {
    const k = katakanaOf(tokenizer, name, oneWord);
    if (k === null) return [];
    const f = formsOf(k);
    return unique(name, [...f.kana, ...f.romaji]);
  };
  for (const name of new Set([...names.sites, ...names.processes, ...names.businesses])) {
    // An English name is the name's Latin form ("Medical claims", not "Iryo Reseputo"), and a way an English question names it.
    const english = names.english?.[name];
    const forms = english ? [...whole(name), english.toLowerCase()] : whole(name);
    const latin = english ?? latinOf(tokenizer, name);
    if (forms.length > 0 || latin) out[name] = { forms, ...(latin ? { latin } : {}) };
  }
  for (const name of new Set(names.operators)) {
    const [family, ...rest] = name.trim().split(/\s+/);
    const given = rest.join('');
    if (!family) continue;
    if (!given) {
      const forms = whole(family, true);
      const latin = latinOf(tokenizer, family, true);
      if (forms.length > 0 || latin) out[name] = { forms, ...(latin ? { latin } : {}) };
      continue;
    }
    const fk = katakanaOf(tokenizer, family, true);
    // A given name the dictionary only guesses (純一 read ジュンイツ) has no reading: written as the company wrote it, found by the family name.
    const knownGiven = givenNameKnown(tokenizer, given);
    const gk = knownGiven ? katakanaOf(tokenizer, given, true) : null;
    const forms: string[] = [];
    if (fk !== null && gk !== null) {
      forms.push(...formsOf(fk + gk).kana);
      // Romaji in both orders, a space between: "takayama mayuko", "mayuko takayama" (and without long vowels).
      for (const a of romajiOf(fk)) for (const b of romajiOf(gk)) forms.push(`${a} ${b}`, `${b} ${a}`);
    }
    // Family name first, as Japanese names are written in English today (Takayama Mayuko).
    // Each part read whole, as for the forms: a given name the analyzer cuts in pieces (陽菜 → ひ + さい) is not guessed.
    // A given name only guessed stays as written beside the family name in romaji (Yamazaki 純一).
    const inLatin = (part: string, known: boolean): string | null => (!JAPANESE.test(part) || !known ? part : latinOf(tokenizer, part, true));
    const latinParts = [inLatin(family, true), inLatin(given, knownGiven)];
    const latin = latinParts.every((x) => x !== null) && latinParts.join(' ') !== name ? latinParts.join(' ') : null;
    const reading = { forms: unique(name, forms), family: whole(family, true), given: knownGiven ? whole(given, true) : [], ...(latin ? { latin } : {}) };
    if (reading.forms.length + reading.family.length + reading.given.length > 0) out[name] = reading;
  }
  return out;
}

/** The names that have a Latin form, name → that form (api/latinNames.ts). */
export function latinNamesOf(readings: NameReadings): LatinNames {
  const out: Record<string, string> = {};
  for (const [name, r] of Object.entries(readings)) if (r.latin) out[name] = r.latin;
  return out;
}

const isKanaForm = (form: string): boolean => /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(form);

/** The forms of a name worth matching in a request: kana of three characters or more, romaji of three letters or more. */
export function readingForms(r: NameReading | undefined): string[] {
  return (r?.forms ?? []).filter((f) => (isKanaForm(f) ? [...f].length >= MIN_KANA : f.length >= MIN_ROMAJI));
}

/**
 * A family name's forms: romaji of three letters or more, found as a word of its own
 * ("Takayama"); kana, followed by an honorific (`HONORIFIC_AFTER`: たかやまさん), so that
 * もり is not found in 見積もり.
 */
export function familyForms(r: NameReading | undefined): { form: string; honorific: boolean }[] {
  const out: { form: string; honorific: boolean }[] = [];
  for (const f of r?.family ?? []) {
    if (isKanaForm(f) ? [...f].length >= 2 : f.length >= MIN_ROMAJI) out.push({ form: f, honorific: isKanaForm(f) });
  }
  return out;
}

function storedReadings(db: Database.Database, key: string): NameReadings | null {
  try {
    const row = db.prepare(`SELECT value FROM meta WHERE key = ? AND json_extract(value, '$.key') = ?`).get(NAME_READINGS_KEY, key) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { readings: NameReadings }).readings : null;
  } catch {
    return null;
  }
}

/** Whether this store's `meta` holds the readings of these names (a read-only store never does; it has them in memory). */
export const nameReadingsKept = (db: Database.Database, names: NamesToRead): boolean => db.readonly || readingsStored(db, nameReadingsKey(names));

/** Whether `meta` holds the readings made under `key`, without reading them back (they are tens of kilobytes). */
function readingsStored(db: Database.Database, key: string): boolean {
  try {
    return db.prepare(`SELECT 1 FROM meta WHERE key = ? AND json_extract(value, '$.key') = ?`).get(NAME_READINGS_KEY, key) !== undefined;
  } catch {
    return false;
  }
}

/** Keeps the readings in the store's `meta` (not a read-only or closed store: those have them in memory for the run). */
function keepReadings(db: Database.Database, key: string, readings: NameReadings, log?: Log): void {
  if (!db.open || db.readonly) return;
  try {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      NAME_READINGS_KEY,
      JSON.stringify({ key, readings }),
    );
  } catch (error) {
    log?.warn('name readings not kept in the store', String(error));
  }
}

/**
 * The readings of these names as they were last made: from memory, else from the store's
 * `meta`; {} when they have not been made yet (prepareNameReadings makes them). Synchronous
 * and cheap: the assistant calls it when it reads the names.
 */
export function cachedNameReadings(db: Database.Database, names: NamesToRead): NameReadings {
  const key = nameReadingsKey(names);
  if (memo?.key === key) return memo.readings;
  const stored = storedReadings(db, key);
  if (stored === null) return {};
  memo = { key, readings: stored };
  return stored;
}

/**
 * The readings last made, whatever names they were made for ({} when none yet): how the sites
 * and processes are read, for checking a business's new name before the readings of the
 * names with it are made (a change of the names changes their key, not the sites' readings).
 */
export function lastNameReadings(db: Database.Database): NameReadings {
  if (memo) return memo.readings;
  try {
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(NAME_READINGS_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { readings: NameReadings }).readings : {};
  } catch {
    return {};
  }
}

/**
 * The readings of these names, made now (the tokenizer built for them, then released),
 * kept nowhere: for names that are not a store's (the demo company's in the benches).
 */
export async function makeNameReadings(names: NamesToRead, log?: Log): Promise<NameReadings> {
  if (dictionaryFailed) return {};
  building ??= buildTokenizer(log);
  try {
    const tokenizer = await building;
    return tokenizer === null ? {} : readNames(tokenizer, names);
  } catch (error) {
    log?.warn('name readings not made', String(error));
    return {};
  } finally {
    if (inFlight.size === 0) building = null;
  }
}

/**
 * Makes the readings of these names once per change of the names: builds the tokenizer
 * (about a second), reads every name, and keeps the result in `meta` under a hash of the
 * names, so that later runs and questions only read it back. A store opened read-only gets
 * them made, kept in memory for this run only. When the dictionary cannot be loaded, there
 * are no readings ({}), said once in the log: a question is never failed for them.
 */
export async function prepareNameReadings(db: Database.Database, names: NamesToRead, log?: Log): Promise<NameReadings> {
  cachedNameReadings(db, names); // from this store's meta, where they were kept before
  const key = nameReadingsKey(names);
  if (memo?.key === key) {
    // Made for another store of this process (the same names): kept in this one too, so that its next run reads them back.
    if (!readingsStored(db, key)) keepReadings(db, key, memo.readings, log);
    return memo.readings;
  }
  if (dictionaryFailed || names.sites.length + names.processes.length + names.businesses.length + names.operators.length === 0) return {};
  const running = inFlight.get(key);
  if (running) return running;
  const made = (async (): Promise<NameReadings> => {
    building ??= buildTokenizer(log);
    const tokenizer = await building;
    if (tokenizer === null) return {};
    let readings: NameReadings;
    try {
      readings = readNames(tokenizer, names);
    } catch (error) {
      log?.warn('name readings not made', String(error));
      return {};
    }
    memo = { key, readings };
    keepReadings(db, key, readings, log);
    return readings;
  })();
  inFlight.set(key, made);
  try {
    return await made;
  } finally {
    inFlight.delete(key);
    if (inFlight.size === 0) building = null;
  }
}
