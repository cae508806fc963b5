import { type FilterQuery, QueryOrder } from '@mikro-orm/core';
import {
  allowedEvents,
  assertCanRead,
  ForbiddenError,
  NotFoundError,
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
  type DeadlineState,
  type GrantStatus,
  type Page,
  type RejectReasonCategory,
  type ShareEvent,
  type ShareRequestDetail,
  type ShareRequestQuery,
  type ShareRequestSummary,
  type ShareStepDecision,
  type ShareStepDto,
  type ShareStepKind,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { containsText, deadlineView, departmentSummary, fromSqlTime, isPostgres, selectList, sqlAll, sqlIso, sqlRows } from '@govdata/core';
import { ShareRequest, type IShareRequest } from './entities/share-request.entity';
import { agentScopes, itemNames, type ShareContext } from './common';

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
    fastTrack: entry.highFrequency,
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
  if (query.box === 'review' && !isBureau(actor) && !hasRole(actor, 'leader')) throw new ForbiddenError('审查队列仅平台管理员可以查看', 'share_request.review_queue_forbidden');
  // the common case (no text search) runs as bound SQL: the list is the busiest authenticated page (bench:api)
  if (!query.q) return listShareRequestsSql(ctx, query, queue, await sqlVisibility(ctx, query.box === 'todo'));
  if (query.box === 'review') {
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
  and.push(requestSearch(em, query.q));
  const orderBy = queue
    ? [...(query.box === 'review' ? [{ entry: { highFrequency: QueryOrder.DESC } }] : []), { currentDueAt: QueryOrder.ASC_NULLS_LAST }, { id: QueryOrder.ASC }]
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

/**
 * The columns of a request's summary over `share_requests s` joined with its entry `e`, requester `r` and provider
 * `p`, read as arrays (sqlRows: no object a row; `SUMMARY.at` names the positions).
 */
const SUMMARY_FIELDS = {
  id: 's.id',
  status: 's.status',
  origin: 's.origin',
  share_type: 's.share_type',
  item_ids: 's.item_ids',
  purpose: 's.purpose',
  submitted_at: 's.submitted_at',
  updated_at: 's.updated_at',
  decided_at: 's.decided_at',
  current_step_kind: 's.current_step_kind',
  current_due_at: 's.current_due_at',
  current_due_date: 's.current_due_date',
  e_id: 'e.id',
  e_code: 'e.code',
  e_name: 'e.name',
  e_high_frequency: 'e.high_frequency',
  r_id: 'r.id',
  r_code: 'r.code',
  r_name: 'r.name',
  p_id: 'p.id',
  p_code: 'p.code',
  p_name: 'p.name',
} as const;
const SUMMARY = selectList(SUMMARY_FIELDS);
const S = SUMMARY.at;
const SUMMARY_JOINS = ' from share_requests s join catalog_entries e on e.id = s.entry_id join departments r on r.id = s.requester_id join departments p on p.id = s.provider_id';

const sqlTime = (v: unknown): Date | null => (v == null ? null : fromSqlTime(v));
const sqlJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** shareRequestSummary of a row of SUMMARY's columns (the first ones of the row: a longer list may follow them). */
function summaryFromRow(r: readonly unknown[], ctx: Pick<ShareContext, 'calendar' | 'now'>): ShareRequestSummary {
  const submittedAt = fromSqlTime(r[S.submitted_at]);
  const dueAt = sqlTime(r[S.current_due_at]);
  const dueDate = (r[S.current_due_date] as string | null) ?? null;
  const stepKind = (r[S.current_step_kind] as ShareStepKind | null) ?? null;
  const st = dueAt && dueDate ? standing(ctx.calendar.lenient, { dueAt, dueDate }, ctx.now) : null;
  const id = Number(r[S.id]);
  return {
    id,
    code: shareRequestCode(id, submittedAt),
    status: r[S.status] as ShareRequestSummary['status'],
    origin: r[S.origin] as ShareRequestSummary['origin'],
    entry: { id: Number(r[S.e_id]), code: String(r[S.e_code]), name: String(r[S.e_name]), shareType: r[S.share_type] as ShareRequestSummary['entry']['shareType'] },
    requester: { id: Number(r[S.r_id]), code: String(r[S.r_code]), name: String(r[S.r_name]) },
    provider: { id: Number(r[S.p_id]), code: String(r[S.p_code]), name: String(r[S.p_name]) },
    itemCount: sqlJson<number[]>(r[S.item_ids]).length,
    purpose: String(r[S.purpose]),
    submittedAt: sqlIso(r[S.submitted_at]),
    updatedAt: sqlIso(r[S.updated_at]),
    decidedAt: r[S.decided_at] == null ? null : sqlIso(r[S.decided_at]),
    current:
      st && stepKind && dueAt && dueDate
        ? { kind: stepKind, dueAt: sqlIso(r[S.current_due_at]), dueDate, overdue: st.overdue, workingDaysLeft: st.workingDaysLeft, workingDaysLate: st.workingDaysLate, standing: st }
        : null,
    fastTrack: r[S.e_high_frequency] === true || Number(r[S.e_high_frequency]) === 1,
  };
}

/** A condition and its arguments added to `where` (a function, not a closure per request: docs/performance.md). */
function addWhere(where: SqlWhere, sql: string, ...args: (string | number | Date)[]): void {
  where.sql.push(sql);
  where.args.push(...args);
}

/** listShareRequests without a text search: the same filters and order as bound SQL, a count without joins. */
async function listShareRequestsSql(ctx: ShareContext, query: ShareRequestQuery, queue: boolean, visible: SqlWhere | null): Promise<Page<ShareRequestSummary>> {
  const { em, actor, now } = ctx;
  if (!visible) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const where: SqlWhere = { sql: [...visible.sql], args: [...visible.args] };
  if (query.box === 'review') addWhere(where, "s.status in ('submitted', 'coordinating')");
  if (query.box === 'mine') addWhere(where, 's.requester_id = ?', actor.departmentId);
  if (query.box === 'provided') addWhere(where, 's.provider_id = ?', actor.departmentId);
  if (query.box === 'todo') addWhere(where, "s.status in ('provider_review', 'negotiating')");
  if (query.status) addWhere(where, 's.status = ?', query.status);
  if (query.entryId) addWhere(where, 's.entry_id = ?', query.entryId);
  if (query.overdue === true) addWhere(where, 's.current_due_at < ?', now);
  if (query.overdue === false) addWhere(where, '(s.current_due_at is null or s.current_due_at >= ?)', now);
  const whereSql = where.sql.length ? ` where ${where.sql.join(' and ')}` : '';
  // the bureau's review queue puts the 高频数据共享库's requests first (第十八条: fast-tracked), then by due time
  const fastTrack = query.box === 'review' ? 'e.high_frequency desc, ' : '';
  const order = queue ? fastTrack + (isPostgres(em) ? 's.current_due_at asc nulls last, s.id asc' : 's.current_due_at is null, s.current_due_at asc, s.id asc') : 's.submitted_at desc, s.id desc';
  const [counted, rows] = await Promise.all([
    sqlAll<{ n: number | string }>(em, `select count(*) as n from share_requests s${whereSql}`, where.args),
    sqlRows(
      em,
      `select ${SUMMARY.sql}${SUMMARY_JOINS}${whereSql} order by ${order} limit ? offset ?`,
      [...where.args, query.pageSize, (query.page - 1) * query.pageSize],
    ),
  ]);
  const items = rows.map((r) => summaryFromRow(r, ctx));
  return { items, total: Number(counted[0]?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/**
 * The request with its steps (each with its clock: kind, due, completed, met), history, items, grant and the actions
 * open to the user. Read as bound SQL in four statements — the request with its grant and message count, the steps
 * with their clocks, the history, the item names — and mapped to the DTO (bench:api: through the ORM, eight
 * hydrating queries took ~18 ms of CPU and queued eight times behind every other request for SQLite's connection).
 */
export async function getShareRequest(ctx: ShareContext, id: number): Promise<ShareRequestDetail> {
  const { em, now, calendar, actor } = ctx;
  const [[r], scopes] = await Promise.all([
    sqlAll<Record<string, unknown>>(
      em,
      `select ${SUMMARY.sql}, s.entry_version, s.scenario, s.duty, s.contact, s.expected_daily_calls, s.requested_by_name, s.approved_item_ids, s.conditions, s.reject_category, s.reject_reason,` +
        ' s.coordination_reason, e.share_conditions as e_share_conditions,' +
        ' (select count(*) from share_request_messages m where m.request_id = s.id) as message_count,' +
        ' g.id as g_id, g.status as g_status, g.valid_until as g_valid_until' +
        `${SUMMARY_JOINS} left join share_grants g on g.request_id = s.id where s.id = ?`,
      [id],
    ),
    agentScopes(em, actor.userId),
  ]);
  if (!r) throw new NotFoundError(`共享申请 ${id} 不存在`, 'share_request.not_found');
  const resolution = assertCanRead(actor, { requesterId: Number(r.r_id), providerId: Number(r.p_id), entryId: Number(r.e_id) }, scopes);
  const itemIds = sqlJson<number[]>(r.item_ids);
  const approvedItemIds = r.approved_item_ids == null ? null : sqlJson<number[] | null>(r.approved_item_ids);
  const [steps, history, names] = await Promise.all([
    sqlAll<Record<string, unknown>>(
      em,
      'select st.id, st.seq, st.kind, st.started_at, st.decided_at, st.decision, st.actor_name, st.reason_category, st.reason,' +
        ' sd.id as d_id, sd.code as d_code, sd.name as d_name, so.id as o_id, so.code as o_code, so.name as o_name,' +
        ' dl.id as dl_id, dl.kind as dl_kind, dl.subject_type as dl_subject_type, dl.subject_id as dl_subject_id, dl.responsible as dl_responsible,' +
        ' dl.started_at as dl_started_at, dl.due_at as dl_due_at, dl.due_date as dl_due_date, dl.period_n as dl_period_n, dl.period_unit as dl_period_unit,' +
        ' dl.rule_set as dl_rule_set, dl.rule_set_version as dl_rule_set_version, dl.provisional as dl_provisional, dl.state as dl_state, dl.completed_at as dl_completed_at' +
        ' from share_request_steps st left join departments sd on sd.id = st.department_id left join departments so on so.id = st.on_behalf_of_id' +
        ' left join deadlines dl on dl.subject_type = ? and dl.subject_id = st.id where st.request_id = ? order by st.seq asc, dl.id asc',
      [SHARE_STEP_SUBJECT, id],
    ),
    sqlAll<Record<string, unknown>>(
      em,
      'select h.id, h.at, h.event, h.from_status, h.to_status, h.actor_name, ad.name as actor_department, ob.name as on_behalf_of, h.note' +
        ' from share_request_events h left join departments ad on ad.id = h.actor_department_id left join departments ob on ob.id = h.on_behalf_of_id' +
        ' where h.request_id = ? order by h.at asc, h.id asc',
      [id],
    ),
    itemNames(em, [...itemIds, ...(approvedItemIds ?? [])]),
  ]);
  const shareType = r.share_type as ShareRequestDetail['entry']['shareType'];
  const status = r.status as ShareRequestDetail['status'];
  let actions: ShareEvent[] = allowedEvents(status, resolution.parties);
  actions = actions.filter((e) => e !== (shareType === 'unconditional' ? 'pass_conditional' : 'pass_unconditional'));

  // a step has one clock; should a second deadline row ever name it, the last one wins (as the map of clocks did)
  const stepDtos = new Map<number, ShareStepDto>();
  for (const s of steps) {
    const startedAt = fromSqlTime(s.started_at);
    const c =
      s.dl_id == null
        ? undefined
        : deadlineView(
            {
              id: Number(s.dl_id),
              kind: String(s.dl_kind),
              subjectType: String(s.dl_subject_type),
              subjectId: Number(s.dl_subject_id),
              department: null,
              responsible: s.dl_responsible as 'department' | 'bureau',
              startedAt: fromSqlTime(s.dl_started_at),
              dueAt: fromSqlTime(s.dl_due_at),
              dueDate: String(s.dl_due_date),
              periodN: Number(s.dl_period_n),
              periodUnit: s.dl_period_unit as 'working' | 'natural',
              ruleSet: String(s.dl_rule_set),
              ruleSetVersion: Number(s.dl_rule_set_version),
              provisional: s.dl_provisional === true || Number(s.dl_provisional) === 1,
              state: s.dl_state as DeadlineState,
              completedAt: sqlTime(s.dl_completed_at),
            },
            calendar.lenient,
            now,
          );
    const kind = s.kind as ShareStepKind;
    stepDtos.set(Number(s.id), {
      id: Number(s.id),
      seq: Number(s.seq),
      kind,
      kindLabel: SHARE_STEP_KIND_LABELS[kind],
      department: s.d_id == null ? null : { id: Number(s.d_id), code: String(s.d_code), name: String(s.d_name) },
      startedAt: startedAt.toISOString(),
      dueAt: c?.dueAt ?? startedAt.toISOString(),
      dueDate: c?.dueDate ?? '',
      provisional: c?.provisional ?? false,
      completedAt: c?.completedAt ?? sqlTime(s.decided_at)?.toISOString() ?? null,
      met: c?.met ?? null,
      deadlineState: c?.state ?? 'open',
      workingDaysLeft: c?.workingDaysLeft ?? null,
      workingDaysLate: c?.workingDaysLate ?? null,
      standing: c?.standing ?? null,
      decision: (s.decision as ShareStepDecision | null) ?? null,
      actorName: (s.actor_name as string | null) ?? null,
      onBehalfOf: s.o_id == null ? null : { id: Number(s.o_id), code: String(s.o_code), name: String(s.o_name) },
      reasonCategory: (s.reason_category as ShareStepDto['reasonCategory']) ?? null,
      reason: (s.reason as string | null) ?? null,
    });
  }
  const rejectCategory = (r.reject_category as RejectReasonCategory | null) ?? null;
  // the statement's first columns are SUMMARY's, in its order
  const summary = summaryFromRow(Object.values(r), ctx);
  const nullable = (v: unknown) => (v == null ? null : String(v));

  return {
    ...summary,
    entryVersion: Number(r.entry_version),
    entry: { ...summary.entry, shareConditions: nullable(r.e_share_conditions), provider: summary.provider },
    scenario: String(r.scenario),
    duty: nullable(r.duty),
    contact: nullable(r.contact),
    expectedDailyCalls: r.expected_daily_calls === null || r.expected_daily_calls === undefined ? null : Number(r.expected_daily_calls),
    requestedBy: String(r.requested_by_name),
    items: itemIds.map((iid) => ({ id: iid, name: names.get(iid) ?? `#${iid}`, approved: approvedItemIds ? approvedItemIds.includes(iid) : null })),
    conditions: nullable(r.conditions),
    rejection: rejectCategory ? { category: rejectCategory, categoryLabel: REJECT_REASON_CATEGORY_LABELS[rejectCategory], reason: nullable(r.reject_reason) ?? '' } : null,
    coordinationReason: nullable(r.coordination_reason),
    steps: [...stepDtos.values()],
    history: history.map((h) => ({
      id: Number(h.id),
      at: fromSqlTime(h.at).toISOString(),
      event: h.event as ShareEvent,
      fromStatus: (h.from_status as ShareRequestDetail['history'][number]['fromStatus']) ?? null,
      toStatus: h.to_status as ShareRequestDetail['history'][number]['toStatus'],
      actorName: String(h.actor_name),
      actorDepartment: nullable(h.actor_department),
      onBehalfOf: nullable(h.on_behalf_of),
      note: nullable(h.note),
    })),
    grant: r.g_id == null ? null : { id: Number(r.g_id), state: grantState(r.g_status as GrantStatus, String(r.g_valid_until), shanghaiDate(now)), validUntil: String(r.g_valid_until) },
    messageCount: Number(r.message_count),
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
