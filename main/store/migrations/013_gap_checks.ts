import type { Migration } from './migration.js';

/**
 * `sync_gaps.checks`: how many later runs read a gap's ids again and still found them
 * missing. A gap is given up only once the look-back has passed since it was first seen
 * and at least two later runs confirmed it (idGaps.ts): the time alone could pass in one
 * step (a laptop asleep for a night, a clock set forward) while the transaction that took
 * the id is still open.
 */
export const gapChecks: Migration = {
  version: 13,
  name: 'gap_checks',
  up: `
    ALTER TABLE sync_gaps ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
  `,
};
