import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import ExcelJS from 'exceljs';
import {
  assertCanPassBack,
  assertCanReply,
  assertCanSubmitApplication,
  ConflictError,
  ForbiddenError,
  isBureau,
  itemsUnion,
  NotFoundError,
  parseUpperApplicationCode,
  resolveOutcomes,
  standing,
  UPPER_APPLICANT,
  UPPER_LEVEL_LABELS,
  UPPER_OUTCOME_LABELS,
  UPPER_REPLY_DECISION_LABELS,
  upperApplicationCode,
  upperApplicationPermissions,
  upperNeedCode,
  ValidationError,
  type Actor,
  type ConsolidateUpperNeedsInput,
  type Page,
  type PassBackUpperApplicationInput,
  type ReplyUpperApplicationInput,
  type SubmitUpperApplicationInput,
  type UpperApplicationDto,
  type UpperApplicationQuery,
  type UpperPendingDto,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { audit, completeDeadline, containsText, Deadline, departmentRecipients, departmentSummary, findOpenDeadline, notifyMany, openDeadline, type Outgoing } from '@govdata/core';
import type { LifecycleContext } from '../corrections';
import { UpperApplication, type IUpperApplication } from './entities/upper-application.entity';
import { UpperNeed, type IUpperNeed } from './entities/upper-need.entity';
import { UpperResource } from './entities/upper-resource.entity';
import { UPPER_APPLICATION_SUBJECT, UPPER_NEED_SUBJECT, upperNeedDtos } from './needs';

const assertBureauReads = (actor: Actor) => {
  if (!isBureau(actor) && !actor.roles.includes('leader')) throw new ForbiddenError('统一申请由政务数据共享管理部门办理；部门请在“我的上级数据需求”中查看进展', 'upper.not_bureau');
};

async function loadApplication(em: EntityManager, id: number): Promise<IUpperApplication> {
  const a = await em.findOne(UpperApplication, id, { populate: ['resource'] });
  if (!a) throw new NotFoundError(`统一申请 ${id} 不存在`, 'upper.application_not_found');
  return a;
}

const needsOf = (em: EntityManager, applicationId: number) =>
  em.find(UpperNeed, { application: applicationId, status: { $ne: 'withdrawn' } }, { populate: ['resource', 'department', 'application'], orderBy: { receivedAt: 'asc', id: 'asc' } });

/**
 * 统一申请 (第十八条): the bureau gathers the open needs for one resource into its batch application — a new draft, or
 * the draft already there (needs that arrive before submission join it). All open needs, or the ones named.
 */
export async function consolidateUpperNeeds(ctx: LifecycleContext, actor: Actor, input: ConsolidateUpperNeedsInput): Promise<UpperApplicationDto> {
  const { em, now } = ctx;
  if (!isBureau(actor)) throw new ForbiddenError('统一申请由政务数据共享管理部门办理（第十八条）', 'upper.not_bureau');
  const resource = await em.findOne(UpperResource, input.resourceId);
  if (!resource) throw new ValidationError(`上级资源 ${input.resourceId} 不存在`, [{ path: 'resourceId', message: '上级资源不存在' }], 'upper.resource_not_found');
  const open = await em.find(UpperNeed, { resource: resource.id, status: 'submitted' }, { orderBy: { id: 'asc' } });
  let chosen = open;
  if (input.needIds) {
    const ids = new Set(open.map((n) => n.id));
    const stray = input.needIds.filter((id) => !ids.has(id));
    if (stray.length) throw new ValidationError(`需求 ${stray.join('、')} 不是该资源待汇总的需求`, [{ path: 'needIds', message: '只能汇总该资源待汇总的需求' }], 'upper.need_not_open');
    chosen = open.filter((n) => input.needIds?.includes(n.id));
  }
  if (chosen.length === 0) throw new ConflictError(`“${resource.name}”没有待汇总的需求`, 'upper.no_open_needs');
  let a = await em.findOne(UpperApplication, { resource: resource.id, status: 'draft' });
  const created = !a;
  a ??= em.create(UpperApplication, { resource: resource.id, status: 'draft', createdAt: now, createdByName: actor.displayName.slice(0, 60), items: [] });
  await em.flush();
  for (const n of chosen) em.assign(n, { status: 'consolidated', application: a.id });
  const all = [...(await em.find(UpperNeed, { application: a.id, status: { $ne: 'withdrawn' } }, { fields: ['id', 'items'] })), ...chosen];
  a.items = itemsUnion(resource.items, all.map((n) => n.items));
  audit(em, { actor, action: created ? 'upper_application.create' : 'upper_application.consolidate', subjectType: 'upper_application', subjectId: a.id, after: { resourceId: resource.id, needIds: chosen.map((n) => n.id), items: a.items }, at: now });
  await em.flush();
  return applicationDto(ctx, actor, a);
}

/**
 * 报送: the batch application went to the upper platform. The needs' submission clocks stop (met, or missed when the
 * commitment ran out); every department is told its need was submitted.
 */
export async function submitUpperApplication(ctx: LifecycleContext, actor: Actor, id: number, input: SubmitUpperApplicationInput): Promise<UpperApplicationDto> {
  const { em, now } = ctx;
  const a = await loadApplication(em, id);
  const needs = await needsOf(em, a.id);
  assertCanSubmitApplication(actor, { status: a.status, needs: needs.length }, input.submittedOn, shanghaiDate(a.createdAt), shanghaiDate(now));
  const resource = a.resource.getEntity();
  em.assign(a, { status: 'submitted', items: itemsUnion(resource.items, needs.map((n) => n.items)), submittedOn: input.submittedOn, submittedAt: now, submittedByName: actor.displayName.slice(0, 60), platformRef: input.platformRef ?? null, submitNote: input.note ?? null });
  const clocks = await em.find(Deadline, { subjectType: UPPER_NEED_SUBJECT, subjectId: { $in: needs.map((n) => n.id) }, kind: 'upper_need_submission', state: { $in: ['open', 'overdue'] } });
  const states: Record<string, string> = {};
  for (const d of clocks) states[d.subjectId] = completeDeadline(d, now);
  for (const n of needs) n.status = 'applied';
  audit(em, { actor, action: 'upper_application.submit', subjectType: 'upper_application', subjectId: a.id, before: { status: 'draft' }, after: { status: 'submitted', submittedOn: input.submittedOn, platformRef: a.platformRef, needs: needs.length, clocks: states }, at: now });
  const code = upperApplicationCode(a.id, a.createdAt);
  await notifyMany(em, await toDepartments(em, needs, (n) => ({
    kind: 'upper.application_submitted',
    title: `【上级数据需求已报送】${resource.name}`,
    body: `贵部门的上级数据需求 ${upperNeedCode(n.id, n.receivedAt)} 已汇总纳入统一申请 ${code}，于 ${input.submittedOn} 由${UPPER_APPLICANT}向${resource.holder}报送（第十八条）。上级答复后将反馈结果。`,
    dedupeKey: `upper.application_submitted:${n.id}`,
  })), now);
  await em.flush();
  return applicationDto(ctx, actor, a);
}

/** 登记上级答复: the reply's decision, reference number, date and conditions; the pass-back clock (服务承诺) starts. */
export async function replyUpperApplication(ctx: LifecycleContext, actor: Actor, id: number, input: ReplyUpperApplicationInput): Promise<UpperApplicationDto> {
  const { em, now } = ctx;
  const a = await loadApplication(em, id);
  assertCanReply(actor, { status: a.status, submittedOn: a.submittedOn ?? null, items: a.items }, input, shanghaiDate(now));
  em.assign(a, {
    status: 'replied',
    decision: input.decision,
    referenceNo: input.referenceNo,
    replyDate: input.replyDate,
    conditions: input.conditions ?? null,
    approvedItems: input.decision === 'partly_approved' ? a.items.filter((i) => input.approvedItems?.includes(i)) : input.decision === 'approved' ? [...a.items] : [],
    repliedAt: now,
    repliedByName: actor.displayName.slice(0, 60),
  });
  const d = await openDeadline(em, ctx.calendar, { kind: 'upper_reply_passback', subjectType: UPPER_APPLICATION_SUBJECT, subjectId: a.id, departmentId: null, startedAt: now }, now);
  audit(em, { actor, action: 'upper_application.reply', subjectType: 'upper_application', subjectId: a.id, before: { status: 'submitted' }, after: { status: 'replied', decision: input.decision, referenceNo: input.referenceNo, replyDate: input.replyDate, approvedItems: a.approvedItems, passBackDueDate: d.dueDate }, at: now });
  await em.flush();
  return applicationDto(ctx, actor, a);
}

/**
 * 结果反馈: each need gets its outcome — what the reply gives it (all its items, the granted part, or nothing), or
 * what the bureau says for it — and each department is told, with the reference number and the conditions. The
 * pass-back clock stops.
 */
export async function passBackUpperApplication(ctx: LifecycleContext, actor: Actor, id: number, input: PassBackUpperApplicationInput): Promise<UpperApplicationDto> {
  const { em, now } = ctx;
  const a = await loadApplication(em, id);
  assertCanPassBack(actor, { status: a.status });
  const needs = await needsOf(em, a.id);
  const outcomes = resolveOutcomes(needs.map((n) => ({ id: n.id, items: n.items })), { decision: a.decision ?? 'refused', approvedItems: a.approvedItems ?? [] }, input.outcomes ?? []);
  for (const n of needs) {
    const o = outcomes.get(n.id);
    if (o) em.assign(n, { status: 'answered', outcome: o.outcome, outcomeItems: o.items, outcomeNote: o.note ?? input.note ?? null, passedBackAt: now });
  }
  const d = await findOpenDeadline(em, UPPER_APPLICATION_SUBJECT, a.id, 'upper_reply_passback');
  const state = d ? completeDeadline(d, now) : null;
  em.assign(a, { status: 'passed_back', passedBackAt: now, passedBackByName: actor.displayName.slice(0, 60), passBackNote: input.note ?? null });
  audit(em, { actor, action: 'upper_application.pass_back', subjectType: 'upper_application', subjectId: a.id, before: { status: 'replied' }, after: { status: 'passed_back', deadline: state, outcomes: Object.fromEntries([...outcomes].map(([k, v]) => [k, v.outcome])) }, at: now });
  const resource = a.resource.getEntity();
  await notifyMany(em, await toDepartments(em, needs, (n) => {
    const o = outcomes.get(n.id);
    const items = o?.items.length ? `，获批信息项：${o.items.join('、')}` : '';
    return {
      kind: 'upper.result',
      title: `【上级数据需求结果】${resource.name}：${o ? UPPER_OUTCOME_LABELS[o.outcome] : ''}`,
      body: `贵部门的上级数据需求 ${upperNeedCode(n.id, n.receivedAt)}（${resource.holder}“${resource.name}”）结果：${o ? UPPER_OUTCOME_LABELS[o.outcome] : ''}${items}。上级答复：${UPPER_REPLY_DECISION_LABELS[a.decision ?? 'refused']}（${a.referenceNo}，${a.replyDate}）${a.conditions ? `；使用条件：${a.conditions}` : ''}${n.outcomeNote ? `；说明：${n.outcomeNote}` : ''}。`,
      dedupeKey: `upper.result:${n.id}`,
    };
  }), now);
  await em.flush();
  return applicationDto(ctx, actor, a);
}

/** One notification per need, to the department's data officers and the person who submitted it. */
async function toDepartments(em: EntityManager, needs: IUpperNeed[], words: (n: IUpperNeed) => { kind: string; title: string; body: string; dedupeKey: string }): Promise<Outgoing[]> {
  const officers = new Map<number, number[]>();
  for (const id of new Set(needs.map((n) => n.department.id))) officers.set(id, await departmentRecipients(em, id, ['dept_admin', 'bureau_admin']));
  return needs.map((n) => {
    const w = words(n);
    return { recipients: [...new Set([...(officers.get(n.department.id) ?? []), n.requestedBy.id])], input: { ...w, link: `/upper/needs?q=%23${n.id}`, subjectType: 'upper_need', subjectId: n.id } };
  });
}

export async function getUpperApplication(ctx: LifecycleContext, actor: Actor, id: number): Promise<UpperApplicationDto> {
  assertBureauReads(actor);
  return applicationDto(ctx, actor, await loadApplication(ctx.em, id));
}

/** 统一申请 list (the bureau and leaders). */
export async function listUpperApplications(ctx: LifecycleContext, actor: Actor, query: UpperApplicationQuery): Promise<Page<UpperApplicationDto>> {
  assertBureauReads(actor);
  const { em } = ctx;
  const and: FilterQuery<IUpperApplication>[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.resourceId) and.push({ resource: query.resourceId });
  if (query.q) {
    const id = parseUpperApplicationCode(query.q) ?? (/^#\d+$/.test(query.q) ? Number(query.q.slice(1)) : null);
    and.push(id ? { id } : { $or: [{ resource: { name: containsText(em, query.q) } }, { resource: { code: containsText(em, query.q) } }, { referenceNo: containsText(em, query.q) }] });
  }
  const [rows, total] = await em.findAndCount(UpperApplication, and.length ? { $and: and } : {}, { populate: ['resource'], orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const items: UpperApplicationDto[] = [];
  for (const a of rows) items.push(await applicationDto(ctx, actor, a));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** 待汇总: resources with needs waiting for consolidation, the soonest due first (the bureau's queue). */
export async function listUpperPending(ctx: LifecycleContext, actor: Actor): Promise<UpperPendingDto[]> {
  assertBureauReads(actor);
  const { em, now } = ctx;
  const needs = await em.find(UpperNeed, { status: 'submitted' }, { populate: ['resource', 'department'], orderBy: { dueAt: 'asc', id: 'asc' }, limit: 2000 });
  const drafts = new Map((await em.find(UpperApplication, { status: 'draft' }, { fields: ['id', 'resource'] })).map((a) => [a.resource.id, a.id]));
  const groups = new Map<number, IUpperNeed[]>();
  for (const n of needs) (groups.get(n.resource.id) ?? groups.set(n.resource.id, []).get(n.resource.id))?.push(n);
  return [...groups.values()].map((list) => {
    const first = list[0] as IUpperNeed;
    const r = first.resource.getEntity();
    const departments = [...new Map(list.map((n) => [n.department.id, departmentSummary(n.department.getEntity())])).values()];
    return {
      resource: { id: r.id, code: r.code, name: r.name, holder: r.holder, level: r.level },
      needs: list.length,
      departments,
      dueDate: first.dueDate,
      standing: standing(ctx.calendar.lenient, { dueAt: first.dueAt, dueDate: first.dueDate }, now),
      draftApplicationId: drafts.get(r.id) ?? null,
    };
  });
}

async function applicationDto(ctx: LifecycleContext, actor: Actor, a: IUpperApplication): Promise<UpperApplicationDto> {
  const { em, now } = ctx;
  const needs = await needsOf(em, a.id);
  const r = a.resource.getEntity();
  const needDtos = await upperNeedDtos(ctx, actor, needs);
  const calendar = ctx.calendar.lenient;
  const running = a.status === 'draft' ? needDtos.filter((n) => n.status === 'consolidated').sort((x, y) => (x.dueAt < y.dueAt ? -1 : 1))[0] : undefined;
  const passBack = a.repliedAt ? await em.findOne(Deadline, { subjectType: UPPER_APPLICATION_SUBJECT, subjectId: a.id, kind: 'upper_reply_passback' }, { orderBy: { id: 'desc' } }) : null;
  return {
    id: a.id,
    code: upperApplicationCode(a.id, a.createdAt),
    resource: { id: r.id, code: r.code, name: r.name, holder: r.holder, level: r.level, system: r.system, howToApply: r.howToApply },
    status: a.status,
    applicant: UPPER_APPLICANT,
    needs: needDtos,
    items: a.status === 'draft' ? itemsUnion(r.items, needs.map((n) => n.items)) : a.items,
    departments: [...new Map(needs.map((n) => [n.department.id, departmentSummary(n.department.getEntity())])).values()],
    createdAt: a.createdAt.toISOString(),
    createdBy: a.createdByName,
    submittedOn: a.submittedOn ?? null,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    submittedBy: a.submittedByName ?? null,
    platformRef: a.platformRef ?? null,
    submitNote: a.submitNote ?? null,
    submitBy: running ? running.standing : null,
    submitDueDate: running ? running.dueDate : null,
    decision: a.decision ?? null,
    referenceNo: a.referenceNo ?? null,
    replyDate: a.replyDate ?? null,
    conditions: a.conditions ?? null,
    approvedItems: a.approvedItems ?? [],
    repliedAt: a.repliedAt?.toISOString() ?? null,
    passBack: passBack ? standing(calendar, { dueAt: passBack.dueAt, dueDate: passBack.dueDate, state: passBack.state, completedAt: passBack.completedAt ?? null, unit: passBack.periodUnit }, now) : null,
    passBackDueDate: passBack?.dueDate ?? null,
    passedBackAt: a.passedBackAt?.toISOString() ?? null,
    passBackNote: a.passBackNote ?? null,
    permissions: upperApplicationPermissions(actor, { status: a.status, needs: needs.length }),
  };
}

/**
 * The batch application in the province's form (共享申请表): the applying unit, the resource, the items applied for
 * (the union of the needs), and each department's purpose, scenario, items and basis — one sheet, printable.
 */
export async function exportUpperApplication(ctx: LifecycleContext, actor: Actor, id: number): Promise<{ filename: string; buffer: Buffer }> {
  const a = await loadApplication(ctx.em, id);
  const dto = await getUpperApplication(ctx, actor, a.id);
  const book = new ExcelJS.Workbook();
  book.creator = '朔州市政务数据共享开放平台';
  const ws = book.addWorksheet('共享申请表', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 8 }, { width: 24 }, { width: 20 }, { width: 34 }, { width: 30 }, { width: 30 }, { width: 30 }, { width: 12 }, { width: 16 }];
  const title = ws.addRow(['上级政务数据资源共享申请表']);
  ws.mergeCells(title.number, 1, title.number, 9);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  const pair = (label: string, value: string) => {
    const row = ws.addRow([label, '', value]);
    ws.mergeCells(row.number, 1, row.number, 2);
    ws.mergeCells(row.number, 3, row.number, 9);
    row.getCell(1).font = { bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
  };
  const r = dto.resource;
  pair('申请编号', dto.code);
  pair('申请单位', UPPER_APPLICANT);
  pair('申请日期', dto.submittedOn ?? shanghaiDate(ctx.now));
  pair('资源名称', r.name);
  pair('资源代码', r.code);
  pair('资源提供单位', `${r.holder}（${UPPER_LEVEL_LABELS[r.level]}）`);
  pair('所属系统', r.system);
  pair('申请信息项', dto.items.join('、'));
  pair('需求部门', dto.departments.map((d) => d.name).join('、'));
  pair('申请依据', '《朔州市政务数据资源共享开放管理办法》第十八条：多个政务部门对上级政务数据资源提出共享申请时，由政务数据共享管理部门统一向上级共享平台提申请');
  ws.addRow([]);
  const header = ws.addRow(['序号', '需求部门', '需求编号', '用途', '应用场景', '所需信息项', '依据', '联系人', '联系电话']);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  dto.needs.forEach((n, i) => {
    const row = ws.addRow([i + 1, n.department.name, n.code, n.purpose, n.scenario, n.items.join('、'), n.legalBasis, n.contactName, n.contactPhone]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell((c) => (c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }));
  });
  ws.addRow([]);
  ws.addRow([`申请单位（盖章）：${UPPER_APPLICANT}`]);
  return { filename: `上级数据共享申请-${dto.code}-${r.name}.xlsx`, buffer: Buffer.from(await book.xlsx.writeBuffer()) };
}
