import type Database from 'better-sqlite3';
import { GenbaError } from '../errors.js';
import {
  DECISION_COLUMNS,
  namedDecision,
  UNFORESEEN_DELIVERY_FAILURE,
  type DecisionRecord,
  type DeliveryReport,
  type NamedDecision,
  type PlanAtCompany,
} from '../store/decisionRecord.js';
import { decisionSealer, type DecisionSealer } from '../store/decisionSeal.js';
import type { SyncSource } from './syncSource.js';

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;

/** Wait before the next attempt: 30 s, 1 min, 2 min, … up to 15 min. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxCounts {
  pending: number;
  failing: number;
  delivered: number;
  /** Of the pending, those held until the manager confirms them (a restore brought them). */
  held: number;
}

/** The local queue of decisions bound for approval_history. */
export class Outbox {
  /** `sealer`: this data folder's (decisionSeal.ts), which marks each decision recorded as this store's own. */
  constructor(
    private readonly db: Database.Database,
    private readonly sealer: DecisionSealer | null = null,
  ) {}

  /** Stores a decision durably, sealed as this store's. A second decision on the same suggestion is refused. */
  record(d: DecisionRecord, now: number): void {
    const r = this.db
      .prepare(
        `INSERT INTO approval_outbox (suggestion_id, changes, impact, action_type, action_user, feedback_reason, decided_at, next_attempt_at, assignments, seal)
       VALUES (@suggestion_id, @changes, @impact, @action_type, @action_user, @feedback_reason, @decided_at, @now, @assignments, @seal)
       ON CONFLICT(suggestion_id) DO NOTHING`,
      )
      .run({ ...d, assignments: d.assignments ?? null, now, seal: this.sealer?.seal(d) ?? null });
    if (r.changes === 0) {
      throw new GenbaError('DECISION_EXISTS', {
        ja: `提案 ${d.suggestion_id} は既に判断済みです。`,
        en: `Suggestion ${d.suggestion_id} has already been decided.`,
      });
    }
  }

  /** At start-up, undelivered decisions are due at once rather than after their backoff. */
  retryNow(now: number): void {
    this.db.prepare('UPDATE approval_outbox SET next_attempt_at = ? WHERE delivered_at IS NULL AND next_attempt_at > ?').run(now, now);
  }

  /**
   * Seals the undelivered decisions recorded before decisions were sealed (a store from before format 16), so that a
   * backup taken from now on carries them as this store's. Only a restore brings in decisions from elsewhere, and it
   * holds those, so an unsealed decision that is not held is this store's own.
   */
  sealUnsealed(): number {
    if (!this.sealer) return 0;
    const rows = this.db
      .prepare(`SELECT ${DECISION_COLUMNS} FROM approval_outbox WHERE delivered_at IS NULL AND held_reason IS NULL AND seal IS NULL`)
      .all() as DecisionRecord[];
    const seal = this.db.prepare('UPDATE approval_outbox SET seal = ? WHERE suggestion_id = ? AND seal IS NULL');
    for (const d of rows) seal.run(this.sealer.seal(d), d.suggestion_id);
    return rows.length;
  }

  /** Undelivered decisions a restore brought that this store cannot vouch for: never sent until confirmed one by one. */
  held(): DecisionRecord[] {
    return this.db
      .prepare(`SELECT ${DECISION_COLUMNS} FROM approval_outbox WHERE delivered_at IS NULL AND held_reason IS NOT NULL ORDER BY decided_at, suggestion_id`)
      .all() as DecisionRecord[];
  }

  /** The manager vouches for one held decision, named: it is sealed as this store's and sent with the next delivery; null when it is not held. */
  confirm(suggestionId: string, now: number): DecisionRecord | null {
    const d = this.held().find((h) => h.suggestion_id === suggestionId);
    if (!d || !this.sealer) return null;
    this.db
      .prepare('UPDATE approval_outbox SET held_reason = NULL, seal = ?, next_attempt_at = ? WHERE suggestion_id = ? AND held_reason IS NOT NULL')
      .run(this.sealer.seal(d), now, suggestionId);
    return d;
  }

  counts(): OutboxCounts {
    return this.db
      .prepare(
        `SELECT COUNT(*) FILTER (WHERE delivered_at IS NULL) AS pending,
              COUNT(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0) AS failing,
              COUNT(*) FILTER (WHERE delivered_at IS NOT NULL) AS delivered,
              COUNT(*) FILTER (WHERE delivered_at IS NULL AND held_reason IS NOT NULL) AS held FROM approval_outbox`,
      )
      .get() as OutboxCounts;
  }

  due(now: number, limit = 100): DecisionRecord[] {
    return this.db
      .prepare(
        `SELECT ${DECISION_COLUMNS} FROM approval_outbox
        WHERE delivered_at IS NULL AND held_reason IS NULL AND next_attempt_at <= ? ORDER BY decided_at, suggestion_id LIMIT ?`,
      )
      .all(now, limit) as DecisionRecord[];
  }

  /** Where one decision stands: delivered (when, and for a plan what the company did with it), or how many attempts failed and why; null when there is none. */
  deliveryOf(suggestionId: string): { deliveredAt: number | null; attempts: number; lastError: string | null; companyPlan: PlanAtCompany | null } | null {
    const row = this.db
      .prepare(
        'SELECT delivered_at AS deliveredAt, attempts, last_error AS lastError, company_plan AS companyPlan FROM approval_outbox WHERE suggestion_id = ?',
      )
      .get(suggestionId) as { deliveredAt: number | null; attempts: number; lastError: string | null; companyPlan: string | null } | undefined;
    return row ? { ...row, companyPlan: row.companyPlan === null ? null : (JSON.parse(row.companyPlan) as PlanAtCompany) } : null;
  }

  markDelivered(suggestionId: string, to: string, now: number, plan: PlanAtCompany | null = null): void {
    this.db
      .prepare('UPDATE approval_outbox SET delivered_at = ?, delivered_to = ?, last_error = NULL, company_plan = ? WHERE suggestion_id = ?')
      .run(now, to, plan === null ? null : JSON.stringify(plan), suggestionId);
  }

  markFailed(suggestionId: string, error: string, now: number): void {
    const row = this.db.prepare('SELECT attempts FROM approval_outbox WHERE suggestion_id = ?').get(suggestionId) as { attempts: number };
    const attempts = row.attempts + 1;
    this.db
      .prepare('UPDATE approval_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE suggestion_id = ?')
      .run(attempts, error, now + retryDelay(attempts), suggestionId);
  }
}

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
