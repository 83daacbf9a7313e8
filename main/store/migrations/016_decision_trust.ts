import type { Migration } from './migration.js';

/**
 * What the company did with a delivered plan, and which undelivered decisions this store may send.
 *
 * `company_plan`: for an approved plan, once delivered, PlanAtCompany as JSON (kept as the day's
 * plan, the plans it replaced, or the later plan the company kept instead), so that the app and
 * the CLI tell the manager what the company did, not what the laptop assumed.
 * `seal`: the decision's HMAC under this data folder's own key (decisionSeal.ts), kept outside
 * the store file and so outside its backups: a restored file's decision is this store's only if
 * its seal holds.
 * `held_reason`: set when a restore brought a decision this store cannot vouch for; it is not
 * delivered until the manager confirms it by name (`genba decisions confirm <id>`).
 */
export const decisionTrust: Migration = {
  version: 16,
  name: 'decision_trust',
  up: `
    ALTER TABLE approval_outbox ADD COLUMN company_plan TEXT;
    ALTER TABLE approval_outbox ADD COLUMN seal TEXT;
    ALTER TABLE approval_outbox ADD COLUMN held_reason TEXT;
  `,
};
