/**
 * 共享申请状态 (第十五条):
 * submitted — waiting for the bureau's 符合性审查 (2 working days) · returned — sent back for amendment ·
 * provider_review — forwarded to the provider (5 working days) · approved — a grant exists ·
 * rejected — the provider refused with a basis (第十六条(二)) · negotiating — 协商 between the two departments ·
 * coordinating — 协调 by the bureau (第十五条(三)) · refused — the bureau's final refusal · withdrawn — by the requester
 */
export const SHARE_REQUEST_STATUSES = ['submitted', 'returned', 'provider_review', 'approved', 'rejected', 'negotiating', 'coordinating', 'refused', 'withdrawn'] as const;
export type ShareRequestStatus = (typeof SHARE_REQUEST_STATUSES)[number];
export const SHARE_REQUEST_STATUS_LABELS: Record<ShareRequestStatus, string> = {
  submitted: '待符合性审查',
  returned: '已退回待修改',
  provider_review: '待提供部门答复',
  approved: '已同意',
  rejected: '已驳回',
  negotiating: '协商中',
  coordinating: '协调中',
  refused: '协调后不予共享',
  withdrawn: '已撤回',
};
/** No further step can follow these. */
export const FINAL_SHARE_REQUEST_STATUSES: readonly ShareRequestStatus[] = ['approved', 'refused', 'withdrawn'];

/** How a request came about: an ordinary request, or a coordination request for a 不予共享 resource (第十五条(三)). */
export const SHARE_REQUEST_ORIGINS = ['request', 'not_shared'] as const;
export type ShareRequestOrigin = (typeof SHARE_REQUEST_ORIGINS)[number];

/** The steps that run on a working-day clock; each kind is also the kind of its `deadlines` row. */
export const SHARE_STEP_KINDS = ['compliance_review', 'provider_reply'] as const;
export type ShareStepKind = (typeof SHARE_STEP_KINDS)[number];
export const SHARE_STEP_KIND_LABELS: Record<ShareStepKind, string> = { compliance_review: '符合性审查', provider_reply: '提供部门答复' };
/** the subject type of the deadlines (and of the violations the sweep records) of share request steps */
export const SHARE_STEP_SUBJECT = 'share_request_step';

export const SHARE_STEP_DECISIONS = ['pass', 'return', 'approve', 'reject', 'cancelled'] as const;
export type ShareStepDecision = (typeof SHARE_STEP_DECISIONS)[number];
export const SHARE_STEP_DECISION_LABELS: Record<ShareStepDecision, string> = {
  pass: '审查通过',
  return: '退回修改',
  approve: '同意共享',
  reject: '驳回',
  cancelled: '已撤回',
};

/**
 * 驳回理由类别 (第十六条(二)): a rejection must rest on law or policy. 第十四条(一): a department's internal rules are
 * no basis for not sharing, so they are deliberately not a category.
 */
export const REJECT_REASON_CATEGORIES = ['legal_prohibition', 'state_secret', 'purpose_mismatch', 'excessive_items', 'security_conditions', 'data_unavailable', 'other'] as const;
export type RejectReasonCategory = (typeof REJECT_REASON_CATEGORIES)[number];
export const REJECT_REASON_CATEGORY_LABELS: Record<RejectReasonCategory, string> = {
  legal_prohibition: '法律法规明确禁止共享',
  state_secret: '涉及国家秘密',
  purpose_mismatch: '申请用途与履职需要不符',
  excessive_items: '申请信息项超出履职必要范围',
  security_conditions: '使用部门不具备安全保障条件',
  data_unavailable: '数据尚未归集或不存在',
  other: '其他法定理由',
};

/** Who a user acts as on one request. Leaders are no party: they read, never act. */
export const SHARE_PARTIES = ['requester', 'provider', 'bureau'] as const;
export type ShareParty = (typeof SHARE_PARTIES)[number];
export const SHARE_PARTY_LABELS: Record<ShareParty, string> = { requester: '使用部门', provider: '提供部门', bureau: '政务数据共享管理部门' };

/** 数据使用授权 sources: a request approved by the provider (or passed for unconditional data), the bureau's coordination decision, or 专用 (第十六条(三)). */
export const GRANT_SOURCES = ['request', 'coordination', 'dedicated'] as const;
export type GrantSource = (typeof GRANT_SOURCES)[number];
export const GRANT_SOURCE_LABELS: Record<GrantSource, string> = { request: '共享申请', coordination: '协调决定', dedicated: '专用（免申请）' };

/** stored statuses; `expired` is derived from valid-until */
export const GRANT_STATUSES = ['active', 'revoked', 'destroyed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const GRANT_STATES = ['active', 'expired', 'revoked', 'destroyed'] as const;
export type GrantState = (typeof GRANT_STATES)[number];
export const GRANT_STATE_LABELS: Record<GrantState, string> = { active: '有效', expired: '已到期', revoked: '已收回', destroyed: '已销毁' };

/** 销毁方式 (第二十七条: 不再使用的数据，使用部门应按有关程序销毁). */
export const DESTRUCTION_METHODS = ['secure_delete', 'overwrite', 'media_destruction', 'other'] as const;
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];
export const DESTRUCTION_METHOD_LABELS: Record<DestructionMethod, string> = {
  secure_delete: '安全删除（不可恢复）',
  overwrite: '多次覆写擦除',
  media_destruction: '存储介质物理销毁',
  other: '其他方式',
};
