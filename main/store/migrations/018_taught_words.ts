import type { Migration } from './migration.js';

/**
 * The words a manager taught Genba for the company (「物量は到着件数のこと」): the word as written, its folded form
 * (one row per form: teaching it again replaces it) and the measure it means. `id` is the order they were taught in,
 * the order they are listed and read in (a new row's rowid is one above the largest: no AUTOINCREMENT, whose
 * sqlite_sequence table a store of an earlier format never had); no time is kept, so nothing read from them depends on the clock.
 * store/taughtWords.ts is the table's one home.
 */
export const taughtWords: Migration = {
  version: 18,
  name: 'taught_words',
  up: `
    CREATE TABLE taught_words (
      id      INTEGER PRIMARY KEY,
      word    TEXT NOT NULL,
      folded  TEXT NOT NULL UNIQUE,
      measure TEXT NOT NULL
    );
  `,
};
