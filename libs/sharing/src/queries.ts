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
  type ShareStepKind,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { containsText, Deadline, deadlineView, departmentSummary, fromSqlTime, isPostgres, sqlAll } from '@govdata/core';
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
  // the common case (no text search) runs as bound SQL: the list is the busiest authenticated page (bench:api)
  if (!query.q) return listShareRequestsSql(ctx, query, queue, await sqlVisibility(ctx, query.box === 'todo'));
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

interface SqlWhere {
  sql: string[];
  args: (string | number | Date)[];
}

/** `visibility` as SQL over `share_requests s`; null: nothing visible. */
async function sqlVisibility(ctx: ShareContext, providerSideOnly: boolean): Promise<SqlWhere | null> {
  const { actor } = ctx;
  if (!providerSideOnly && (isBureau(actor) || hasRole(actor, 'leader'))) return { sql: [], args: [] };
  const ors: string[] = [];
  const args: number[] = [];
  if (hasRole(actor, 'dept_admin', 'bureau_admin')) {
    ors.push('s.provider_id = ?');
    args.push(actor.departmentId);
    if (!providerSideOnly) {
      ors.push('s.requester_id = ?');
      args.push(actor.departmentId);
    }
  }
  if (hasRole(actor, 'dept_agent')) {
    for (const a of await agentScopes(ctx.em, actor.userId)) {
      if (a.entryId === null) {
        ors.push('s.provider_id = ?');
        args.push(a.providerId);
      } else {
        ors.push('(s.provider_id = ? and s.entry_id = ?)');
        args.push(a.providerId, a.entryId);
      }
    }
  }
  return ors.length ? { sql: [`(${ors.join(' or ')})`], args } : null;
}

/** listShareRequests without a text search: the same filters and order as bound SQL, a count without joins. */
async function listShareRequestsSql(ctx: ShareContext, query: ShareRequestQuery, queue: boolean, visible: SqlWhere | null): Promise<Page<ShareRequestSummary>> {
  const { em, actor, now } = ctx;
  if (!visible) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const where: SqlWhere = { sql: [...visible.sql], args: [...visible.args] };
  const add = (sql: string, ...args: (string | number | Date)[]) => {
    where.sql.push(sql);
    where.args.push(...args);
  };
  if (query.box === 'review') add("s.status in ('submitted', 'coordinating')");
  if (query.box === 'mine') add('s.requester_id = ?', actor.departmentId);
  if (query.box === 'provided') add('s.provider_id = ?', actor.departmentId);
  if (query.box === 'todo') add("s.status in ('provider_review', 'negotiating')");
  if (query.status) add('s.status = ?', query.status);
  if (query.entryId) add('s.entry_id = ?', query.entryId);
  if (query.overdue === true) add('s.current_due_at < ?', now);
  if (query.overdue === false) add('(s.current_due_at is null or s.current_due_at >= ?)', now);
  const whereSql = where.sql.length ? ` where ${where.sql.join(' and ')}` : '';
  const order = queue ? (isPostgres(em) ? 's.current_due_at asc nulls last, s.id asc' : 's.current_due_at is null, s.current_due_at asc, s.id asc') : 's.submitted_at desc, s.id desc';
  const [counted, rows] = await Promise.all([
    sqlAll<{ n: number | string }>(em, `select count(*) as n from share_requests s${whereSql}`, where.args),
    sqlAll<Record<string, unknown>>(
      em,
      'select s.id, s.status, s.origin, s.share_type, s.item_ids, s.purpose, s.submitted_at, s.updated_at, s.decided_at, s.current_step_kind, s.current_due_at, s.current_due_date,' +
        ' e.id as e_id, e.code as e_code, e.name as e_name, r.id as r_id, r.code as r_code, r.name as r_name, p.id as p_id, p.code as p_code, p.name as p_name' +
        ' from share_requests s join catalog_entries e on e.id = s.entry_id join departments r on r.id = s.requester_id join departments p on p.id = s.provider_id' +
        `${whereSql} order by ${order} limit ? offset ?`,
      [...where.args, query.pageSize, (query.page - 1) * query.pageSize],
    ),
  ]);
  const time = (v: unknown) => (v == null ? null : fromSqlTime(v));
  const items = rows.map((r): ShareRequestSummary => {
    const submittedAt = fromSqlTime(r.submitted_at);
    const dueAt = time(r.current_due_at);
    const dueDate = (r.current_due_date as string | null) ?? null;
    const stepKind = (r.current_step_kind as ShareStepKind | null) ?? null;
    const st = dueAt && dueDate ? standing(ctx.calendar.lenient, { dueAt, dueDate }, now) : null;
    const itemIds = (typeof r.item_ids === 'string' ? JSON.parse(r.item_ids) : r.item_ids) as number[];
    return {
      id: Number(r.id),
      code: shareRequestCode(Number(r.id), submittedAt),
      status: r.status as ShareRequestSummary['status'],
      origin: r.origin as ShareRequestSummary['origin'],
      entry: { id: Number(r.e_id), code: String(r.e_code), name: String(r.e_name), shareType: r.share_type as ShareRequestSummary['entry']['shareType'] },
      requester: { id: Number(r.r_id), code: String(r.r_code), name: String(r.r_name) },
      provider: { id: Number(r.p_id), code: String(r.p_code), name: String(r.p_name) },
      itemCount: itemIds.length,
      purpose: String(r.purpose),
      submittedAt: submittedAt.toISOString(),
      updatedAt: fromSqlTime(r.updated_at).toISOString(),
      decidedAt: time(r.decided_at)?.toISOString() ?? null,
      current:
        st && stepKind && dueAt && dueDate
          ? { kind: stepKind, dueAt: dueAt.toISOString(), dueDate, overdue: st.overdue, workingDaysLeft: st.workingDaysLeft, workingDaysLate: st.workingDaysLate, standing: st }
          : null,
    };
  });
  return { items, total: Number(counted[0]?.n ?? 0), page: query.page, pageSize: query.pageSize };
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
