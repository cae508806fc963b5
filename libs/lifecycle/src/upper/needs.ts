import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanSubmitNeed,
  assertCanWithdrawNeed,
  assertNeedItems,
  ConflictError,
  needPermissions,
  NotFoundError,
  parseUpperNeedCode,
  readsAllDepartments,
  standing,
  upperApplicationCode,
  upperNeedCode,
  ValidationError,
  type Actor,
  type CreateUpperNeedInput,
  type DeadlineState,
  type Page,
  type UpperNeedDto,
  type UpperNeedQuery,
} from '@govdata/domain';
import { audit, cancelDeadline, containsText, Deadline, Department, departmentSummary, findOpenDeadline, notifyMany, openDeadline, roleRecipients } from '@govdata/core';
import type { LifecycleContext } from '../corrections';
import { UpperNeed, type IUpperNeed } from './entities/upper-need.entity';
import { UpperResource } from './entities/upper-resource.entity';

/** Deadline subjects: a need's submission clock, an application's pass-back clock. */
export const UPPER_NEED_SUBJECT = 'upper_need';
export const UPPER_APPLICATION_SUBJECT = 'upper_application';

/**
 * 上级数据需求 (第十八条): a department states what it needs from an upper-level resource. The bureau's commitment to
 * consolidate it and submit it to the upper platform starts (`upper_need_submission`, a 服务承诺 in the rule set; a
 * miss goes on the bureau's service record); the bureau's admins are told.
 */
export async function submitUpperNeed(ctx: LifecycleContext, actor: Actor, input: CreateUpperNeedInput): Promise<{ id: number; code: string; status: 'submitted'; dueAt: string; dueDate: string }> {
  const { em, now } = ctx;
  assertCanSubmitNeed(actor);
  const resource = await em.findOne(UpperResource, input.resourceId);
  if (!resource) throw new ValidationError(`上级资源 ${input.resourceId} 不存在`, [{ path: 'resourceId', message: '上级资源不存在，请从上级数据目录中选择' }], 'upper.resource_not_found');
  assertNeedItems(input.items, resource.items);
  if (await em.count(UpperNeed, { resource: resource.id, department: actor.departmentId, status: { $in: ['submitted', 'consolidated'] } })) {
    throw new ConflictError(`本部门对“${resource.name}”已有待办的需求，请勿重复提出；如需调整，可撤回后重新提出`, 'upper.need_pending');
  }
  const n = em.create(UpperNeed, {
    resource: resource.id,
    department: actor.departmentId,
    requestedBy: actor.userId,
    requestedByName: actor.displayName.slice(0, 60),
    purpose: input.purpose,
    scenario: input.scenario,
    items: resource.items.filter((i) => input.items.includes(i)),
    legalBasis: input.legalBasis,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    status: 'submitted',
    receivedAt: now,
    dueAt: now,
    dueDate: '',
  });
  await em.flush();
  const d = await openDeadline(em, ctx.calendar, { kind: 'upper_need_submission', subjectType: UPPER_NEED_SUBJECT, subjectId: n.id, departmentId: null, startedAt: now }, now);
  n.dueAt = d.dueAt;
  n.dueDate = d.dueDate;
  const code = upperNeedCode(n.id, now);
  audit(em, { actor, action: 'upper_need.submit', subjectType: 'upper_need', subjectId: n.id, after: { resourceId: resource.id, items: n.items, dueDate: n.dueDate }, at: now });
  await notifyMany(
    em,
    [
      {
        recipients: await roleRecipients(em, ['bureau_admin']),
        input: {
          kind: 'upper.need_submitted',
          title: `【上级数据需求】${resource.name}`,
          body: `${await departmentName(em, actor.departmentId)}提出上级数据需求 ${code}（${resource.holder}“${resource.name}”，${n.items.length} 个信息项）。请于 ${d.dueDate} 前汇总并统一向上级共享平台提出申请（第十八条，平台服务承诺）。`,
          link: '/upper/applications',
          subjectType: 'upper_need',
          subjectId: n.id,
          dedupeKey: `upper.need_submitted:${n.id}`,
        },
      },
    ],
    now,
  );
  await em.flush();
  return { id: n.id, code, status: 'submitted', dueAt: d.dueAt.toISOString(), dueDate: d.dueDate };
}

async function departmentName(em: EntityManager, id: number): Promise<string> {
  return (await em.findOne(Department, id, { fields: ['name'] }))?.name ?? `部门 ${id}`;
}

async function loadNeed(em: EntityManager, actor: Actor, id: number): Promise<IUpperNeed> {
  const n = await em.findOne(UpperNeed, id, { populate: ['resource', 'department', 'application'] });
  // another department's need reads as absent (department isolation)
  if (!n || (!readsAllDepartments(actor) && n.department.id !== actor.departmentId)) throw new NotFoundError(`上级数据需求 ${id} 不存在`, 'upper.need_not_found');
  return n;
}

export async function getUpperNeed(ctx: LifecycleContext, actor: Actor, id: number): Promise<UpperNeedDto> {
  const n = await loadNeed(ctx.em, actor, id);
  return (await upperNeedDtos(ctx, actor, [n]))[0] as UpperNeedDto;
}

/** The department withdraws a need still waiting for consolidation; its clock is cancelled. */
export async function withdrawUpperNeed(ctx: LifecycleContext, actor: Actor, id: number): Promise<UpperNeedDto> {
  const { em, now } = ctx;
  const n = await loadNeed(em, actor, id);
  assertCanWithdrawNeed(actor, { departmentId: n.department.id, status: n.status });
  const d = await findOpenDeadline(em, UPPER_NEED_SUBJECT, n.id, 'upper_need_submission');
  if (d) cancelDeadline(d, now);
  em.assign(n, { status: 'withdrawn', withdrawnAt: now });
  audit(em, { actor, action: 'upper_need.withdraw', subjectType: 'upper_need', subjectId: n.id, before: { status: 'submitted' }, after: { status: 'withdrawn' }, at: now });
  await em.flush();
  return (await upperNeedDtos(ctx, actor, [n]))[0] as UpperNeedDto;
}

/** 我的上级数据需求: a department its own; the bureau and leaders every department's. */
export async function listUpperNeeds(ctx: LifecycleContext, actor: Actor, query: UpperNeedQuery): Promise<Page<UpperNeedDto>> {
  const { em } = ctx;
  const and: FilterQuery<IUpperNeed>[] = [];
  if (!readsAllDepartments(actor)) and.push({ department: actor.departmentId });
  else if (query.department) and.push({ department: query.department });
  if (query.status) and.push({ status: query.status });
  if (query.resourceId) and.push({ resource: query.resourceId });
  if (query.q) {
    const id = parseUpperNeedCode(query.q) ?? (/^#\d+$/.test(query.q) ? Number(query.q.slice(1)) : null);
    and.push(id ? { id } : { $or: [{ resource: { name: containsText(em, query.q) } }, { resource: { code: containsText(em, query.q) } }, { purpose: containsText(em, query.q) }] });
  }
  const [rows, total] = await em.findAndCount(UpperNeed, and.length ? { $and: and } : {}, {
    populate: ['resource', 'department', 'application'],
    orderBy: query.status === 'submitted' ? { dueAt: 'asc', id: 'asc' } : { receivedAt: 'desc', id: 'desc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: await upperNeedDtos(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

/** The submission clocks of the needs (the latest per need), read from the deadline rows. */
async function submissionClocks(em: EntityManager, ids: number[]): Promise<Map<number, { state: DeadlineState; completedAt: Date | null; periodUnit: 'working' | 'natural' }>> {
  if (ids.length === 0) return new Map();
  const rows = await em.find(Deadline, { subjectType: UPPER_NEED_SUBJECT, subjectId: { $in: ids }, kind: 'upper_need_submission' }, { fields: ['id', 'subjectId', 'state', 'completedAt', 'periodUnit'], orderBy: { id: 'asc' } });
  return new Map(rows.map((d) => [d.subjectId, { state: d.state, completedAt: d.completedAt ?? null, periodUnit: d.periodUnit }]));
}

export async function upperNeedDtos(ctx: LifecycleContext, actor: Actor, rows: IUpperNeed[]): Promise<UpperNeedDto[]> {
  const { em, now } = ctx;
  const clocks = await submissionClocks(em, rows.map((n) => n.id));
  const calendar = ctx.calendar.lenient;
  return rows.map((n) => {
    const r = n.resource.getEntity();
    const a = n.application?.getEntity() ?? null;
    const clock = clocks.get(n.id);
    const passedBack = n.status === 'answered' && a?.decision && a.referenceNo && a.replyDate;
    return {
      id: n.id,
      code: upperNeedCode(n.id, n.receivedAt),
      resource: { id: r.id, code: r.code, name: r.name, holder: r.holder, level: r.level },
      department: departmentSummary(n.department.getEntity()),
      requestedBy: n.requestedByName,
      purpose: n.purpose,
      scenario: n.scenario,
      items: n.items,
      legalBasis: n.legalBasis,
      contactName: n.contactName,
      contactPhone: n.contactPhone,
      status: n.status,
      receivedAt: n.receivedAt.toISOString(),
      dueAt: n.dueAt.toISOString(),
      dueDate: n.dueDate,
      standing: standing(calendar, { dueAt: n.dueAt, dueDate: n.dueDate, state: clock?.state ?? 'open', completedAt: clock?.completedAt ?? null, unit: clock?.periodUnit }, now),
      application: a ? { id: a.id, code: upperApplicationCode(a.id, a.createdAt), status: a.status, submittedOn: a.submittedOn ?? null } : null,
      reply: passedBack ? { decision: a.decision as NonNullable<typeof a.decision>, referenceNo: a.referenceNo as string, replyDate: a.replyDate as string, conditions: a.conditions ?? null } : null,
      outcome: n.outcome ?? null,
      outcomeItems: n.outcomeItems ?? [],
      outcomeNote: n.outcomeNote ?? null,
      passedBackAt: n.passedBackAt?.toISOString() ?? null,
      withdrawnAt: n.withdrawnAt?.toISOString() ?? null,
      permissions: needPermissions(actor, { departmentId: n.department.id, status: n.status }),
    };
  });
}
