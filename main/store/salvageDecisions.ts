import type Database from 'better-sqlite3';
import {
  copyOldDecisions,
  decisionClashes,
  decisionRowReader,
  holdDecisions,
  oldDecisionsNotHere,
  sealDecisions,
  unheldUndelivered,
} from './approvalOutbox.js';
import { DECISION_COLUMNS, namedDecision as named, type DecisionRecord, type NamedDecision } from './decisionRecord.js';
import type { DecisionSealer } from './decisionSeal.js';
import { writeTransaction } from './writeTransaction.js';

/** Why a restored decision waits for the manager (approval_outbox.held_reason). */
export const HELD_RESTORED = 'restored: not sealed by this data folder';
export const HELD_TAMPERED = 'salvaged: its seal does not match the decision';

/** The columns `table` has in both attached files: an older file's decisions are carried with what it has. */
function commonColumns(db: Database.Database, table: string): string[] {
  const of = (schema: string): string[] => (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
  const old = new Set(of('old'));
  return of('main').filter((c) => old.has(c));
}

const hasTable = (db: Database.Database, schema: 'old' | 'main', table: string): boolean =>
  db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;

/**
 * The restored file's undelivered decisions that this data folder did not seal are held: a backup
 * made elsewhere (or forged) is never a way to send decisions in this store's name. They are sent
 * once the manager confirms each by name. Returns them.
 */
export function holdForeignDecisions(db: Database.Database, sealer: DecisionSealer): NamedDecision[] {
  const foreign = unheldUndelivered(db).filter(({ seal, ...d }) => !sealer.holds(d, seal));
  const ids = foreign.map((d) => d.suggestion_id);
  writeTransaction(db, () => holdDecisions(db, ids, HELD_RESTORED));
  return foreign.map(named);
}

/**
 * Decisions are the one thing the company database cannot give back: those in `oldPath` (the
 * store being replaced) that the restored file `db` lacks are copied into it whole, with the
 * proposal or plan they decide, from any older schema the old file may have. Each is then read
 * back and compared column by column; `missing` names those that did not arrive whole, and the
 * caller refuses the restore rather than keep half a decision (a plan's approval without its
 * assignments once reached the company, while it kept the older plan). A decision the old file
 * holds without a seal was made here before decisions were sealed, and is sealed now; one whose
 * seal does not match was changed after it was made, and is held for the manager.
 */
export function salvageDecisions(
  db: Database.Database,
  oldPath: string,
  sealer: DecisionSealer,
): { salvaged: NamedDecision[]; missing: NamedDecision[]; held: NamedDecision[] } {
  db.prepare('ATTACH DATABASE ? AS old').run(oldPath);
  try {
    if (!hasTable(db, 'old', 'approval_outbox')) return { salvaged: [], missing: [], held: [] };
    const outboxColumns = commonColumns(db, 'approval_outbox');
    const wanted = oldDecisionsNotHere(db, outboxColumns);
    // The same id decided differently in the two files: neither can be carried without losing the other.
    const decisionColumns = DECISION_COLUMNS.split(', ').filter((col) => outboxColumns.includes(col));
    const clashes = decisionClashes(db, decisionColumns);
    if (clashes.length > 0) return { salvaged: [], missing: clashes.map(named), held: [] };
    writeTransaction(db, () => {
      if (hasTable(db, 'old', 'proposals')) {
        const c = commonColumns(db, 'proposals').join(', ');
        // A proposal still open in the backup takes the decision the later file recorded.
        db.prepare(
          `INSERT INTO main.proposals (${c}) SELECT ${c} FROM old.proposals WHERE status != 'open'
           ON CONFLICT(suggestion_id) DO UPDATE SET status = excluded.status, decided_at = excluded.decided_at, proposal = excluded.proposal
           WHERE main.proposals.status = 'open'`,
        ).run();
      }
      if (hasTable(db, 'old', 'plans')) {
        const c = commonColumns(db, 'plans').join(', ');
        // A plan the later file decided, or superseded by a later approval, takes that state: the later file is the later word.
        db.prepare(
          `INSERT INTO main.plans (${c}) SELECT ${c} FROM old.plans WHERE status != 'open'
           ON CONFLICT(plan_id) DO UPDATE SET status = excluded.status, decided_at = excluded.decided_at
           WHERE main.plans.status IN ('open', 'approved', 'modified') AND main.plans.status != excluded.status`,
        ).run();
      }
      // Delivered after the backup stays delivered, so it is not sent twice.
      copyOldDecisions(db, outboxColumns);
    });

    const back = decisionRowReader(db, outboxColumns);
    const decidedThing = db.prepare(
      `SELECT (SELECT COUNT(*) FROM main.proposals WHERE suggestion_id = @id AND status != 'open')
            + (SELECT COUNT(*) FROM main.plans WHERE plan_id = @id AND status != 'open') AS n`,
    );
    const salvaged: NamedDecision[] = [];
    const missing: NamedDecision[] = [];
    const toSeal: DecisionRecord[] = [];
    const held: NamedDecision[] = [];
    for (const w of wanted) {
      const got = back(w.suggestion_id);
      const whole = got !== undefined && outboxColumns.every((col) => got[col] === (w as unknown as Record<string, unknown>)[col]);
      const decided = (decidedThing.get({ id: w.suggestion_id }) as { n: number }).n > 0;
      if (!whole || !decided) {
        missing.push(named(w));
        continue;
      }
      salvaged.push(named(w));
      const { seal, held_reason: heldReason, ...d } = w;
      if (heldReason != null || got.delivered_at != null) continue;
      if (seal == null) toSeal.push({ ...d, assignments: d.assignments ?? null });
      else if (!sealer.holds({ ...d, assignments: d.assignments ?? null }, seal)) held.push(named(w));
    }
    writeTransaction(db, () => {
      const seals = toSeal.map((d) => ({ suggestionId: d.suggestion_id, seal: sealer.seal(d) }));
      sealDecisions(db, seals);
      const tampered = held.map((h) => h.suggestionId);
      holdDecisions(db, tampered, HELD_TAMPERED);
    });
    return { salvaged, missing, held };
  } finally {
    db.prepare('DETACH DATABASE old').run();
  }
}
