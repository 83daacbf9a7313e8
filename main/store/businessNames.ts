import type Database from 'better-sqlite3';
import type { Localized } from '../api/localized.js';
import type { BusinessName } from '../api/types.js';
import { SNAPSHOTS, snapshotBusinesses } from './progressSnapshots.js';
import { SyncState } from './syncState.js';
import { StoreError } from './storeError.js';
import { businessNameTaken, businessUnknown, englishNameInvalid } from './storeTexts.js';
import { writeTransaction } from './writeTransaction.js';

/** A business with a name in force. */
export type NamedBusiness = BusinessName & { name: string };

/** `supplied_by` of a name the manager entered in Settings (see migration 011). */
export const FROM_SETTINGS = 'settings';

interface Row {
  business_id: string;
  supplied_by: string;
  name: string;
  aliases: string;
  name_en: string | null;
}

/** Japanese script: not an English name. */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;

/** An English name as kept: trimmed, empty for none; refused when it is not in Latin letters or too long. */
export function checkedEnglishName(word: string | undefined): string {
  const name = (word ?? '').trim().replace(/\s+/g, ' ');
  if (JAPANESE.test(name) || name.length > 50) throw new StoreError('ENGLISH_NAME_INVALID', englishNameInvalid(name));
  return name;
}

const syncStates = new WeakMap<Database.Database, SyncState>();

/** The data source the local copy of the progress comes from; its names are the ones that count. */
function currentSourceId(db: Database.Database): string | null {
  let state = syncStates.get(db);
  if (!state) syncStates.set(db, (state = new SyncState(db)));
  return state.position(SNAPSHOTS.table)?.sourceId ?? null;
}

/** How the assistant compares words (width and case folded), so two names that read alike clash here too. */
const folded = (word: string): string => word.normalize('NFKC').toLowerCase();

/**
 * The names in force, one per business: the manager's from Settings, else the one the
 * current data source supplied. Names another source supplied (the demo company's, once the
 * company's own database is the source) are kept but do not count.
 */
export function storedBusinessNames(db: Database.Database): NamedBusiness[] {
  const source = currentSourceId(db);
  const rows = db
    .prepare('SELECT business_id, supplied_by, name, aliases, name_en FROM business_names WHERE supplied_by IN (?, ?) ORDER BY business_id')
    .all(FROM_SETTINGS, source ?? FROM_SETTINGS) as Row[];
  const byId = new Map<string, NamedBusiness>();
  for (const r of rows) {
    const fromSettings = r.supplied_by === FROM_SETTINGS;
    const held = byId.get(r.business_id);
    // The English name is in force on its own: the manager's Japanese name keeps the source's English one until the manager gives another.
    if (held?.from === 'settings' && !fromSettings) {
      held.nameEn ??= r.name_en;
      continue;
    }
    const nameEn = r.name_en ?? (held?.nameEn || null);
    byId.set(r.business_id, {
      id: r.business_id,
      name: r.name,
      aliases: JSON.parse(r.aliases) as string[],
      nameEn,
      from: fromSettings ? 'settings' : 'source',
    });
  }
  return [...byId.values()];
}

/** Every business of the local copy, with the name in force for it (or none): Settings' list. */
export function listBusinessNames(db: Database.Database): BusinessName[] {
  const named = new Map<string, BusinessName>(storedBusinessNames(db).map((b) => [b.id, b]));
  for (const id of snapshotBusinesses(db)) if (!named.has(id)) named.set(id, { id, name: null, aliases: [], nameEn: null, from: null });
  return [...named.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * What else the reader of the names (the assistant) would take a business's words for: a site, a process, another
 * business's id …, as it compares words; the refusal, or null. The store does not know how a request is read.
 */
export type NameClash = (name: string, aliases: readonly string[]) => Localized | null;

/**
 * The manager's name and aliases for a business, over the source's. An empty name removes
 * the manager's entry: the source's name, if any, is in force again. Refused for a business
 * the local copy does not have, for a name or alias another business already answers
 * to (the assistant would otherwise read 「SSの締切」 as whichever business came last), and
 * for what `clash` refuses.
 *
 * The check and the write are one transaction that takes the write lock first (BEGIN
 * IMMEDIATE): two processes saving one name for two businesses are serialized, and the second
 * checks against the first's name. Checked and then written apart, both passed the check.
 */
export function saveBusinessName(
  db: Database.Database,
  b: { id: string; name: string; aliases: string[]; nameEn?: string },
  now: number,
  clash?: NameClash,
): void {
  const nameEn = checkedEnglishName(b.nameEn);
  writeTransaction(db, () => {
    if (b.name.trim() === '') {
      db.prepare('DELETE FROM business_names WHERE business_id = ? AND supplied_by = ?').run(b.id, FROM_SETTINGS);
      return;
    }
    if (!listBusinessNames(db).some((x) => x.id === b.id)) throw new StoreError('BUSINESS_UNKNOWN', businessUnknown(b.id));
    const name = b.name.trim();
    const aliases = [...new Set(b.aliases.map((a) => a.trim()).filter((a) => a !== '' && a !== name))];
    const others = storedBusinessNames(db).filter((x) => x.id !== b.id);
    for (const word of [name, ...aliases, ...(nameEn ? [nameEn] : [])]) {
      const taken = others.find((x) => [x.name, ...x.aliases, ...(x.nameEn ? [x.nameEn] : [])].some((w) => folded(w) === folded(word)));
      if (taken) throw new StoreError('BUSINESS_NAME_TAKEN', businessNameTaken(word, taken.name));
    }
    const refused = clash?.(name, nameEn ? [...aliases, nameEn] : aliases);
    if (refused) throw new StoreError('BUSINESS_NAME_TAKEN', refused);
    db.prepare(
      `INSERT INTO business_names (business_id, supplied_by, name, aliases, name_en, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(business_id, supplied_by) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, name_en = excluded.name_en,
         updated_at = excluded.updated_at`,
    ).run(b.id, FROM_SETTINGS, name, JSON.stringify(aliases), nameEn || null, now);
  });
}

/**
 * Replaces what a data source says its businesses are called (today only the demo company:
 * the company schema has no table of names). Returns whether anything was written.
 */
export function replaceSourceBusinessNames(
  db: Database.Database,
  sourceId: string,
  names: readonly { id: string; name: string; aliases: readonly string[]; nameEn?: string }[],
  now: number,
): boolean {
  // Written at every start by the demo: a store that already holds these names is not
  // written to, so a start on a full disk or beside another process's sync writes nothing.
  const held = db.prepare('SELECT business_id, name, aliases, name_en FROM business_names WHERE supplied_by = ? ORDER BY business_id').all(sourceId) as {
    business_id: string;
    name: string;
    aliases: string;
    name_en: string | null;
  }[];
  const wanted = [...names].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const same =
    held.length === wanted.length &&
    held.every(
      (h, i) =>
        h.business_id === wanted[i]!.id &&
        h.name === wanted[i]!.name &&
        h.aliases === JSON.stringify(wanted[i]!.aliases) &&
        h.name_en === (wanted[i]!.nameEn ?? null),
    );
  if (same) return false;
  const insert = db.prepare('INSERT INTO business_names (business_id, supplied_by, name, aliases, name_en, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  writeTransaction(db, () => {
    db.prepare('DELETE FROM business_names WHERE supplied_by = ?').run(sourceId);
    for (const b of names) insert.run(b.id, sourceId, b.name, JSON.stringify(b.aliases), b.nameEn ?? null, now);
  });
  return true;
}
