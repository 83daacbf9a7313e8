import type { Localized } from '../errors.js';
import type { PlanAtCompany } from '../api/planTypes.js';
import type { DailyAssignmentRow } from './companyRows.js';

export type { PlanAtCompany };

/**
 * A manager's decision as it is queued in the outbox and delivered to the company's
 * approval_history. The assistant (chat/) records it and the sync delivers it: the type lives
 * here, below both, so that neither knows the other.
 */
export interface DecisionRecord {
  suggestion_id: string;
  changes: string;
  impact: string;
  action_type: 'approved' | 'rejected' | 'modified';
  action_user: string;
  feedback_reason: string | null;
  decided_at: number;
  /** An approved staffing plan's rows for daily_assignments, as JSON of AssignmentRecord[]; null for a move proposal. */
  assignments?: string | null;
}

/** DecisionRecord's columns in approval_outbox, in its order: every reader of a whole decision selects these. */
export const DECISION_COLUMNS = 'suggestion_id, changes, impact, action_type, action_user, feedback_reason, decided_at, assignments';

/** A decision named for the manager: who decided what, and when. */
export interface NamedDecision {
  suggestionId: string;
  actionType: DecisionRecord['action_type'];
  actionUser: string;
  decidedAt: number;
}

export const namedDecision = (d: DecisionRecord): NamedDecision => ({
  suggestionId: d.suggestion_id,
  actionType: d.action_type,
  actionUser: d.action_user,
  decidedAt: d.decided_at,
});

/** One row an approved plan writes to the company's daily_assignments (times epoch ms; plan_id is the decision's suggestion_id). */
export type AssignmentRecord = Pick<
  DailyAssignmentRow,
  'assignment_date' | 'operator_id' | 'location_name' | 'process_name' | 'business_id' | 'start_time' | 'end_time'
>;

/** What the company database did with one decision: a new row, or one it already had (a resend); and for a plan, PlanAtCompany. */
export interface DeliveryOutcome {
  result: 'inserted' | 'existed';
  plan: PlanAtCompany | null;
}

/** What one delivery of the due decisions did. */
export interface DeliveryReport {
  delivered: number;
  alreadyThere: number;
  failed: number;
  lastError: string | null;
  /** Why each failed decision was not delivered, in the manager's words (`genba approve` prints it). */
  failures: { suggestionId: string; reason: Localized }[];
}

/** The reason a manager reads for a delivery failure Genba did not foresee; the details are in the outbox and the app log. */
export const UNFORESEEN_DELIVERY_FAILURE: Localized = {
  ja: '会社のデータベースに書き込めませんでした。詳細はアプリのログを確認してください。',
  en: 'The company database did not take the decision. See the app log for details.',
};
