import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate } from '@govdata/workdays';
import {
  assertCanRegisterTrigger,
  clockClause,
  assertCanResolveTrigger,
  assertTriggerDate,
  canCancelTrigger,
  canResolveTrigger,
  ConflictError,
  departmentScope,
  ForbiddenError,
  recordIdIn,
  maintainingDepartment,
  NotFoundError,
  parseInstant,
  RuleViolationError,
  TRIGGER_KIND_LABELS,
  type Actor,
  type Page,
  type TriggerDto,
  type TriggerInput,
  type TriggerQuery,
  consoleLinks,
} from '@govdata/domain';
import { audit, type CalendarHolder, cancelDeadline, containsText, completeDeadline, Deadline, deadlineView, Department, departmentRecipients, departmentSummary, findOpenDeadline, type IDeadline, notify, openDeadline } from '@govdata/core';
import { CatalogEntryVersion } from './entities/catalog-entry-version.entity';
import { CatalogTriggerLink, CatalogUpdateTrigger, type ICatalogUpdateTrigger } from './entities/catalog-update-trigger.entity';
import { loadLeads, leadKey } from './leads';

/** 第七条: the subject of the catalog_update deadline. */
export const TRIGGER_SUBJECT = 'update_trigger';

/** The clock starts on the day the revision or the change of functions took effect (“之日起”, 第七条). */
export const triggerStart = (effectiveDate: string): Date => parseInstant(effectiveDate);

/**
 * Registers a law revision or a change of functions for a department and starts its 15-working-day clock (第七条).
 * The department's data officers are told.
 */
export async function registerTrigger(em: EntityManager, actor: Actor, input: TriggerInput, calendar: CalendarHolder, now: Date): Promise<{ id: number; dueAt: string; dueDate: string }> {
  assertCanRegisterTrigger(actor, input.departmentId);
  const dept = await em.findOne(Department, input.departmentId);
  if (!dept) throw new RuleViolationError(`部门 ${input.departmentId} 不存在`, 'department.not_found');
  assertTriggerDate(input.effectiveDate, shanghaiDate(now));
  const trigger = em.create(CatalogUpdateTrigger, {
    department: dept,
    kind: input.kind,
    reference: input.reference,
    effectiveDate: input.effectiveDate,
    note: input.note,
    status: 'open',
    registeredBy: actor.userId,
    registeredAt: now,
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    cancelReason: null,
  });
  await em.flush();
  const deadline = await openDeadline(em, calendar, { kind: 'catalog_update', subjectType: TRIGGER_SUBJECT, subjectId: trigger.id, departmentId: dept.id, startedAt: triggerStart(input.effectiveDate) }, now);
  audit(em, { actor, action: 'catalog.trigger.register', subjectType: TRIGGER_SUBJECT, subjectId: trigger.id, after: { ...input, dueDate: deadline.dueDate }, at: now });
  await notify(
    em,
    await departmentRecipients(em, dept.id),
    {
      kind: 'catalog.update_trigger',
      title: '资源目录更新提醒',
      body: `因${TRIGGER_KIND_LABELS[input.kind]}（${input.reference}，${input.effectiveDate} 生效），请于 ${deadline.dueDate} 前更新本部门政务数据资源目录（${clockClause('catalog_update', deadline.ruleSet, { n: deadline.periodN, unit: deadline.periodUnit })}）。`,
      link: consoleLinks.updateTrigger(trigger.id),
      subjectType: TRIGGER_SUBJECT,
      subjectId: trigger.id,
      dedupeKey: `catalog-trigger:${trigger.id}`,
    },
    now,
  );
  await em.flush();
  return { id: trigger.id, dueAt: deadline.dueAt.toISOString(), dueDate: deadline.dueDate };
}

async function linksOf(em: EntityManager, ids: number[]): Promise<Map<number, TriggerDto['links']>> {
  const map = new Map<number, TriggerDto['links']>();
  if (!ids.length) return map;
  const links = await em.find(CatalogTriggerLink, { trigger: { $in: ids } }, { populate: ['version.entry'], exclude: ['version.snapshot'] as never, orderBy: { id: 'asc' } });
  for (const l of links) {
    const v = l.version.getEntity();
    const e = v.entry.getEntity();
    const list = map.get(l.trigger.id) ?? [];
    list.push({ versionId: v.id, entryId: e.id, code: e.code, name: e.name, version: v.version, changedAt: v.changedAt.toISOString() });
    map.set(l.trigger.id, list);
  }
  return map;
}

function triggerDto(actor: Actor, t: ICatalogUpdateTrigger, d: IDeadline | undefined, links: TriggerDto['links'], calendar: CalendarHolder, now: Date): TriggerDto {
  const view = d ? deadlineView(d, calendar.lenient, now) : null;
  return {
    id: t.id,
    department: departmentSummary(t.department.getEntity()),
    kind: t.kind,
    reference: t.reference,
    effectiveDate: t.effectiveDate,
    note: t.note ?? null,
    status: t.status,
    registeredBy: t.registeredBy?.isInitialized() ? t.registeredBy.getEntity().displayName : null,
    registeredAt: t.registeredAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    resolutionNote: t.resolutionNote ?? null,
    cancelReason: t.cancelReason ?? null,
    deadline: view
      ? {
          // a clock past due is overdue whether or not the sweep has flagged it yet
          state: view.state === 'open' && d && d.dueAt.getTime() < now.getTime() ? 'overdue' : view.state,
          dueAt: view.dueAt,
          dueDate: view.dueDate,
          provisional: view.provisional,
          workingDaysLeft: view.workingDaysLeft,
          workingDaysLate: view.workingDaysLate,
          completedAt: view.completedAt,
          standing: view.standing,
        }
      : null,
    links,
    permissions: { resolve: t.status === 'open' && canResolveTrigger(actor, t.department.id), cancel: t.status === 'open' && canCancelTrigger(actor) },
  };
}

/**
 * `?state=open|overdue|met|missed|cancelled`: open = running and not yet due; overdue = past due and not done
 * (flagged by the sweep or not yet); met / missed = resolved in time / late. Most urgent first.
 */
export async function listTriggers(em: EntityManager, actor: Actor, query: TriggerQuery, calendar: CalendarHolder, now: Date): Promise<Page<TriggerDto>> {
  const departmentId = departmentScope(actor, query.departmentId, '目录更新事项');
  const where: FilterQuery<IDeadline> = { kind: 'catalog_update', subjectType: TRIGGER_SUBJECT };
  if (departmentId) where.department = departmentId;
  if (query.state === 'open') Object.assign(where, { state: 'open', dueAt: { $gte: now } });
  else if (query.state === 'overdue') where.$or = [{ state: 'overdue' }, { state: 'open', dueAt: { $lt: now } }];
  else if (query.state) where.state = query.state;
  if (query.kind || query.q) {
    const id = recordIdIn(query.q);
    const text = query.q && !id ? { reference: containsText(em, query.q) } : {};
    const ids = await em.find(CatalogUpdateTrigger, { ...(query.kind ? { kind: query.kind } : {}), ...(id ? { id } : {}), ...text, ...(departmentId ? { department: departmentId } : {}) }, { fields: ['id'] });
    where.subjectId = { $in: ids.map((t) => t.id) };
  }
  const [deadlines, total] = await em.findAndCount(Deadline, where, {
    orderBy: { dueAt: query.state === 'met' || query.state === 'missed' ? 'desc' : 'asc', id: 'asc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
    populate: ['department'],
  });
  const ids = deadlines.map((d) => d.subjectId);
  const triggers = new Map((await em.find(CatalogUpdateTrigger, { id: { $in: ids } }, { populate: ['department', 'registeredBy'] })).map((t) => [t.id, t]));
  const links = await linksOf(em, ids);
  const items = deadlines.flatMap((d) => {
    const t = triggers.get(d.subjectId);
    return t ? [triggerDto(actor, t, d, links.get(t.id) ?? [], calendar, now)] : [];
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function loadTrigger(em: EntityManager, id: number): Promise<ICatalogUpdateTrigger> {
  const t = await em.findOne(CatalogUpdateTrigger, id, { populate: ['department', 'registeredBy'] });
  if (!t) throw new NotFoundError(`目录更新事项 ${id} 不存在`, 'catalog.trigger_not_found');
  return t;
}

export async function getTrigger(em: EntityManager, actor: Actor, id: number, calendar: CalendarHolder, now: Date): Promise<TriggerDto> {
  const t = await loadTrigger(em, id);
  departmentScope(actor, t.department.id, '目录更新事项');
  const d = await em.findOne(Deadline, { kind: 'catalog_update', subjectType: TRIGGER_SUBJECT, subjectId: id }, { orderBy: { id: 'desc' }, populate: ['department'] });
  return triggerDto(actor, t, d ?? undefined, (await linksOf(em, [id])).get(id) ?? [], calendar, now);
}

/** Versions of the department's entries published since the trigger took effect: what may be linked to resolve it. */
export async function linkableVersions(em: EntityManager, actor: Actor, id: number) {
  const t = await loadTrigger(em, id);
  assertCanResolveTrigger(actor, t.department.id);
  const leads = await loadLeads(em);
  const led = [...leads].filter(([, d]) => d === t.department.id).map(([k]) => k.slice(k.indexOf(':') + 1));
  const rows = await em.find(
    CatalogEntryVersion,
    { changedAt: { $gte: triggerStart(t.effectiveDate) }, entry: { $or: [{ provider: t.department.id, resourceType: 'department' }, ...(led.length ? [{ library: { $in: led }, resourceType: { $ne: 'department' as const } }] : [])] } },
    { populate: ['entry'], exclude: ['snapshot'], orderBy: { changedAt: 'desc' }, limit: 200 },
  );
  return rows.map((v) => ({ versionId: v.id, entryId: v.entry.id, code: v.entry.getEntity().code, name: v.entry.getEntity().name, version: v.version, changedAt: v.changedAt.toISOString(), note: v.note ?? null, changeCount: v.diff.length }));
}

/**
 * The department resolves the trigger by linking the catalog versions it published after the change took effect;
 * the clock stops now (met when in time, missed when late).
 */
export async function resolveTrigger(em: EntityManager, actor: Actor, id: number, body: { versionIds: number[]; note: string | null }, calendar: CalendarHolder, now: Date): Promise<TriggerDto> {
  const t = await loadTrigger(em, id);
  assertCanResolveTrigger(actor, t.department.id);
  if (t.status !== 'open') throw new ConflictError(`该事项已${t.status === 'resolved' ? '办结' : '撤销'}`, 'catalog.trigger_closed');
  const versions = await em.find(CatalogEntryVersion, { id: { $in: body.versionIds } }, { populate: ['entry'], exclude: ['snapshot'] });
  const leads = await loadLeads(em);
  const start = triggerStart(t.effectiveDate);
  for (const vid of new Set(body.versionIds)) {
    const v = versions.find((x) => x.id === vid);
    if (!v) throw new RuleViolationError(`目录版本 ${vid} 不存在`, 'catalog.version_not_found');
    const e = v.entry.getEntity();
    const maintainer = maintainingDepartment({ providerId: e.provider.id, resourceType: e.resourceType }, leads.get(leadKey(e.resourceType, e.library)) ?? null);
    if (maintainer !== t.department.id) throw new RuleViolationError(`“${e.name}”第 ${v.version} 版不是本部门维护的资源，不能用于办结`, 'catalog.trigger_foreign_version');
    if (v.changedAt.getTime() < start.getTime()) throw new RuleViolationError(`“${e.name}”第 ${v.version} 版发布于事由生效（${t.effectiveDate}）之前，不能证明已按事由更新`, 'catalog.trigger_old_version');
  }
  for (const vid of new Set(body.versionIds)) em.create(CatalogTriggerLink, { trigger: t, version: vid });
  Object.assign(t, { status: 'resolved', resolvedAt: now, resolvedBy: actor.userId, resolutionNote: body.note });
  const deadline = await findOpenDeadline(em, TRIGGER_SUBJECT, id, 'catalog_update');
  const state = deadline ? completeDeadline(deadline, now) : null;
  audit(em, { actor, action: 'catalog.trigger.resolve', subjectType: TRIGGER_SUBJECT, subjectId: id, before: { status: 'open' }, after: { status: 'resolved', deadline: state, versionIds: body.versionIds }, at: now });
  await em.flush();
  return getTrigger(em, actor, id, calendar, now);
}

/** The bureau withdraws a trigger registered in error; its clock is cancelled. */
export async function cancelTrigger(em: EntityManager, actor: Actor, id: number, reason: string, calendar: CalendarHolder, now: Date): Promise<TriggerDto> {
  if (!canCancelTrigger(actor)) throw new ForbiddenError('只有平台管理员可以撤销目录更新事项', 'catalog.trigger_cancel_forbidden');
  const t = await loadTrigger(em, id);
  if (t.status !== 'open') throw new ConflictError(`该事项已${t.status === 'resolved' ? '办结' : '撤销'}`, 'catalog.trigger_closed');
  Object.assign(t, { status: 'cancelled', cancelReason: reason, resolvedAt: now, resolvedBy: actor.userId });
  const deadline = await findOpenDeadline(em, TRIGGER_SUBJECT, id, 'catalog_update');
  if (deadline) cancelDeadline(deadline, now);
  audit(em, { actor, action: 'catalog.trigger.cancel', subjectType: TRIGGER_SUBJECT, subjectId: id, before: { status: 'open' }, after: { status: 'cancelled', reason }, at: now });
  await em.flush();
  return getTrigger(em, actor, id, calendar, now);
}
