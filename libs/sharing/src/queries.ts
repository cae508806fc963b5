import { type FilterQuery, QueryOrder } from '@mikro-orm/core';
import {
  allowedEvents,
  ForbiddenError,
  hasRole,
  isBureau,
  REJECT_REASON_CATEGORY_LABELS,
  SHARE_STEP_KIND_LABELS,
  SHARE_STEP_SUBJECT,
  grantState,
  parseShareRequestCode,
  recordIdIn,
  shanghaiYearRange,
  shareRequestCode,
  standing,
  type Page,
  type ShareEvent,
  type ShareRequestDetail,
  type ShareRequestQuery,
  type ShareRequestSummary,
  type ShareStepDecision,
  type ShareStepDto,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { containsText, Deadline, deadlineView, departmentSummary } from '@govdata/core';
import { ShareGrant } from './entities/share-grant.entity';
import { ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep, type IShareRequest } from './entities/share-request.entity';
import { agentScopes, itemNames, loadReadable, type ShareContext } from './common';

export function shareRequestSummary(r: IShareRequest, ctx: Pick<ShareContext, 'calendar' | 'now'>): ShareRequestSummary {
  const entry = r.entry.getEntity();
  const s = r.currentDueAt && r.currentDueDate ? standing(ctx.calendar.lenient, { dueAt: r.currentDueAt, dueDate: r.currentDueDate }, ctx.now) : null;
  return {
    id: r.id,
    code: shareRequestCode(r.id, r.submittedAt),
    status: r.status,
    origin: r.origin,
    entry: { id: entry.id, code: entry.code, name: entry.name, shareType: r.shareType },
    requester: departmentSummary(r.requester.getEntity()),
    provider: departmentSummary(r.provider.getEntity()),
    itemCount: r.itemIds.length,
    purpose: r.purpose,
    submittedAt: r.submittedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    current:
      s && r.currentStepKind && r.currentDueAt && r.currentDueDate
        ? { kind: r.currentStepKind, dueAt: r.currentDueAt.toISOString(), dueDate: r.currentDueDate, overdue: s.overdue, workingDaysLeft: s.workingDaysLeft, workingDaysLate: s.workingDaysLate, standing: s }
        : null,
  };
}

/**
 * What a user may see (第十五条 parties): the bureau and the leaders everything; a data officer the requests of
 * its department on either side; an agent those on its delegated entries. `providerSideOnly` narrows to what the user
 * answers for (the 待我处理 list).
 */
async function visibility(ctx: ShareContext, providerSideOnly: boolean): Promise<FilterQuery<IShareRequest> | null> {
  const { actor } = ctx;
  if (!providerSideOnly && (isBureau(actor) || hasRole(actor, 'leader'))) return {};
  const ors: FilterQuery<IShareRequest>[] = [];
  if (hasRole(actor, 'dept_admin', 'bureau_admin')) {
    ors.push({ provider: actor.departmentId });
    if (!providerSideOnly) ors.push({ requester: actor.departmentId });
  }
  if (hasRole(actor, 'dept_agent')) {
    for (const s of await agentScopes(ctx.em, actor.userId)) ors.push(s.entryId === null ? { provider: s.providerId } : { provider: s.providerId, entry: s.entryId });
  }
  return ors.length ? { $or: ors } : null;
}

export async function listShareRequests(ctx: ShareContext, query: ShareRequestQuery): Promise<Page<ShareRequestSummary>> {
  const { em, actor, now } = ctx;
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const and: FilterQuery<IShareRequest>[] = [];
  const queue = query.box === 'todo' || query.box === 'review';
  if (query.box === 'review') {
    if (!isBureau(actor) && !hasRole(actor, 'leader')) throw new ForbiddenError('审查队列仅平台管理员可以查看', 'share_request.review_queue_forbidden');
    and.push({ status: { $in: ['submitted', 'coordinating'] } });
  } else {
    const visible = await visibility(ctx, query.box === 'todo');
    if (!visible) return empty;
    and.push(visible);
    if (query.box === 'mine') and.push({ requester: actor.departmentId });
    if (query.box === 'provided') and.push({ provider: actor.departmentId });
    if (query.box === 'todo') and.push({ status: { $in: ['provider_review', 'negotiating'] } });
  }
  if (query.status) and.push({ status: query.status });
  if (query.entryId) and.push({ entry: query.entryId });
  if (query.overdue !== undefined) and.push(query.overdue ? { currentDueAt: { $lt: now } } : { $or: [{ currentDueAt: null }, { currentDueAt: { $gte: now } }] });
  if (query.q) and.push(requestSearch(em, query.q));
  const orderBy = queue
    ? [{ currentDueAt: QueryOrder.ASC_NULLS_LAST }, { id: QueryOrder.ASC }]
    : [{ submittedAt: QueryOrder.DESC }, { id: QueryOrder.DESC }];
  const [rows, total] = await em.findAndCount(ShareRequest, { $and: and }, {
    populate: ['entry', 'requester', 'provider'],
    orderBy,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map((r) => shareRequestSummary(r, ctx)), total, page: query.page, pageSize: query.pageSize };
}

/** The request with its steps (each with its clock: kind, due, completed, met), history, items, grant and the actions open to the user. */
export async function getShareRequest(ctx: ShareContext, id: number): Promise<ShareRequestDetail> {
  const { em, now, calendar } = ctx;
  const { request: r, resolution } = await loadReadable(ctx, id);
  const steps = await em.find(ShareRequestStep, { request: r.id }, { populate: ['department', 'onBehalfOf'], orderBy: { seq: 'asc' } });
  const deadlines = steps.length ? await em.find(Deadline, { subjectType: SHARE_STEP_SUBJECT, subjectId: { $in: steps.map((s) => s.id) } }, { populate: ['department'] }) : [];
  const clockOf = new Map(deadlines.map((d) => [d.subjectId, deadlineView(d, calendar.lenient, now)]));
  const history = await em.find(ShareRequestEvent, { request: r.id }, { populate: ['actorDepartment', 'onBehalfOf'], orderBy: { at: 'asc', id: 'asc' } });
  const names = await itemNames(em, [...r.itemIds, ...(r.approvedItemIds ?? [])]);
  const grant = await em.findOne(ShareGrant, { request: r.id });
  const entry = r.entry.getEntity();
  let actions: ShareEvent[] = allowedEvents(r.status, resolution.parties);
  actions = actions.filter((e) => e !== (r.shareType === 'unconditional' ? 'pass_conditional' : 'pass_unconditional'));

  const stepDtos: ShareStepDto[] = steps.map((s) => {
    const c = clockOf.get(s.id);
    return {
      id: s.id,
      seq: s.seq,
      kind: s.kind,
      kindLabel: SHARE_STEP_KIND_LABELS[s.kind],
      department: s.department ? departmentSummary(s.department.getEntity()) : null,
      startedAt: s.startedAt.toISOString(),
      dueAt: c?.dueAt ?? s.startedAt.toISOString(),
      dueDate: c?.dueDate ?? '',
      provisional: c?.provisional ?? false,
      completedAt: c?.completedAt ?? s.decidedAt?.toISOString() ?? null,
      met: c?.met ?? null,
      deadlineState: c?.state ?? 'open',
      workingDaysLeft: c?.workingDaysLeft ?? null,
      workingDaysLate: c?.workingDaysLate ?? null,
      standing: c?.standing ?? null,
      decision: (s.decision as ShareStepDecision | null) ?? null,
      actorName: s.actorName ?? null,
      onBehalfOf: s.onBehalfOf ? departmentSummary(s.onBehalfOf.getEntity()) : null,
      reasonCategory: s.reasonCategory ?? null,
      reason: s.reason ?? null,
    };
  });

  return {
    ...shareRequestSummary(r, ctx),
    entryVersion: r.entryVersion,
    entry: { id: entry.id, code: entry.code, name: entry.name, shareType: r.shareType, shareConditions: entry.shareConditions ?? null, provider: departmentSummary(r.provider.getEntity()) },
    scenario: r.scenario,
    duty: r.duty ?? null,
    contact: r.contact ?? null,
    requestedBy: r.requestedByName,
    items: r.itemIds.map((iid) => ({ id: iid, name: names.get(iid) ?? `#${iid}`, approved: r.approvedItemIds ? r.approvedItemIds.includes(iid) : null })),
    conditions: r.conditions ?? null,
    rejection: r.rejectCategory ? { category: r.rejectCategory, categoryLabel: REJECT_REASON_CATEGORY_LABELS[r.rejectCategory], reason: r.rejectReason ?? '' } : null,
    coordinationReason: r.coordinationReason ?? null,
    steps: stepDtos,
    history: history.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      event: h.event as ShareEvent,
      fromStatus: h.fromStatus ?? null,
      toStatus: h.toStatus,
      actorName: h.actorName,
      actorDepartment: h.actorDepartment?.getEntity().name ?? null,
      onBehalfOf: h.onBehalfOf?.getEntity().name ?? null,
      note: h.note ?? null,
    })),
    grant: grant ? { id: grant.id, state: grantState(grant.status, grant.validUntil, shanghaiDate(now)), validUntil: grant.validUntil } : null,
    messageCount: await em.count(ShareMessage, { request: r.id }),
    parties: resolution.parties,
    actions,
  };
}

/**
 * The search box of the request lists: a 申请编号 (GXSQ-2026-003201) finds that request, a bare number (3201 or
 * #3201) the request of that id as well as the words; otherwise the resource's name or code, or the purpose.
 */
export function requestSearch(em: ShareContext['em'], q: string): FilterQuery<IShareRequest> {
  const code = parseShareRequestCode(q);
  if (code) return { id: code.id, submittedAt: shanghaiYearRange(code.year) };
  const like = containsText(em, q);
  const words: FilterQuery<IShareRequest>[] = [{ entry: { name: like } }, { entry: { code: like } }, { purpose: like }];
  const id = recordIdIn(q);
  return { $or: id ? [{ id }, ...words] : words };
}
