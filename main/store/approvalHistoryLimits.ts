import type { DecisionRecord } from './decisionRecord.js';

/**
 * What the company's approval_history can hold (resources/mysql/company_schema.sql):
 * a decision that does not fit would fail on every delivery, so it is refused when made.
 */
export const APPROVAL_HISTORY_LIMITS = {
  suggestionIdChars: 64,
  actionUserChars: 100,
  /** TEXT: 65,535 bytes of utf8mb4. */
  feedbackReasonBytes: 65_535,
} as const;

export interface LimitProblem {
  field: 'feedback_reason' | 'action_user' | 'suggestion_id';
  size: number;
  limit: number;
  unit: 'bytes' | 'chars';
}

/** The fields of `d` that exceed their approval_history column; empty when it fits. */
export function decisionLimitProblems(d: Pick<DecisionRecord, 'suggestion_id' | 'action_user' | 'feedback_reason'>): LimitProblem[] {
  const L = APPROVAL_HISTORY_LIMITS;
  const problems: LimitProblem[] = [];
  const reasonBytes = d.feedback_reason === null ? 0 : Buffer.byteLength(d.feedback_reason, 'utf8');
  if (reasonBytes > L.feedbackReasonBytes) problems.push({ field: 'feedback_reason', size: reasonBytes, limit: L.feedbackReasonBytes, unit: 'bytes' });
  const userChars = [...d.action_user].length;
  if (userChars > L.actionUserChars) problems.push({ field: 'action_user', size: userChars, limit: L.actionUserChars, unit: 'chars' });
  const idChars = [...d.suggestion_id].length;
  if (idChars > L.suggestionIdChars) problems.push({ field: 'suggestion_id', size: idChars, limit: L.suggestionIdChars, unit: 'chars' });
  return problems;
}
