import {
  clockClause,
  FINAL_SHARE_REQUEST_STATUSES,
  SHARE_STEP_SUBJECT,
  transition,
  type GrantSource,
  type PartyResolution,
  type ShareEvent,
  type ShareMachineState,
  type ShareStepDecision,
  type ShareStepKind,
  type ShareTransition,
} from '@govdata/domain';
import { audit, cancelDeadline, completeDeadline, Department, findOpenDeadline, openDeadline, User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { ShareRequestEvent, ShareRequestStep, type IShareRequest, type IShareRequestStep } from './entities/share-request.entity';
import type { ShareContext } from './common';
import { createGrant } from './grant-create';
import { notifyParties } from './notices';

export interface TransitionInput {
  event: ShareEvent;
  resolution: PartyResolution;
  /** recorded on the decided step and in the history */
  decision?: ShareStepDecision;
  reasonCategory?: string | null;
  reason?: string | null;
  /** what an approval grants */
  grant?: { itemIds: number[]; conditions: string | null; source: GrantSource };
}

/** The step still waiting for a decision, if any (at most one runs at a time). */
export async function runningStep(ctx: ShareContext, request: IShareRequest): Promise<IShareRequestStep | null> {
  return ctx.em.findOne(ShareRequestStep, { request: request.id, decidedAt: null }, { orderBy: { seq: 'desc' } });
}

/** Starts a step and its statutory clock (第十五条: the review, then the provider's reply — periods from the rule set in force). */
async function openStep(ctx: ShareContext, request: IShareRequest, kind: ShareStepKind): Promise<string> {
  const { em, now } = ctx;
  const seq = (await em.count(ShareRequestStep, { request: request.id })) + 1;
  const departmentId = kind === 'provider_reply' ? request.provider.id : null;
  const step = em.create(ShareRequestStep, { request, seq, kind, department: departmentId, startedAt: now, decidedAt: null, decision: null, actor: null, actorName: null, onBehalfOf: null, reasonCategory: null, reason: null });
  // the clock's subject is the step's id: write the step first
  await em.flush();
  // the reply period may depend on whether the data is already on the platform (a rule set's condition)
  const entry = await em.findOneOrFail(CatalogEntry, request.entry.id);
  const deadline = await openDeadline(em, ctx.calendar, { kind, subjectType: SHARE_STEP_SUBJECT, subjectId: step.id, departmentId, startedAt: now, facts: { dataOnPlatform: entry.dataOnPlatform } }, now);
  request.currentStepKind = kind;
  request.currentDueAt = deadline.dueAt;
  request.currentDueDate = deadline.dueDate;
  // "第十五条第（二）项，5 个工作日" — the clause and period of this clock, for the notifications
  return clockClause(kind, deadline.ruleSet, { n: deadline.periodN, unit: deadline.periodUnit });
}

const actorLabel = (ctx: ShareContext) => `${ctx.actor.displayName}(${ctx.actor.username})`;

/**
 * Applies one event of the state machine to a loaded request, with all its effects in the caller's transaction:
 * stop, start or cancel clocks, create the grant, write the history, the audit event and the notifications.
 * The request's version column makes a concurrent second transition fail at flush (409).
 */
export async function applyTransition(ctx: ShareContext, request: IShareRequest, from: ShareMachineState, input: TransitionInput): Promise<ShareTransition> {
  const { em, actor, now } = ctx;
  const t = transition(from, input.event, input.resolution.parties);
  const onBehalfOf = t.by.includes('provider') && input.resolution.parties.includes('provider') ? input.resolution.onBehalfOfProviderId : null;
  const before = { status: request.status, currentStepKind: request.currentStepKind ?? null };

  if (t.effects.completeStep || t.effects.cancelSteps) {
    const step = await runningStep(ctx, request);
    if (step) {
      step.decidedAt = now;
      step.decision = t.effects.cancelSteps ? 'cancelled' : (input.decision ?? null);
      step.actor = em.getReference(User, actor.userId, { wrapped: true });
      step.actorName = actorLabel(ctx);
      step.onBehalfOf = onBehalfOf ? em.getReference(Department, onBehalfOf, { wrapped: true }) : null;
      step.reasonCategory = input.reasonCategory ?? null;
      step.reason = input.reason ?? null;
      const deadline = await findOpenDeadline(em, SHARE_STEP_SUBJECT, step.id);
      if (deadline) {
        if (t.effects.cancelSteps) cancelDeadline(deadline, now);
        else completeDeadline(deadline, now);
      }
    }
  }
  request.status = t.to;
  request.updatedAt = now;
  request.currentStepKind = null;
  request.currentDueAt = null;
  request.currentDueDate = null;
  if (FINAL_SHARE_REQUEST_STATUSES.includes(t.to)) request.decidedAt = now;
  const clause = t.effects.openStep ? await openStep(ctx, request, t.effects.openStep) : null;

  em.create(ShareRequestEvent, {
    request,
    event: input.event,
    fromStatus: from === 'new' ? null : from,
    toStatus: t.to,
    actor: actor.userId,
    actorName: actorLabel(ctx),
    actorDepartment: actor.departmentId,
    onBehalfOf,
    note: input.reason ?? null,
    at: now,
  });

  let validUntil: string | null = null;
  if (t.effects.grant) {
    const g = input.grant ?? { itemIds: request.approvedItemIds ?? request.itemIds, conditions: request.conditions ?? null, source: 'request' as const };
    request.approvedItemIds = g.itemIds;
    request.conditions = g.conditions;
    const grant = createGrant(ctx, { consumerId: request.requester.id, providerId: request.provider.id, entryId: request.entry.id, source: g.source, request, itemIds: g.itemIds, purpose: request.purpose, conditions: g.conditions });
    validUntil = grant.validUntil;
  }
  // flush now so that a concurrent transition fails here, inside the transaction, before anyone is notified
  await em.flush();
  audit(em, {
    actor,
    onBehalfOfDepartmentId: onBehalfOf,
    action: `share_request.${input.event}`,
    subjectType: 'share_request',
    subjectId: request.id,
    before: from === 'new' ? null : before,
    after: { status: request.status, currentStepKind: request.currentStepKind ?? null, dueAt: (request.currentDueAt as Date | null)?.toISOString() ?? null, reasonCategory: input.reasonCategory ?? null, reason: input.reason ?? null },
    at: now,
  });
  await notifyParties(ctx, request, input.event, t.effects.notify, { dueDate: request.currentDueDate ?? null, clause, reason: input.reason ?? null, validUntil });
  await em.flush();
  return t;
}
