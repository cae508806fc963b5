import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../errors';
import { SHARE_PARTIES, SHARE_REQUEST_STATUSES, FINAL_SHARE_REQUEST_STATUSES, type ShareParty } from './enums';
import { allowedEvents, messageEvent, reviewEvent, SHARE_EVENTS, SHARE_TRANSITIONS, transition, type ShareMachineState } from './machine';

const STATES: ShareMachineState[] = ['new', ...SHARE_REQUEST_STATUSES];

describe('share request state machine (第十五条, 第十六条)', () => {
  describe('every listed transition is allowed for its parties and refused (403) for the others', () => {
    for (const row of SHARE_TRANSITIONS) {
      it(`${row.from} —${row.event}→ ${row.to}`, () => {
        for (const party of SHARE_PARTIES) {
          if (row.by.includes(party)) expect(transition(row.from, row.event, [party])).toBe(row);
          else expect(() => transition(row.from, row.event, [party])).toThrow(ForbiddenError);
        }
        // a leader is no party at all
        expect(() => transition(row.from, row.event, [])).toThrow(ForbiddenError);
      });
    }
  });

  it('refuses (409) every state × event pair the table does not list, whoever asks', () => {
    let refused = 0;
    for (const state of STATES) {
      for (const event of SHARE_EVENTS) {
        if (SHARE_TRANSITIONS.some((t) => t.from === state && t.event === event)) continue;
        for (const parties of [[...SHARE_PARTIES], []] as ShareParty[][]) {
          expect(() => transition(state, event, parties), `${state} × ${event}`).toThrow(ConflictError);
        }
        refused++;
      }
    }
    // 10 states × 14 events, minus the 20 listed transitions
    expect(refused).toBe(STATES.length * SHARE_EVENTS.length - SHARE_TRANSITIONS.length);
  });

  it('lists each (state, event) at most once, so a step can never be decided two ways', () => {
    const keys = SHARE_TRANSITIONS.map((t) => `${t.from}:${t.event}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets nothing follow a final state', () => {
    for (const s of FINAL_SHARE_REQUEST_STATUSES) expect(allowedEvents(s, [...SHARE_PARTIES])).toEqual([]);
  });

  it('starts a 2-working-day compliance review at submission and at every resubmission (a new clock)', () => {
    expect(transition('new', 'submit', ['requester'])).toMatchObject({ to: 'submitted', effects: { openStep: 'compliance_review', notify: ['bureau'] } });
    expect(transition('returned', 'resubmit', ['requester'])).toMatchObject({ to: 'submitted', effects: { openStep: 'compliance_review' } });
  });

  it('sends unconditional data straight to approval and conditional data to the provider (5 working days)', () => {
    expect(reviewEvent('pass', 'unconditional')).toBe('pass_unconditional');
    expect(reviewEvent('pass', 'conditional')).toBe('pass_conditional');
    expect(reviewEvent('return', 'conditional')).toBe('return');
    expect(transition('submitted', 'pass_unconditional', ['bureau'])).toMatchObject({ to: 'approved', effects: { completeStep: true, grant: true } });
    expect(transition('submitted', 'pass_conditional', ['bureau'])).toMatchObject({ to: 'provider_review', effects: { completeStep: true, openStep: 'provider_reply' } });
  });

  it('stops the provider clock on a reply, and grants only on approval', () => {
    expect(transition('provider_review', 'approve', ['provider']).effects).toMatchObject({ completeStep: true, grant: true });
    const reject = transition('provider_review', 'reject', ['provider']);
    expect(reject.effects.completeStep).toBe(true);
    expect(reject.effects.grant).toBeUndefined();
    expect(reject.article).toBe('第十六条第（二）项');
  });

  it('runs negotiation (协商) then coordination (协调), whose decision is final', () => {
    expect(messageEvent('rejected')).toBe('open_negotiation');
    expect(messageEvent('negotiating')).toBe('message');
    expect(transition('rejected', 'open_negotiation', ['requester']).to).toBe('negotiating');
    expect(() => transition('rejected', 'open_negotiation', ['provider'])).toThrow(ForbiddenError);
    expect(transition('negotiating', 'approve', ['provider']).to).toBe('approved');
    expect(transition('negotiating', 'escalate', ['provider']).to).toBe('coordinating');
    expect(transition('negotiating', 'escalate', ['requester']).to).toBe('coordinating');
    expect(() => transition('rejected', 'escalate', ['requester'])).toThrow(ConflictError);
    expect(transition('coordinating', 'coordinate_approve', ['bureau']).effects.grant).toBe(true);
    expect(transition('coordinating', 'coordinate_refuse', ['bureau']).to).toBe('refused');
    expect(allowedEvents('refused', ['requester', 'provider', 'bureau'])).toEqual([]);
  });

  it('lets a 不予共享 resource reach the bureau only as a coordination request', () => {
    expect(transition('new', 'request_coordination', ['requester'])).toMatchObject({ to: 'coordinating' });
    expect(transition('new', 'request_coordination', ['requester']).effects.openStep).toBeUndefined();
  });

  it('cancels running clocks on withdrawal from any open state, and only the requester withdraws', () => {
    for (const s of ['submitted', 'returned', 'provider_review', 'rejected', 'negotiating', 'coordinating'] as const) {
      expect(transition(s, 'withdraw', ['requester'])).toMatchObject({ to: 'withdrawn', effects: { cancelSteps: true } });
      expect(() => transition(s, 'withdraw', ['provider', 'bureau'])).toThrow(ForbiddenError);
    }
    expect(() => transition('approved', 'withdraw', ['requester'])).toThrow(ConflictError);
  });

  it('explains a refusal in Chinese, naming the state or the party', () => {
    expect(() => transition('approved', 'approve', ['provider'])).toThrow(/申请当前状态为“已同意”，不能同意共享/);
    expect(() => transition('provider_review', 'approve', ['requester'])).toThrow(/只能由提供部门办理/);
    try {
      transition('approved', 'reject', ['provider']);
    } catch (e) {
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as ConflictError).code).toBe('share_request.invalid_state');
    }
  });

  it('offers each party its buttons', () => {
    expect(allowedEvents('submitted', ['bureau']).sort()).toEqual(['pass_conditional', 'pass_unconditional', 'return']);
    expect(allowedEvents('provider_review', ['provider'])).toEqual(['approve', 'reject']);
    expect(allowedEvents('provider_review', ['requester'])).toEqual(['withdraw']);
    expect(allowedEvents('negotiating', ['provider']).sort()).toEqual(['approve', 'escalate', 'message']);
  });
});
