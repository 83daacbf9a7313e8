import type Database from 'better-sqlite3';
import type { ProcessName } from '../api/types.js';
import { defaultEnglishName } from '../api/processEnglish.js';
import { checkedEnglishName, FROM_SETTINGS } from './businessNames.js';
import { SNAPSHOT_PROCESSES } from './progressSnapshots.js';
import { StoreError } from './storeError.js';
import { englishNameTaken, processUnknown } from './storeTexts.js';
import { writeTransaction } from './writeTransaction.js';

/** Width and case folded, as the assistant compares words: "Entry 1" and "ｅｎｔｒｙ 1" are one name. */
const folded = (word: string): string => word.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

/** The English names the manager gave processes in Settings, process → name. */
export function storedProcessNames(db: Database.Database): Map<string, string> {
  const rows = db.prepare('SELECT process_name, name_en FROM process_names WHERE supplied_by = ?').all(FROM_SETTINGS) as {
    process_name: string;
    name_en: string;
  }[];
  return new Map(rows.map((r) => [r.process_name, r.name_en]));
}

/** Every process of the local copy with its English name (the manager's) and the vocabulary's: Settings' list. */
export function listProcessNames(db: Database.Database): ProcessName[] {
  const stored = storedProcessNames(db);
  const processes = (
    db.prepare(`SELECT process_name AS v FROM operator_process_capabilities UNION ${SNAPSHOT_PROCESSES} ORDER BY 1`).all() as {
      v: string;
    }[]
  ).map((r) => r.v);
  return processes.map((process) => ({ process, nameEn: stored.get(process) ?? null, defaultEn: defaultEnglishName(process) }));
}

/**
 * The manager's English name for a process; an empty one removes it (the vocabulary's, or
 * the romanization, is in force again). Refused for a process the local copy does not have,
 * for a name with Japanese in it, and for the English name another process has (its own or
 * the vocabulary's): an English question naming it would mean two processes. Checked and
 * written in one transaction that takes the write lock first.
 */
export function saveProcessName(db: Database.Database, p: { process: string; nameEn: string }, now: number): void {
  const nameEn = checkedEnglishName(p.nameEn);
  writeTransaction(db, () => {
    if (nameEn === '') {
      db.prepare('DELETE FROM process_names WHERE process_name = ? AND supplied_by = ?').run(p.process, FROM_SETTINGS);
      return;
    }
    const all = listProcessNames(db);
    if (!all.some((x) => x.process === p.process)) throw new StoreError('PROCESS_UNKNOWN', processUnknown(p.process));
    const taken = all.find((x) => x.process !== p.process && folded(x.nameEn ?? x.defaultEn ?? '') === folded(nameEn));
    if (taken) throw new StoreError('ENGLISH_NAME_TAKEN', englishNameTaken(nameEn, taken.process));
    db.prepare(
      `INSERT INTO process_names (process_name, supplied_by, name_en, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(process_name, supplied_by) DO UPDATE SET name_en = excluded.name_en, updated_at = excluded.updated_at`,
    ).run(p.process, FROM_SETTINGS, nameEn, now);
  });
}

/**
 * The English name of every process and business word that has one, Japanese name → English:
 * a process's from Settings, else the vocabulary's; a business's (the manager's or the source's)
 * for its name, `<name>業務` and its aliases (`aliases`: word → business id, as the assistant reads them).
 */
export function englishNamesOf(
  db: Database.Database,
  processes: readonly string[],
  aliases: Record<string, string>,
  businessEn: Map<string, string>,
): Record<string, string> {
  const stored = storedProcessNames(db);
  const out: Record<string, string> = {};
  for (const p of processes) {
    const en = stored.get(p) ?? defaultEnglishName(p);
    if (en) out[p] = en;
  }
  for (const [word, id] of Object.entries(aliases)) {
    const en = businessEn.get(id);
    if (en && folded(en) !== folded(word)) out[word] = en;
  }
  return out;
}
