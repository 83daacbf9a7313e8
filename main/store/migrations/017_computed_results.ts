import type { Migration } from './migration.js';

/**
 * Results Genba computed from the store and may give again while what they were computed from is unchanged: a
 * forecast, a plan's solution (computedResults.ts). `inputs` is a hash of everything the result is made from, the build
 * of Genba included, so that a changed row, setting or program computes afresh; the row is a copy, never the record
 * (plans and decisions keep their own tables).
 */
export const computedResults: Migration = {
  version: 17,
  name: 'computed_results',
  up: `
    CREATE TABLE computed_results (
      kind TEXT NOT NULL,
      inputs TEXT NOT NULL,
      result TEXT NOT NULL,
      made_seq INTEGER NOT NULL,
      PRIMARY KEY (kind, inputs)
    );
  `,
};
