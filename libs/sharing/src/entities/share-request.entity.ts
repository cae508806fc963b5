import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RejectReasonCategory, ShareRequestOrigin, ShareRequestStatus, ShareStepKind, ShareType } from '@govdata/domain';
import { CatalogEntry } from '@govdata/catalog';
import { Department, User } from '@govdata/core';

/**
 * 共享申请 (第十五条): a department asks for items of another department's catalog entry, stating 用途 and 应用场景.
 * `lockVersion` is the optimistic lock every transition goes through: of two replies to the same step, the second
 * UPDATE finds the version moved on and is refused with 409 by the database, not by hope.
 */
export const ShareRequest = defineEntity({
  name: 'ShareRequest',
  tableName: 'share_requests',
  indexes: [
    { properties: ['requester', 'status'] },
    { properties: ['provider', 'status'] },
    { properties: ['status', 'currentDueAt'] },
    { properties: ['submittedAt'] },
    // one open request per entry per requesting department (OPEN_STATUSES in requests.ts): the database refuses the
    // second of two simultaneous submissions, which a check-then-insert cannot on PostgreSQL (issue 13 item 10)
    {
      name: 'share_requests_one_open_per_entry',
      expression:
        "create unique index share_requests_one_open_per_entry on share_requests (requester_id, entry_id) where status in ('submitted', 'returned', 'provider_review', 'negotiating', 'coordinating')",
    },
  ],
  properties: {
    id: p.integer().primary(),
    origin: p.string().length(12).$type<ShareRequestOrigin>(),
    requester: () => p.manyToOne(Department).ref(),
    requestedBy: () => p.manyToOne(User).ref().nullable(),
    requestedByName: p.string().length(60),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    /** the published version the request was made against */
    entryVersion: p.integer(),
    /** the entry's provider at submission: the other party, kept for isolation queries without a join */
    provider: () => p.manyToOne(Department).ref(),
    /** the share type at submission decides the path after the compliance review */
    shareType: p.string().length(16).$type<ShareType>(),
    itemIds: p.json<number[]>(),
    /** what was granted: all requested items unless the provider or the bureau narrowed them */
    approvedItemIds: p.json<number[]>().nullable(),
    purpose: p.text(),
    scenario: p.text(),
    duty: p.text().nullable(),
    contact: p.string().length(100).nullable(),
    /** 预计日均调用次数 the requester declared (the (七) volume detector compares the gateway's calls with it) */
    expectedDailyCalls: p.integer().nullable(),
    status: p.string().length(16).$type<ShareRequestStatus>(),
    /** conditions of use attached on approval */
    conditions: p.text().nullable(),
    /** 第十六条(二) */
    rejectCategory: p.string().length(24).$type<RejectReasonCategory>().nullable(),
    rejectReason: p.text().nullable(),
    coordinationReason: p.text().nullable(),
    /** the running step's clock, copied from its deadline so queues sort by due time through an index */
    currentStepKind: p.string().length(20).$type<ShareStepKind>().nullable(),
    currentDueAt: p.datetime().nullable(),
    currentDueDate: p.string().length(10).nullable(),
    /** first submission */
    submittedAt: p.datetime(),
    /** reached approved, refused or withdrawn */
    decidedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    lockVersion: p.integer().version(),
  },
});
export type IShareRequest = InferEntity<typeof ShareRequest>;

/**
 * A step of a request that runs on a working-day clock: the bureau's compliance review (2 working days) or the
 * provider's reply (5). Its clock is the `deadlines` row with subject ('share_request_step', step id). The assessment
 * reads a year's decisions (rejections) by the (kind, decision, decided_at) index.
 */
export const ShareRequestStep = defineEntity({
  name: 'ShareRequestStep',
  tableName: 'share_request_steps',
  uniques: [{ properties: ['request', 'seq'] }],
  indexes: [{ properties: ['kind', 'decision', 'decidedAt'] }],
  properties: {
    id: p.integer().primary(),
    request: () => p.manyToOne(ShareRequest).ref(),
    seq: p.integer(),
    kind: p.string().length(20).$type<ShareStepKind>(),
    /** the department that must act; null = the bureau */
    department: () => p.manyToOne(Department).ref().nullable(),
    startedAt: p.datetime(),
    decidedAt: p.datetime().nullable(),
    decision: p.string().length(12).nullable(),
    actor: () => p.manyToOne(User).ref().nullable(),
    actorName: p.string().length(60).nullable(),
    /** an agent decided for this department (第十六条(一)) */
    onBehalfOf: () => p.manyToOne(Department).ref().nullable(),
    reasonCategory: p.string().length(24).nullable(),
    reason: p.text().nullable(),
  },
});
export type IShareRequestStep = InferEntity<typeof ShareRequestStep>;

/** The status history of a request: one row per transition, the timeline the SPA shows. */
export const ShareRequestEvent = defineEntity({
  name: 'ShareRequestEvent',
  tableName: 'share_request_events',
  indexes: [{ properties: ['request', 'at'] }],
  properties: {
    id: p.integer().primary(),
    request: () => p.manyToOne(ShareRequest).ref(),
    event: p.string().length(24),
    fromStatus: p.string().length(16).nullable(),
    toStatus: p.string().length(16),
    actor: () => p.manyToOne(User).ref().nullable(),
    actorName: p.string().length(60),
    actorDepartment: () => p.manyToOne(Department).ref().nullable(),
    onBehalfOf: () => p.manyToOne(Department).ref().nullable(),
    note: p.text().nullable(),
    at: p.datetime(),
  },
});
export type IShareRequestEvent = InferEntity<typeof ShareRequestEvent>;

/** 协商 (第十五条(三)): a message between the two departments, or from the bureau while it coordinates. */
export const ShareMessage = defineEntity({
  name: 'ShareMessage',
  tableName: 'share_request_messages',
  indexes: [{ properties: ['request', 'at'] }],
  properties: {
    id: p.integer().primary(),
    request: () => p.manyToOne(ShareRequest).ref(),
    side: p.string().length(12).$type<'requester' | 'provider' | 'bureau'>(),
    author: () => p.manyToOne(User).ref().nullable(),
    authorName: p.string().length(60),
    department: () => p.manyToOne(Department).ref(),
    onBehalfOf: () => p.manyToOne(Department).ref().nullable(),
    body: p.text(),
    at: p.datetime(),
  },
});
export type IShareMessage = InferEntity<typeof ShareMessage>;
