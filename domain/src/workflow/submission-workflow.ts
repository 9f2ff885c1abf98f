/**
 * The submission state machine: draft → submitted → accepted | returned (with a
 * reason) → submitted again … The server calls {@link transition} for every
 * change, so a state the machine does not allow cannot be reached.
 */
import { DomainError } from '../errors/error-codes';

export const submissionStates = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type SubmissionState = (typeof submissionStates)[number];

export const submissionActions = ['save', 'submit', 'accept', 'return'] as const;
export type SubmissionAction = (typeof submissionActions)[number];

/** Who acts: the unit's own officers, or the approver of the consolidating (parent) unit. */
export type ActingSide = 'owner' | 'reviewer';

const table: Record<SubmissionAction, { from: readonly SubmissionState[]; to: SubmissionState; side: ActingSide }> = {
  // Saving keeps the state (a submitted report stays submitted while its next draft is edited);
  // saving over an accepted report is refused: it must be returned first.
  save: { from: ['draft', 'submitted', 'returned'], to: 'draft', side: 'owner' },
  submit: { from: ['draft', 'returned', 'submitted'], to: 'submitted', side: 'owner' },
  accept: { from: ['submitted'], to: 'accepted', side: 'reviewer' },
  return: { from: ['submitted', 'accepted'], to: 'returned', side: 'reviewer' },
};

/** The actions available from a state, for a side. */
export function availableActions(state: SubmissionState, side: ActingSide): SubmissionAction[] {
  return submissionActions.filter((action) => table[action].side === side && table[action].from.includes(state));
}

export function canTransition(state: SubmissionState, action: SubmissionAction): boolean {
  return table[action].from.includes(state);
}

const lowerCase = (text: { vi: string; en: string }) => ({ vi: text.vi.toLowerCase(), en: text.en.toLowerCase() });

/**
 * The state after `action`, or a DomainError INVALID_STATE. A return needs a
 * reason of at least 3 characters.
 */
export function transition(
  state: SubmissionState,
  action: SubmissionAction,
  options: { reason?: string } = {},
): SubmissionState {
  if (!canTransition(state, action))
    throw new DomainError('INVALID_STATE', {
      field: 'state',
      message: 'TRANSITION_NOT_ALLOWED',
      params: {
        action: lowerCase(actionLabels[action]),
        state: { ...stateLabels[state], en: stateLabels[state].en.toLowerCase() },
      },
    });
  if (action === 'return' && (options.reason ?? '').trim().length < 3)
    throw new DomainError('VALIDATION_FAILED', { field: 'reason', message: 'RETURN_REASON_REQUIRED' });
  return action === 'save' ? state : table[action].to;
}

export const stateLabels: Record<SubmissionState, { vi: string; en: string }> = {
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
};

export const actionLabels: Record<SubmissionAction, { vi: string; en: string }> = {
  save: { vi: 'Lưu nháp', en: 'Save' },
  submit: { vi: 'Gửi', en: 'Submit' },
  accept: { vi: 'Tiếp nhận', en: 'Accept' },
  return: { vi: 'Trả lại', en: 'Return' },
};

/** Whether a child's report counts in its parent's consolidation under the regime's setting. */
export function countsInConsolidation(reviewState: SubmissionState, counts: 'submitted' | 'accepted'): boolean {
  return counts === 'accepted' ? reviewState === 'accepted' : reviewState === 'submitted' || reviewState === 'accepted';
}
