import { GenbaError, type Localized } from '../errors.js';

export type ProposalErrorCode =
  | 'PROPOSAL_NOT_FOUND'
  | 'PROPOSAL_DECIDED'
  | 'PROPOSAL_REASON_REQUIRED'
  | 'PROPOSAL_MODIFY_INVALID'
  | 'SAVE_UNAVAILABLE'
  | 'PROPOSAL_TOO_LONG'
  | 'PROPOSAL_OPERATOR_MOVED';

/** Refusals of the assistant's proposals and decisions. */
export class ProposalError extends GenbaError {
  declare readonly code: ProposalErrorCode;
  constructor(code: ProposalErrorCode, text: Localized) {
    super(code, text);
  }
}
