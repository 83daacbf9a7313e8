import type Database from 'better-sqlite3';
import type { DecisionAction } from '../api/assistantTypes.js';
import { GenbaError } from '../errors.js';
import { DECISION_COLUMNS, type DecisionRecord, type PlanAtCompany } from './decisionRecord.js';
import type { DecisionSealer } from './decisionSeal.js';

/*
 * The one home of approval_outbox's SQL (test/unit/architecture/tableHomes.test.ts): the queue of decisions bound for the
 * company's approval_history (Outbox; the sync delivers it, sync/outbox.ts), the decisions as the history and the floor
 * read them (chat/proposalStore.ts, placement/floorDecisions.ts, placement/approvedMoves.ts), and a restore's salvage
 * (store/salvageDecisions.ts). chat/ and sync/ share a layer and never import each other, so it sits below both.
 */

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

/** One decision as the approval history lists it, with the proposal or the plan's date it decides (the other is null). */
export interface DecisionHistoryRow {
  suggestion_id: string;
  proposal: string | null;
  plan_date: string | null;
  changes: string;
  impact: string;
  action_type: DecisionAction;
  feedback_reason: string | null;
  action_user: string;
  decided_at: number;
  delivered_at: number | null;
  attempts: number;
  last_error: string | null;
  held_reason: string | null;
  company_plan: string | null;
}

/**
 * Which decisions a history question asks about (chat/engines/decisionHistoryEngine.ts): moves (their target site, process
 * and business, any of each list; an empty list: any) or staffing plans (a site among those their lines cover), taken
 * with one of `actions`, between `from` and `to` (epoch ms).
 */
export interface DecisionFilter {
  kind: 'move' | 'plan';
  actions: readonly DecisionAction[];
  site: readonly string[];
  process: readonly string[];
  business: readonly string[];
  from: number;
  to: number;
}

/**
 * The decisions of proposals and of staffing plans (their ids PLN…), newest first: the outbox they share, each joined to its
 * own table; with `only`, those it names.
 */
export function decisionHistoryRows(db: Database.Database, limit: number, only: DecisionFilter | null = null): DecisionHistoryRow[] {
  const kind =
    only === null ? 'p.suggestion_id IS NOT NULL OR pl.plan_id IS NOT NULL' : only.kind === 'move' ? 'p.suggestion_id IS NOT NULL' : 'pl.plan_id IS NOT NULL';
  const any = (list: string, value: string): string => `(json_array_length(${list}) = 0 OR ${value} IN (SELECT value FROM json_each(${list})))`;
  const filter =
    only === null
      ? ''
      : ` AND o.action_type IN (SELECT value FROM json_each(@actions)) AND o.decided_at BETWEEN @from AND @to AND ${
          only.kind === 'move'
            ? `${any('@site', "json_extract(p.proposal, '$.site')")} AND ${any('@process', "json_extract(p.proposal, '$.process')")} AND ${any('@business', "json_extract(p.proposal, '$.businessId')")}`
            : // A plan's lines are counted by "site process block" in its recorded changes.
              `(json_array_length(@site) = 0 OR EXISTS (SELECT 1 FROM json_each(o.changes, '$.headcount') h
                  WHERE substr(h.key, 1, instr(h.key, ' ') - 1) IN (SELECT value FROM json_each(@site))))`
        }`;
  return db
    .prepare(
      `SELECT o.suggestion_id, p.proposal, pl.plan_date, o.changes, o.impact, o.action_type, o.feedback_reason, o.action_user, o.decided_at,
              o.delivered_at, o.attempts, o.last_error, o.held_reason, o.company_plan
       FROM approval_outbox o LEFT JOIN proposals p USING (suggestion_id) LEFT JOIN plans pl ON pl.plan_id = o.suggestion_id
       WHERE (${kind})${filter}
       ORDER BY o.decided_at DESC LIMIT @limit`,
    )
    .all({
      limit,
      ...(only === null
        ? {}
        : {
            actions: JSON.stringify(only.actions),
            from: only.from,
            to: only.to,
            site: JSON.stringify(only.site),
            ...(only.kind === 'move' ? { process: JSON.stringify(only.process), business: JSON.stringify(only.business) } : {}),
          }),
    }) as DecisionHistoryRow[];
}

/** A move approved (or approved in part) with its proposal. */
export interface MoveDecisionRow {
  suggestion_id: string;
  proposal: string;
  action_type: 'approved' | 'modified';
  action_user: string;
  decided_at: number;
  changes: string;
}

/** The moves approved or modified between `from` and `to` (epoch ms), oldest first. */
export function moveDecisionRows(db: Database.Database, from: number, to: number): MoveDecisionRow[] {
  return db
    .prepare(
      `SELECT p.suggestion_id, p.proposal, o.action_type, o.action_user, o.decided_at, o.changes
         FROM approval_outbox o JOIN proposals p ON p.suggestion_id = o.suggestion_id
        WHERE o.action_type IN ('approved', 'modified') AND o.decided_at BETWEEN ? AND ?
        ORDER BY o.decided_at`,
    )
    .all(from, to) as MoveDecisionRow[];
}

/** A move rejected, with the manager's reason. */
export interface RejectedMoveRow {
  suggestion_id: string;
  proposal: string;
  feedback_reason: string | null;
  decided_at: number;
}

/** The moves rejected between `from` and `to` (epoch ms), oldest first: a next proposal for the same work says them. */
export function rejectedMoveRows(db: Database.Database, from: number, to: number): RejectedMoveRow[] {
  return db
    .prepare(
      `SELECT p.suggestion_id, p.proposal, o.feedback_reason, o.decided_at
         FROM approval_outbox o JOIN proposals p ON p.suggestion_id = o.suggestion_id
        WHERE o.action_type = 'rejected' AND o.decided_at BETWEEN ? AND ?
        ORDER BY o.decided_at, p.suggestion_id`,
    )
    .all(from, to) as RejectedMoveRow[];
}

/** A reader, prepared once, of a decided proposal and the changes its decision kept, by its suggestion id. */
export function decidedProposalReader(db: Database.Database): (suggestionId: string) => { proposal: string; changes: string } {
  const stored = db.prepare(
    `SELECT p.proposal, o.changes FROM proposals p JOIN approval_outbox o ON o.suggestion_id = p.suggestion_id WHERE p.suggestion_id = ?`,
  );
  return (suggestionId) => stored.get(suggestionId) as { proposal: string; changes: string };
}

/** The undelivered decisions not yet held, with their seals, oldest first: a restore checks each seal (store/salvageDecisions.ts). */
export function unheldUndelivered(db: Database.Database): (DecisionRecord & { seal: string | null })[] {
  return db
    .prepare(`SELECT ${DECISION_COLUMNS}, seal FROM approval_outbox WHERE delivered_at IS NULL AND held_reason IS NULL ORDER BY decided_at, suggestion_id`)
    .all() as (DecisionRecord & { seal: string | null })[];
}

/** Holds the decisions named, for the reason given, until the manager confirms each; inside the caller's transaction. */
export function holdDecisions(db: Database.Database, suggestionIds: readonly string[], reason: string): void {
  const hold = db.prepare('UPDATE main.approval_outbox SET held_reason = ? WHERE suggestion_id = ?');
  for (const id of suggestionIds) hold.run(reason, id);
}

/** Seals the decisions named (each with its seal), whatever seal they had; inside the caller's transaction. */
export function sealDecisions(db: Database.Database, seals: readonly { suggestionId: string; seal: string }[]): void {
  const sealOne = db.prepare('UPDATE main.approval_outbox SET seal = ? WHERE suggestion_id = ?');
  for (const s of seals) sealOne.run(s.seal, s.suggestionId);
}

/*
 * A restore's salvage (store/salvageDecisions.ts): the file being replaced is attached as `old`, and `columns` are the
 * outbox's columns both files have, so that an older file's decisions are carried with what it has.
 */

/** The old file's decisions this store lacks, oldest first. */
export function oldDecisionsNotHere(
  db: Database.Database,
  columns: readonly string[],
): (DecisionRecord & { seal?: string | null; held_reason?: string | null })[] {
  return db
    .prepare(
      `SELECT ${columns.join(', ')} FROM old.approval_outbox WHERE suggestion_id NOT IN (SELECT suggestion_id FROM main.approval_outbox) ORDER BY decided_at, suggestion_id`,
    )
    .all() as (DecisionRecord & { seal?: string | null; held_reason?: string | null })[];
}

/** The old file's side of each decision both files hold but decided differently in one of `decisionColumns`. */
export function decisionClashes(db: Database.Database, decisionColumns: readonly string[]): DecisionRecord[] {
  return db
    .prepare(
      `SELECT ${decisionColumns.map((col) => `o.${col}`).join(', ')} FROM old.approval_outbox o JOIN main.approval_outbox m USING (suggestion_id)
         WHERE ${decisionColumns.map((col) => `o.${col} IS NOT m.${col}`).join(' OR ')} ORDER BY o.decided_at, o.suggestion_id`,
    )
    .all() as DecisionRecord[];
}

/** Copies in the old file's decisions this store lacks, and keeps delivered those it delivered after the backup; inside the caller's transaction. */
export function copyOldDecisions(db: Database.Database, columns: readonly string[]): void {
  const c = columns.join(', ');
  db.prepare(`INSERT OR IGNORE INTO main.approval_outbox (${c}) SELECT ${c} FROM old.approval_outbox`).run();
  // Delivered after the backup: keep it delivered, so it is not sent twice.
  db.prepare(
    `UPDATE main.approval_outbox SET delivered_at = o.delivered_at, delivered_to = o.delivered_to, last_error = NULL
         ${columns.includes('company_plan') ? ', company_plan = o.company_plan' : ''}
         FROM old.approval_outbox o WHERE o.suggestion_id = main.approval_outbox.suggestion_id AND main.approval_outbox.delivered_at IS NULL AND o.delivered_at IS NOT NULL`,
  ).run();
}

/** A reader, prepared once, of one decision's `columns` in this store, by its suggestion id. */
export function decisionRowReader(db: Database.Database, columns: readonly string[]): (suggestionId: string) => Record<string, unknown> | undefined {
  const back = db.prepare(`SELECT ${columns.join(', ')} FROM main.approval_outbox WHERE suggestion_id = ?`);
  return (suggestionId) => back.get(suggestionId) as Record<string, unknown> | undefined;
}
