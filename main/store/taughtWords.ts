import type Database from 'better-sqlite3';
import { MEASURE_IDS, type MeasureId } from '../api/askQuery.js';
import type { TaughtWord } from '../api/taughtWords.js';
import { writeTransaction } from './writeTransaction.js';

/**
 * The one home of taught_words (migration 18): the words a manager taught Genba, in the order taught. How a word is
 * folded and what it may not be are the chat's (chat/wordLessons.ts): the store keeps what it is given.
 */

const isMeasure = (m: string): m is MeasureId => (MEASURE_IDS as readonly string[]).includes(m);

/** Every taught word, in the order taught. A measure this build does not know (a store a newer Genba wrote) is left out. */
export function taughtWords(db: Database.Database): TaughtWord[] {
  const rows = db.prepare('SELECT word, folded, measure FROM taught_words ORDER BY id').all() as { word: string; folded: string; measure: string }[];
  return rows.flatMap((r) => (isMeasure(r.measure) ? [{ word: r.word, folded: r.folded, measure: r.measure }] : []));
}

/** Changes whenever a word is taught, taught again or forgotten (ids are never reused): what a cache of the words is kept under. */
export function taughtWordsKey(db: Database.Database): string {
  const r = db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM taught_words').get() as { n: number; last: number };
  return `${r.n}:${r.last}`;
}

/** Keeps a word; one taught before in the same folded form is replaced (and goes to the end of the order). */
export function saveTaughtWord(db: Database.Database, w: TaughtWord): void {
  writeTransaction(db, () => {
    db.prepare('DELETE FROM taught_words WHERE folded = ?').run(w.folded);
    db.prepare('INSERT INTO taught_words (word, folded, measure) VALUES (?, ?, ?)').run(w.word, w.folded, w.measure);
  });
}

/** Removes the word taught in this folded form; the word removed, or null when none was. */
export function removeTaughtWord(db: Database.Database, folded: string): TaughtWord | null {
  return writeTransaction(db, () => {
    const found = taughtWords(db).find((w) => w.folded === folded) ?? null;
    if (found) db.prepare('DELETE FROM taught_words WHERE folded = ?').run(folded);
    return found;
  });
}
