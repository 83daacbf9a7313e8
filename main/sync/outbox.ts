import type Database from 'better-sqlite3';
import { GenbaError } from '../errors.js';
import { Outbox } from '../store/approvalOutbox.js';
import {
  namedDecision,
  UNFORESEEN_DELIVERY_FAILURE,
  type DecisionRecord,
  type DeliveryReport,
  type NamedDecision,
  type PlanAtCompany,
} from '../store/decisionRecord.js';
import { decisionSealer, type DecisionSealer } from '../store/decisionSeal.js';
import type { SyncSource } from './syncSource.js';

/**
 * Sends due decisions. The company table's unique suggestion_id makes a resend after a
 * crash (delivered, but not yet marked here) harmless: it is counted as already there.
 */
export async function deliverDue(outbox: Outbox, source: SyncSource, now: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, alreadyThere: 0, failed: 0, lastError: null, failures: [] };
  if (!source.deliver) return report;
  for (const d of outbox.due(now)) {
    try {
      const { result, plan } = await source.deliver(d);
      outbox.markDelivered(d.suggestion_id, source.id, now, plan);
      if (result === 'inserted') report.delivered++;
      else report.alreadyThere++;
    } catch (error) {
      const message = error instanceof GenbaError ? `${error.code}: ${error.text.en}${error.detail ? ` (${error.detail})` : ''}` : String(error);
      outbox.markFailed(d.suggestion_id, message, now);
      report.failed++;
      report.lastError = message;
      report.failures.push({ suggestionId: d.suggestion_id, reason: error instanceof GenbaError ? error.text : UNFORESEEN_DELIVERY_FAILURE });
    }
  }
  return report;
}

/**
 * The outbox as the deciding services use it: record a decision (inside their own
 * transaction), deliver what is due now, and whether one has arrived. Decisions are written
 * with the status of what they decide and delivered at once; the sync retries what failed.
 */
export function decisionOutbox(
  db: () => Database.Database,
  now: () => number,
  deliverNow: () => Promise<DeliveryReport | null>,
  dataDir: string,
): {
  record: (d: DecisionRecord) => void;
  deliver: () => Promise<DeliveryReport | null>;
  delivered: (id: string) => boolean;
  companyPlan: (id: string) => PlanAtCompany | null;
  held: HeldDecisions;
  /** At start: undelivered decisions are due at once, and those recorded before seals are sealed as this store's. */
  atStart: () => void;
} {
  // This data folder's seal on each decision it records: a restore sends only what the folder made (decisionSeal.ts).
  const sealer = decisionSealer(dataDir);
  return {
    record: (d) => new Outbox(db(), sealer).record(d, now()),
    deliver: deliverNow,
    delivered: (id) => new Outbox(db()).deliveryOf(id)?.deliveredAt != null,
    companyPlan: (id) => new Outbox(db()).deliveryOf(id)?.companyPlan ?? null,
    held: heldDecisions(db, now, sealer),
    atStart: () => {
      const outbox = new Outbox(db(), sealer);
      outbox.retryNow(now());
      outbox.sealUnsealed();
    },
  };
}

/** The decisions a restore held (this data folder did not seal them), as the manager lists and confirms them one by one. */
export interface HeldDecisions {
  list(): NamedDecision[];
  /** Seals one held decision as this store's and makes it due now; null when `id` is not held. */
  confirm(id: string): NamedDecision | null;
  delivered(id: string): boolean;
}

export function heldDecisions(db: () => Database.Database, now: () => number, sealer: DecisionSealer): HeldDecisions {
  return {
    list: () => new Outbox(db(), sealer).held().map(namedDecision),
    confirm(id) {
      const d = new Outbox(db(), sealer).confirm(id, now());
      return d && namedDecision(d);
    },
    delivered: (id) => new Outbox(db()).deliveryOf(id)?.deliveredAt != null,
  };
}
