import type Database from 'better-sqlite3';
import { GenbaError } from '../errors.js';
import { UNFORESEEN_DELIVERY_FAILURE, type DecisionRecord, type DeliveryReport } from '../store/decisionRecord.js';
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
}

/** The local queue of decisions bound for approval_history. */
export class Outbox {
  constructor(private readonly db: Database.Database) {}

  /** Stores a decision durably. A second decision on the same suggestion is refused. */
  record(d: DecisionRecord, now: number): void {
    const r = this.db
      .prepare(
        `INSERT INTO approval_outbox (suggestion_id, changes, impact, action_type, action_user, feedback_reason, decided_at, next_attempt_at, assignments)
       VALUES (@suggestion_id, @changes, @impact, @action_type, @action_user, @feedback_reason, @decided_at, @now, @assignments)
       ON CONFLICT(suggestion_id) DO NOTHING`,
      )
      .run({ ...d, assignments: d.assignments ?? null, now });
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

  counts(): OutboxCounts {
    return this.db
      .prepare(
        `SELECT COUNT(*) FILTER (WHERE delivered_at IS NULL) AS pending,
              COUNT(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0) AS failing,
              COUNT(*) FILTER (WHERE delivered_at IS NOT NULL) AS delivered FROM approval_outbox`,
      )
      .get() as OutboxCounts;
  }

  due(now: number, limit = 100): DecisionRecord[] {
    return this.db
      .prepare(
        `SELECT suggestion_id, changes, impact, action_type, action_user, feedback_reason, decided_at, assignments FROM approval_outbox
        WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY decided_at LIMIT ?`,
      )
      .all(now, limit) as DecisionRecord[];
  }

  /** Where one decision stands: delivered (when), or how many attempts failed and why; null when there is none. */
  deliveryOf(suggestionId: string): { deliveredAt: number | null; attempts: number; lastError: string | null } | null {
    const row = this.db
      .prepare('SELECT delivered_at AS deliveredAt, attempts, last_error AS lastError FROM approval_outbox WHERE suggestion_id = ?')
      .get(suggestionId) as { deliveredAt: number | null; attempts: number; lastError: string | null } | undefined;
    return row ?? null;
  }

  markDelivered(suggestionId: string, to: string, now: number): void {
    this.db.prepare('UPDATE approval_outbox SET delivered_at = ?, delivered_to = ?, last_error = NULL WHERE suggestion_id = ?').run(now, to, suggestionId);
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
      const result = await source.deliver(d);
      outbox.markDelivered(d.suggestion_id, source.id, now);
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
): { record: (d: DecisionRecord) => void; deliver: () => Promise<DeliveryReport | null>; delivered: (id: string) => boolean } {
  return {
    record: (d) => new Outbox(db()).record(d, now()),
    deliver: deliverNow,
    delivered: (id) => new Outbox(db()).deliveryOf(id)?.deliveredAt != null,
  };
}
