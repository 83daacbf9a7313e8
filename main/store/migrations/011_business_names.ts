import type { Migration } from './migration.js';

/**
 * What people call each business (the company's tables hold only its id, 523201): a name
 * shown on the screens and the aliases the assistant understands.
 *
 * `supplied_by`: who gave the name. A data source's id (`demo:20251023`: the demo company
 * writes its own) counts only while the local copy comes from that source, so another
 * company never inherits the demo's names; `settings`: the manager, in Settings, which
 * wins over a source's name for the same business and outlives a change of source.
 * `aliases`: a JSON array of other names.
 */
export const businessNames: Migration = {
  version: 11,
  name: 'business_names',
  up: `
    CREATE TABLE business_names (
      business_id TEXT NOT NULL,
      supplied_by TEXT NOT NULL,
      name        TEXT NOT NULL,
      aliases     TEXT NOT NULL DEFAULT '[]',
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (business_id, supplied_by)
    ) WITHOUT ROWID;
  `,
};
