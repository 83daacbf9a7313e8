import { epochToSqlDatetime } from '../config/sqlDatetime.js';
import { planDateOf, planIdPrefix } from '../plan/planStore.js';
import type { AssignmentRecord, DecisionRecord, DeliveryOutcome } from '../store/decisionRecord.js';
import type { BoundedPool } from './boundedPool.js';
import { toSyncError } from './syncError.js';

/**
 * Delivers one decision to the company MySQL: its approval_history row (a resend is harmless:
 * suggestion_id is unique), and for an approved plan its daily_assignments rows in the same
 * transaction. A day has one approved plan: the one the company received last, in the company's
 * own order (approval_history_id, given in this transaction). A laptop's clock never decides it:
 * one minutes behind or hours ahead once made the company keep the wrong plan while each user was
 * told theirs was sent. `run`: the source's one bounded statement, its errors already the manager's.
 */
export async function deliverToMysql(
  pool: BoundedPool,
  run: <T>(table: string | undefined, sql: string, params?: unknown[]) => Promise<T>,
  d: DecisionRecord,
  o: { timeZone: string; where: string },
): Promise<DeliveryOutcome> {
  const history = `INSERT INTO approval_history (suggestion_id, changes, impact, action_type, action_user, feedback_reason, execution_status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
     ON DUPLICATE KEY UPDATE suggestion_id = suggestion_id`;
  const values = [d.suggestion_id, d.changes, d.impact, d.action_type, d.action_user, d.feedback_reason, epochToSqlDatetime(d.decided_at, o.timeZone)];
  if (!d.assignments) {
    const result = await run<{ affectedRows: number }>('approval_history', history, values);
    return { result: result.affectedRows === 1 ? 'inserted' : 'existed', plan: null };
  }
  // An approved plan: its approval and its daily assignments in one transaction, so the company never has one without the
  // other; the unique (plan_id, operator_id, start_time) makes a resend after a lost reply write nothing twice.
  const rows = (JSON.parse(d.assignments) as AssignmentRecord[]).map((a) => [
    a.assignment_date,
    a.operator_id,
    a.location_name,
    a.process_name,
    a.business_id,
    epochToSqlDatetime(a.start_time, o.timeZone),
    epochToSqlDatetime(a.end_time, o.timeZone),
    'genba',
    d.suggestion_id,
  ]);
  const date = planDateOf(d.suggestion_id);
  if (date === null) throw new Error(`assignments with a decision that is not a plan's: ${d.suggestion_id}`);
  try {
    return await pool.transact(async (statement): Promise<DeliveryOutcome> => {
      const inserted = (await statement<{ affectedRows: number }>(history, values)).affectedRows === 1;
      const result = inserted ? 'inserted' : 'existed';
      // The day's plan is the approval the company received last. The locking read waits for another Genba delivering a
      // plan of the same day (or ends one of the two as a deadlock, retried), so two deliveries never both think they are last.
      const [latest] = await statement<{ id: string }[]>(
        `SELECT suggestion_id AS id FROM approval_history WHERE suggestion_id LIKE ? AND action_type IN ('approved', 'modified')
         ORDER BY approval_history_id DESC LIMIT 1 FOR UPDATE`,
        [`${planIdPrefix(date)}%`],
      );
      // Only a resend can find a later one (the company received another plan of the day after this one's first delivery).
      if (latest?.id !== d.suggestion_id) return { result, plan: { kept: false, replaced: [], keptPlan: latest?.id ?? null } };
      const older = await statement<{ id: string }[]>(
        `SELECT DISTINCT plan_id AS id FROM daily_assignments WHERE assignment_date = ? AND assigned_by = 'genba' AND plan_id <> ? ORDER BY plan_id`,
        [date, d.suggestion_id],
      );
      // Asked only when there is something to replace: a company that grants no DELETE can still approve a day's first plan.
      if (older.length > 0)
        await statement(`DELETE FROM daily_assignments WHERE assignment_date = ? AND assigned_by = 'genba' AND plan_id <> ?`, [date, d.suggestion_id]);
      for (let i = 0; i < rows.length; i += 500) {
        await statement(
          `INSERT INTO daily_assignments (assignment_date, operator_id, location_name, process_name, business_id, start_time, end_time, assigned_by, plan_id)
           VALUES ? ON DUPLICATE KEY UPDATE assignment_id = assignment_id`,
          [rows.slice(i, i + 500)],
        );
      }
      return { result, plan: { kept: true, replaced: older.map((o) => o.id), keptPlan: d.suggestion_id } };
    });
  } catch (error) {
    throw toSyncError(error, o.where, 'daily_assignments');
  }
}
