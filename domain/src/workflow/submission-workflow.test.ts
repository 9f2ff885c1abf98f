import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/error-codes';
import {
  availableActions,
  canTransition,
  type SubmissionAction,
  submissionActions,
  submissionStates,
  transition,
} from './submission-workflow';

describe('submission workflow', () => {
  it('follows draft → submitted → returned → submitted → accepted', () => {
    expect(transition('submitted', 'save')).toBe('submitted');
    let state = transition('draft', 'save');
    state = transition(state, 'submit');
    expect(state).toBe('submitted');
    state = transition(state, 'return', { reason: 'Thiếu số liệu Biểu 03' });
    expect(state).toBe('returned');
    state = transition(state, 'submit');
    state = transition(state, 'accept');
    expect(state).toBe('accepted');
  });

  it('refuses a return without a reason and an accept of a draft', () => {
    expect(() => transition('submitted', 'return', { reason: ' ' })).toThrow(DomainError);
    expect(() => transition('draft', 'accept')).toThrow(/Cannot accept/);
    expect(() => transition('accepted', 'save')).toThrow(DomainError);
  });

  it('any sequence of actions either follows the table or throws, never reaching an unknown state', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...submissionActions), { maxLength: 30 }), (actions: SubmissionAction[]) => {
        let state: (typeof submissionStates)[number] = 'draft';
        for (const action of actions) {
          if (canTransition(state, action)) state = transition(state, action, { reason: 'lý do' });
          else expect(() => transition(state, action, { reason: 'lý do' })).toThrow(DomainError);
          expect(submissionStates).toContain(state);
        }
      }),
    );
  });

  it('owners and reviewers have disjoint actions', () => {
    for (const state of submissionStates) {
      const owner = availableActions(state, 'owner');
      const reviewer = availableActions(state, 'reviewer');
      expect(owner.filter((a) => reviewer.includes(a))).toEqual([]);
    }
    expect(availableActions('submitted', 'reviewer')).toEqual(['accept', 'return']);
  });
});
