import { ConflictError, ForbiddenError } from '../errors';
import type { ShareType } from '../catalog';
import { SHARE_PARTY_LABELS, SHARE_REQUEST_STATUS_LABELS, type ShareParty, type ShareRequestStatus, type ShareStepKind } from './enums';

/** The state before a request exists: its creation is a transition like any other. */
export type ShareMachineState = ShareRequestStatus | 'new';

/** What happens to a request. The compliance review's "pass" splits by the entry's share type (第十五条(一)(二)). */
export const SHARE_EVENTS = [
  'submit',
  'request_coordination',
  'resubmit',
  'pass_unconditional',
  'pass_conditional',
  'return',
  'approve',
  'reject',
  'open_negotiation',
  'message',
  'escalate',
  'coordinate_approve',
  'coordinate_refuse',
  'withdraw',
] as const;
export type ShareEvent = (typeof SHARE_EVENTS)[number];

export const SHARE_EVENT_LABELS: Record<ShareEvent, string> = {
  submit: '提交申请',
  request_coordination: '申请协调',
  resubmit: '修改后重新提交',
  pass_unconditional: '符合性审查通过',
  pass_conditional: '审查通过并转提供部门',
  return: '退回修改',
  approve: '同意共享',
  reject: '驳回',
  open_negotiation: '发起协商',
  message: '协商留言',
  escalate: '提请协调',
  coordinate_approve: '协调决定：予以共享',
  coordinate_refuse: '协调决定：不予共享',
  withdraw: '撤回申请',
};

export interface TransitionEffects {
  /** the open step is decided and its clock stopped (met or missed) */
  completeStep?: boolean;
  /** a new step starts, with its clock (kind = DEADLINE_KINDS key) */
  openStep?: ShareStepKind;
  /** every running clock is cancelled: the step no longer applies */
  cancelSteps?: boolean;
  /** a grant (第二十七条) is created for the requester */
  grant?: boolean;
  /** who is told, by party */
  notify: readonly ShareParty[];
}

export interface ShareTransition {
  from: ShareMachineState;
  event: ShareEvent;
  /** the parties that may cause it */
  by: readonly ShareParty[];
  to: ShareRequestStatus;
  effects: TransitionEffects;
  /** the regulation's clause */
  article: string;
}

const OPEN_STATES: ShareRequestStatus[] = ['submitted', 'returned', 'provider_review', 'rejected', 'negotiating', 'coordinating'];

/**
 * The whole workflow of 第十五条 and 第十六条 as a table: state × event × party → next state and effects.
 * Anything not listed is refused.
 */
export const SHARE_TRANSITIONS: readonly ShareTransition[] = [
  { from: 'new', event: 'submit', by: ['requester'], to: 'submitted', effects: { openStep: 'compliance_review', notify: ['bureau'] }, article: '第十五条' },
  { from: 'new', event: 'request_coordination', by: ['requester'], to: 'coordinating', effects: { notify: ['bureau', 'provider'] }, article: '第十五条第（三）项' },
  { from: 'returned', event: 'resubmit', by: ['requester'], to: 'submitted', effects: { openStep: 'compliance_review', notify: ['bureau'] }, article: '第十五条' },
  { from: 'submitted', event: 'pass_unconditional', by: ['bureau'], to: 'approved', effects: { completeStep: true, grant: true, notify: ['requester', 'provider'] }, article: '第十五条第（一）项' },
  { from: 'submitted', event: 'pass_conditional', by: ['bureau'], to: 'provider_review', effects: { completeStep: true, openStep: 'provider_reply', notify: ['provider', 'requester'] }, article: '第十五条第（二）项' },
  { from: 'submitted', event: 'return', by: ['bureau'], to: 'returned', effects: { completeStep: true, notify: ['requester'] }, article: '第十五条' },
  { from: 'provider_review', event: 'approve', by: ['provider'], to: 'approved', effects: { completeStep: true, grant: true, notify: ['requester'] }, article: '第十五条第（二）项' },
  { from: 'provider_review', event: 'reject', by: ['provider'], to: 'rejected', effects: { completeStep: true, notify: ['requester'] }, article: '第十六条第（二）项' },
  { from: 'rejected', event: 'open_negotiation', by: ['requester'], to: 'negotiating', effects: { notify: ['provider'] }, article: '第十五条第（三）项' },
  { from: 'negotiating', event: 'message', by: ['requester', 'provider'], to: 'negotiating', effects: { notify: [] }, article: '第十五条第（三）项' },
  { from: 'negotiating', event: 'approve', by: ['provider'], to: 'approved', effects: { grant: true, notify: ['requester'] }, article: '第十五条第（三）项' },
  { from: 'negotiating', event: 'escalate', by: ['requester', 'provider'], to: 'coordinating', effects: { notify: ['bureau', 'requester', 'provider'] }, article: '第十五条第（三）项' },
  { from: 'coordinating', event: 'message', by: ['requester', 'provider', 'bureau'], to: 'coordinating', effects: { notify: [] }, article: '第十五条第（三）项' },
  { from: 'coordinating', event: 'coordinate_approve', by: ['bureau'], to: 'approved', effects: { grant: true, notify: ['requester', 'provider'] }, article: '第十五条第（三）项' },
  { from: 'coordinating', event: 'coordinate_refuse', by: ['bureau'], to: 'refused', effects: { notify: ['requester', 'provider'] }, article: '第十五条第（三）项' },
  ...OPEN_STATES.map(
    (from): ShareTransition => ({ from, event: 'withdraw', by: ['requester'], to: 'withdrawn', effects: { cancelSteps: true, notify: from === 'returned' ? [] : ['bureau', 'provider'] }, article: '第十五条' }),
  ),
];

const stateLabel = (s: ShareMachineState): string => (s === 'new' ? '新申请' : SHARE_REQUEST_STATUS_LABELS[s]);

/**
 * The transition for an event by a user who is the given parties of the request. Refuses with 409 when the
 * request's state does not allow the event (it may have just been handled by someone else) and with 403 when the
 * state does but none of the user's parties may cause it.
 */
export function transition(state: ShareMachineState, event: ShareEvent, parties: readonly ShareParty[]): ShareTransition {
  const row = SHARE_TRANSITIONS.find((t) => t.from === state && t.event === event);
  if (!row) {
    throw new ConflictError(`申请当前状态为“${stateLabel(state)}”，不能${SHARE_EVENT_LABELS[event]}。请刷新后查看最新进展`, 'share_request.invalid_state', { currentStatus: state, event });
  }
  if (!row.by.some((p) => parties.includes(p))) {
    const who = row.by.map((p) => SHARE_PARTY_LABELS[p]).join('或');
    throw new ForbiddenError(`“${SHARE_EVENT_LABELS[event]}”只能由${who}办理`, 'share_request.party_forbidden');
  }
  return row;
}

/** The events the parties may cause now — what the SPA offers as buttons. */
export function allowedEvents(state: ShareMachineState, parties: readonly ShareParty[]): ShareEvent[] {
  return SHARE_TRANSITIONS.filter((t) => t.from === state && t.by.some((p) => parties.includes(p))).map((t) => t.event);
}

/** A passed compliance review goes straight to approval for unconditional data, to the provider for conditional data. */
export function reviewEvent(decision: 'pass' | 'return', shareType: ShareType): ShareEvent {
  if (decision === 'return') return 'return';
  return shareType === 'unconditional' ? 'pass_unconditional' : 'pass_conditional';
}

/** The event a provider's reply is. */
export const replyEvent = (decision: 'approve' | 'reject'): ShareEvent => decision;

/** The event a message is: the requester's first message after a rejection opens the negotiation (协商). */
export const messageEvent = (state: ShareMachineState): ShareEvent => (state === 'rejected' ? 'open_negotiation' : 'message');
