import type { Migration } from './migration.js';

/**
 * The English names the company gives its businesses and processes, for English screens and
 * answers (医療レセプト → "Medical claims"; エントリ1 → "Keying 1"). A business's is kept
 * beside its Japanese name, by the same giver (`supplied_by`: a data source, or `settings`);
 * a process's in its own table, from Settings. A process without one gets the declared
 * vocabulary's (chat/processWords.ts), else its romanization.
 */
export const englishNames: Migration = {
  version: 15,
  name: 'english_names',
  up: `
    ALTER TABLE business_names ADD COLUMN name_en TEXT;
    CREATE TABLE process_names (
      process_name TEXT NOT NULL,
      supplied_by  TEXT NOT NULL,
      name_en      TEXT NOT NULL,
      updated_at   INTEGER NOT NULL,
      PRIMARY KEY (process_name, supplied_by)
    ) WITHOUT ROWID;
  `,
};
