import {
  assertItemsOf,
  assertNarrowing,
  assertRequestable,
  ConflictError,
  replyEvent,
  reviewEvent,
  shareRequestCode,
  transition,
  type ComplianceReviewInput,
  type CreateShareRequestInput,
  type ResubmitShareRequestInput,
  type ShareReplyInput,
  type ShareRequestStatus,
  type WithdrawInput,
} from '@govdata/domain';
import { Department } from '@govdata/core';
import { ShareRequest, type IShareRequest } from './entities/share-request.entity';
import { type ICatalogEntry } from '@govdata/catalog';
import { loadEntryForSharing, loadRequest, resolveParties, type ShareContext } from './common';
import { requestableView } from '@govdata/catalog';
import { applyTransition } from './workflow';

/** Statuses in which a request is still being handled: a department keeps one such request per entry. */
export const OPEN_STATUSES: ShareRequestStatus[] = ['submitted', 'returned', 'provider_review', 'negotiating', 'coordinating'];

export interface CreatedShareRequest {
  id: number;
  status: ShareRequestStatus;
  dueAt: string | null;
}

const created = (r: IShareRequest): CreatedShareRequest => ({ id: r.id, status: r.status, dueAt: r.currentDueAt?.toISOString() ?? null });

export async function assertNoOpenRequest(ctx: ShareContext, entryId: number): Promise<void> {
  const open = await ctx.em.findOne(ShareRequest, { requester: ctx.actor.departmentId, entry: entryId, status: { $in: OPEN_STATUSES } });
  if (open) {
    throw new ConflictError(`本部门已有该资源的在办申请 ${shareRequestCode(open.id, open.submittedAt)}，请在原申请中继续办理`, 'share_request.duplicate_open', { requestId: open.id });
  }
}

/**
 * A new request of the actor's department for an entry's items, pinned to the entry's current version, share type
 * and provider: a normal request (submitted to the compliance review) or one for a 不予共享 resource that goes
 * straight to the bureau's coordination.
 */
export async function newShareRequest(
  ctx: ShareContext,
  entry: ICatalogEntry,
  input: Pick<CreateShareRequestInput, 'itemIds' | 'purpose' | 'scenario' | 'duty' | 'contact' | 'expectedDailyCalls'>,
  start: { origin: 'request' | 'not_shared'; status: 'submitted' | 'coordinating'; coordinationReason?: string },
): Promise<IShareRequest> {
  const { em, actor, now } = ctx;
  return em.create(ShareRequest, {
    ...start,
    requester: await em.findOneOrFail(Department, actor.departmentId),
    requestedBy: actor.userId,
    requestedByName: actor.displayName,
    entry,
    entryVersion: entry.currentVersion,
    provider: entry.provider,
    shareType: entry.shareType,
    itemIds: input.itemIds,
    approvedItemIds: null,
    purpose: input.purpose,
    scenario: input.scenario,
    duty: input.duty ?? null,
    contact: input.contact ?? null,
    expectedDailyCalls: input.expectedDailyCalls ?? null,
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * 提出共享申请 (第十五条): checked against the entry (published, someone else's, not 不予共享, not 专用 for the
 * requester) and its items, then submitted to the bureau's compliance review, due in 2 working days.
 */
export async function createShareRequest(ctx: ShareContext, input: CreateShareRequestInput): Promise<CreatedShareRequest> {
  const { em, actor } = ctx;
  const { entry, items, dedicatedIds } = await loadEntryForSharing(em, input.entryId);
  assertRequestable(requestableView(entry), actor.departmentId, dedicatedIds);
  assertItemsOf(input.itemIds, items);
  await assertNoOpenRequest(ctx, entry.id);
  const request = await newShareRequest(ctx, entry, input, { origin: 'request', status: 'submitted' });
  await applyTransition(ctx, request, 'new', { event: 'submit', resolution: { parties: ['requester'], onBehalfOfProviderId: null } });
  return created(request);
}

/** Amends a returned request and submits it again: a new compliance review with a new 2-working-day clock. */
export async function resubmitShareRequest(ctx: ShareContext, id: number, input: ResubmitShareRequestInput): Promise<CreatedShareRequest> {
  const request = await loadRequest(ctx.em, id);
  const resolution = await resolveParties(ctx, request);
  transition(request.status, 'resubmit', resolution.parties);
  const { entry, items, dedicatedIds } = await loadEntryForSharing(ctx.em, request.entry.id);
  assertRequestable(requestableView(entry), request.requester.id, dedicatedIds);
  if (input.itemIds) assertItemsOf(input.itemIds, items);
  else assertItemsOf(request.itemIds, items, '原申请的信息项');
  Object.assign(request, {
    itemIds: input.itemIds ?? request.itemIds,
    purpose: input.purpose ?? request.purpose,
    scenario: input.scenario ?? request.scenario,
    duty: input.duty ?? request.duty,
    contact: input.contact ?? request.contact,
    expectedDailyCalls: input.expectedDailyCalls ?? request.expectedDailyCalls,
    entryVersion: entry.currentVersion,
    shareType: entry.shareType,
  });
  await applyTransition(ctx, request, request.status, { event: 'resubmit', resolution, reason: input.note ?? null });
  return created(request);
}

/** Withdrawal by the requester: every running clock is cancelled, not missed. */
export async function withdrawShareRequest(ctx: ShareContext, id: number, input: WithdrawInput): Promise<CreatedShareRequest> {
  const request = await loadRequest(ctx.em, id);
  const resolution = await resolveParties(ctx, request);
  await applyTransition(ctx, request, request.status, { event: 'withdraw', resolution, reason: input.reason ?? null });
  return created(request);
}

/**
 * 符合性审查 (第十五条): the bureau passes the request — approved at once for unconditional data, forwarded to the
 * provider with a 5-working-day clock for conditional data — or returns it with the reason.
 */
export async function complianceReview(ctx: ShareContext, id: number, input: ComplianceReviewInput): Promise<CreatedShareRequest> {
  const request = await loadRequest(ctx.em, id);
  const resolution = await resolveParties(ctx, request);
  const event = reviewEvent(input.decision, request.shareType);
  await applyTransition(ctx, request, request.status, { event, resolution, decision: input.decision, reason: input.reason ?? null });
  return created(request);
}

/**
 * 提供部门答复 (第十五条(二)), by the provider's data officer or its agent (第十六条(一), recorded on its behalf):
 * approve — possibly fewer items and with conditions — or reject with a category and a basis (第十六条(二)).
 * During a negotiation the provider may still approve.
 */
export async function replyToShareRequest(ctx: ShareContext, id: number, input: ShareReplyInput): Promise<CreatedShareRequest> {
  const request = await loadRequest(ctx.em, id);
  const resolution = await resolveParties(ctx, request);
  const event = replyEvent(input.decision);
  transition(request.status, event, resolution.parties);
  if (input.decision === 'approve') {
    const itemIds = input.itemIds ?? request.itemIds;
    assertNarrowing(itemIds, request.itemIds);
    await applyTransition(ctx, request, request.status, {
      event,
      resolution,
      decision: 'approve',
      reason: input.reason ?? null,
      grant: { itemIds, conditions: input.conditions ?? null, source: 'request' },
    });
  } else {
    request.rejectCategory = input.reasonCategory ?? null;
    request.rejectReason = input.reason ?? null;
    await applyTransition(ctx, request, request.status, { event, resolution, decision: 'reject', reasonCategory: input.reasonCategory ?? null, reason: input.reason ?? null });
  }
  return created(request);
}
