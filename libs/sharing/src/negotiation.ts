import {
  assertCoordinationRequestable,
  assertItemsOf,
  assertNarrowing,
  messageEvent,
  transition,
  type CoordinationDecisionInput,
  type CoordinationRequestInput,
  type EscalateInput,
  type ShareMessageDto,
  type ShareMessageInput,
  type ShareParty,
} from '@govdata/domain';
import { audit, departmentSummary, notify } from '@govdata/core';
import { ShareMessage, type IShareMessage } from './entities/share-request.entity';
import { loadEntryForSharing, loadReadable, loadRequest, partyRecipients, requestableView, resolveParties, type ShareContext } from './common';
import { eventNotice } from './notices';
import { assertNoOpenRequest, newShareRequest, type CreatedShareRequest } from './requests';
import { applyTransition } from './workflow';

export const messageDto = (m: IShareMessage): ShareMessageDto => ({
  id: m.id,
  side: m.side,
  authorName: m.authorName,
  department: departmentSummary(m.department.getEntity()),
  onBehalfOf: m.onBehalfOf ? departmentSummary(m.onBehalfOf.getEntity()) : null,
  body: m.body,
  at: m.at.toISOString(),
});

/** The negotiation thread (协商, 第十五条(三)), oldest first. */
export async function listShareMessages(ctx: ShareContext, id: number): Promise<ShareMessageDto[]> {
  const { request } = await loadReadable(ctx, id);
  const rows = await ctx.em.find(ShareMessage, { request: request.id }, { populate: ['department', 'onBehalfOf'], orderBy: { at: 'asc', id: 'asc' } });
  return rows.map(messageDto);
}

/**
 * A message in the thread. The requester's first message after a rejection opens the negotiation; then both sides
 * write, and the bureau too once it coordinates. The other sides are notified.
 */
export async function postShareMessage(ctx: ShareContext, id: number, input: ShareMessageInput): Promise<ShareMessageDto> {
  const { em, actor, now } = ctx;
  const request = await loadRequest(em, id);
  const resolution = await resolveParties(ctx, request);
  const event = messageEvent(request.status);
  const row = transition(request.status, event, resolution.parties);
  const side: ShareParty = row.by.find((p) => resolution.parties.includes(p)) ?? resolution.parties[0];
  const onBehalfOf = side === 'provider' ? resolution.onBehalfOfProviderId : null;
  const message = em.create(ShareMessage, { request, side, author: actor.userId, authorName: actor.displayName, department: actor.departmentId, onBehalfOf, body: input.body, at: now });
  if (event === 'open_negotiation') {
    await applyTransition(ctx, request, request.status, { event, resolution, reason: input.body });
  } else {
    const others: ShareParty[] = (['requester', 'provider', 'bureau'] as const).filter((p) => p !== side && (p !== 'bureau' || request.status === 'coordinating'));
    await em.flush();
    audit(em, { actor, onBehalfOfDepartmentId: onBehalfOf, action: 'share_request.message', subjectType: 'share_request', subjectId: request.id, after: { side, messageId: message.id }, at: now });
    for (const party of others) {
      const recipients = (await partyRecipients(em, request, party)).filter((u) => u !== actor.userId);
      await notify(em, recipients, { kind: 'share_request.message', ...eventNotice('message', party, request, {}), link: `/share/requests/${request.id}`, subjectType: 'share_request', subjectId: request.id }, now);
    }
  }
  await em.flush();
  await em.populate(message, ['department', 'onBehalfOf']);
  return messageDto(message);
}

/** 协商未果 → either side asks the bureau to coordinate (第十五条(三)). */
export async function escalateShareRequest(ctx: ShareContext, id: number, input: EscalateInput): Promise<CreatedShareRequest> {
  const request = await loadRequest(ctx.em, id);
  const resolution = await resolveParties(ctx, request);
  transition(request.status, 'escalate', resolution.parties);
  request.coordinationReason = input.reason;
  await applyTransition(ctx, request, request.status, { event: 'escalate', resolution, reason: input.reason });
  return { id: request.id, status: request.status, dueAt: null };
}

/**
 * For a 不予共享 resource the requester cannot file a request, only ask the bureau to coordinate (第十五条(三)):
 * the request is created directly in coordination, with the reason it is needed.
 */
export async function requestCoordination(ctx: ShareContext, input: CoordinationRequestInput): Promise<CreatedShareRequest> {
  const { em, actor } = ctx;
  const { entry, items } = await loadEntryForSharing(em, input.entryId);
  assertCoordinationRequestable(requestableView(entry), actor.departmentId);
  assertItemsOf(input.itemIds, items);
  await assertNoOpenRequest(ctx, entry.id);
  const request = await newShareRequest(ctx, entry, input, { origin: 'not_shared', status: 'coordinating', coordinationReason: input.reason });
  await applyTransition(ctx, request, 'new', { event: 'request_coordination', resolution: { parties: ['requester'], onBehalfOfProviderId: null }, reason: input.reason });
  return { id: request.id, status: request.status, dueAt: null };
}

/** 协调决定 (第十五条(三)): the bureau's decision is final — sharing (possibly fewer items, with conditions) or not. */
export async function decideCoordination(ctx: ShareContext, id: number, input: CoordinationDecisionInput): Promise<CreatedShareRequest> {
  const request = await loadRequest(ctx.em, id);
  const resolution = await resolveParties(ctx, request);
  if (input.decision === 'approve') {
    transition(request.status, 'coordinate_approve', resolution.parties);
    const itemIds = input.itemIds ?? request.itemIds;
    assertNarrowing(itemIds, request.itemIds);
    await applyTransition(ctx, request, request.status, { event: 'coordinate_approve', resolution, reason: input.reason, grant: { itemIds, conditions: input.conditions ?? null, source: 'coordination' } });
  } else {
    await applyTransition(ctx, request, request.status, { event: 'coordinate_refuse', resolution, reason: input.reason });
  }
  return { id: request.id, status: request.status, dueAt: null };
}
