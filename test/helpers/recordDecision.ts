import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { GenbaApp } from '../../main/app.js';
import { DB_FILE } from '../../main/store/openStoreForUse.js';
import { Outbox } from '../../main/store/approvalOutbox.js';
import type { DecisionRecord } from '../../main/store/decisionRecord.js';

/**
 * A decision as the assistant records one (into the outbox, in the store), without going
 * through a proposal: the tests whose subject is delivery. Delivery then starts as it does
 * after an approval.
 */
export function recordDecision(app: GenbaApp, decision: DecisionRecord): void {
  const db = new Database(join(app.dataDir, DB_FILE));
  try {
    db.pragma('busy_timeout = 5000');
    new Outbox(db).record(decision, app.clock.now());
  } finally {
    db.close();
  }
  app.syncService.run('deliver', []).catch(() => {});
}
