import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  approvalActive,
  assertAnswerable,
  assertApprovalValidity,
  canAnswerOpenApplication,
  canReadOpenApplication,
  clockRule,
  consoleLinks,
  ConflictError,
  DESENSITIZATION_LABELS,
  ForbiddenError,
  isOpenItem,
  NotFoundError,
  OPEN_AGREEMENT,
  OPEN_APPLICATION_SUBJECT,
  openApplicationCode,
  parseOpenApplicationCode,
  periodText,
  periodWords,
  readsAllDepartments,
  RuleViolationError,
  standing as clockStanding,
  ValidationError,
  type Actor,
  type AnswerOpenApplicationInput,
  type OpenApplicationDto,
  type OpenApplicationFormDto,
  type OpenApplicationQuery,
  type Page,
  type SubmitOpenApplicationInput,
} from '@govdata/domain';
import { shanghaiDate, type WorkCalendar } from '@govdata/workdays';
import {
  audit,
  completeDeadline,
  containsText,
  Deadline,
  departmentRecipients,
  findOpenDeadline,
  fromSqlTime,
  notify,
  openDeadline,
  ruleSetAt,
  sqlAll,
  type CalendarHolder,
  type IDeadline,
  type SubjectDescription,
} from '@govdata/core';
import { CatalogItem } from '@govdata/catalog';
import { OpenApplication, type IOpenApplication } from '../entities/open-application.entity';
import { PublicUser } from '../entities/public-account.entity';
import { publicActorName, type PublicAuthenticated } from '../accounts/accounts';

/** What the application services work with: the request's EntityManager, the business now and the calendar. */
export interface ApplicationContext {
  em: EntityManager;
  now: Date;
  calendar: CalendarHolder;
}

interface VisibleDataset {
  id: number;
  name: string;
  entry_id: number;
  title: string;
  open_type: string;
  provider_id: number;
  provider_name: string;
}

/** A dataset the public may see (published, not withdrawn, entry published and open), or 404. */
async function visibleDataset(em: EntityManager, name: string): Promise<VisibleDataset> {
  const [row] = await sqlAll<VisibleDataset>(
    em,
    'select d.id, d.name, d.entry_id, e.name as title, e.open_type, e.provider_id, dep.name as provider_name from open_datasets d join catalog_entries e on e.id = d.entry_id join departments dep on dep.id = e.provider_id' +
      " where d.name = ? and d.withdrawn_at is null and e.status = 'published' and e.open_type in ('open', 'on_application')",
    [name],
  );
  if (!row) throw new NotFoundError(`开放数据集 ${name} 不存在或已撤回`, 'opendata.not_found');
  return { ...row, id: Number(row.id), entry_id: Number(row.entry_id), provider_id: Number(row.provider_id) };
}

/** The entry's items the public may see (第二十三条: 涉密 never, sensitive only masked), in order. */
export async function openItemsOf(em: EntityManager, entryId: number) {
  const items = await em.find(CatalogItem, { entry: entryId, removedAt: null }, { orderBy: { position: 'asc' } });
  return items.filter(isOpenItem);
}

/** The application form of a dataset: its open items by field name, the answer period, the agreement. */
export async function openApplicationForm(em: EntityManager, name: string, now: Date): Promise<OpenApplicationFormDto> {
  const d = await visibleDataset(em, name);
  if (d.open_type !== 'on_application') throw new RuleViolationError('该数据集为无条件开放，无需申请：可直接下载或用开放接口密钥读取', 'open_application.not_on_application');
  const items = await openItemsOf(em, d.entry_id);
  const rules = await ruleSetAt(em, now);
  return {
    dataset: { name: d.name, title: d.title, openType: d.open_type, department: d.provider_name },
    items: items.map((i) => {
      const desensitization = i.desensitization;
      return { fieldName: i.fieldName, name: i.name, desensitization, desensitizationLabel: DESENSITIZATION_LABELS[desensitization] };
    }),
    answerPeriod: periodText('open_application', rules),
    agreement: { ...OPEN_AGREEMENT },
  };
}

/**
 * 提交开放申请 (第二十四条): only for a visible 依申请开放 dataset, only its open items, one pending application per
 * user and dataset. Opens the provider's answer clock (`open_application`, the rule set in force today) and tells
 * the provider's data officers.
 */
export async function submitOpenApplication(ctx: ApplicationContext, auth: PublicAuthenticated, input: SubmitOpenApplicationInput): Promise<OpenApplicationDto> {
  const { em, now } = ctx;
  const d = await visibleDataset(em, input.dataset);
  if (d.open_type !== 'on_application') throw new RuleViolationError('该数据集为无条件开放，无需申请：可直接下载或用开放接口密钥读取', 'open_application.not_on_application');
  const items = await openItemsOf(em, d.entry_id);
  const open = new Set(items.map((i) => i.fieldName));
  const unknown = input.fields.filter((f) => !open.has(f));
  if (unknown.length) {
    throw new ValidationError(`信息项 ${unknown.join('、')} 不在该数据集开放的信息项中`, [{ path: 'body.fields', message: `可选的信息项：${[...open].join('、')}` }], 'open_application.unknown_fields');
  }
  if (await em.count(OpenApplication, { applicant: auth.userId, dataset: d.id, status: 'pending' })) {
    throw new ConflictError('您对该数据集已有一份待答复的申请，请等待答复后再申请', 'open_application.pending_exists');
  }
  const user = await em.findOneOrFail(PublicUser, auth.userId);
  const order = new Map(items.map((i, n) => [i.fieldName, n]));
  const a = em.create(OpenApplication, {
    applicant: user,
    dataset: d.id,
    entry: d.entry_id,
    provider: d.provider_id,
    purpose: input.purpose,
    scenario: input.scenario,
    fields: [...input.fields].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0)),
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    commitments: input.commitments,
    status: 'pending',
    submittedAt: now,
    answeredAt: null,
    answeredBy: null,
    conditions: null,
    validUntil: null,
    refusalReasons: null,
    refusalBasis: null,
  });
  await em.flush();
  const deadline = await openDeadline(em, ctx.calendar, { kind: 'open_application', subjectType: OPEN_APPLICATION_SUBJECT, subjectId: a.id, departmentId: d.provider_id, startedAt: now }, now);
  const code = openApplicationCode(a.id, shanghaiDate(now));
  audit(em, {
    actor: null,
    systemName: publicActorName(user),
    action: 'open_application.submit',
    subjectType: OPEN_APPLICATION_SUBJECT,
    subjectId: a.id,
    after: { dataset: d.name, entryId: d.entry_id, fields: a.fields, periodFrom: a.periodFrom, periodTo: a.periodTo, dueDate: deadline.dueDate },
    at: now,
  });
  const who = user.organisationName ? `${user.organisationName}（${user.displayName}）` : user.displayName;
  await notify(
    em,
    await departmentRecipients(em, d.provider_id, ['dept_admin']),
    {
      kind: 'open_application.received',
      title: `【开放申请】${d.title}`,
      body: `${who}通过开放平台申请开放贵部门数据“${d.title}”（${code}），请于 ${deadline.dueDate} 前（第二十四条，${periodWords({ n: deadline.periodN, unit: deadline.periodUnit })}）答复：同意开放的写明开放条件和有效期，不同意的说明理由并提供依据。`,
      link: consoleLinks.openApplication(a.id),
      subjectType: OPEN_APPLICATION_SUBJECT,
      subjectId: a.id,
      dedupeKey: `open_application.received:${a.id}`,
    },
    now,
  );
  await em.flush();
  return (await applicationDtos(ctx, [a], { contact: true, actor: null }))[0] as OpenApplicationDto;
}

/** 答复 (第二十四条): the provider's data officer approves (conditions, validity) or refuses (reasons, basis); the clock stops. */
export async function answerOpenApplication(ctx: ApplicationContext, actor: Actor, id: number, input: AnswerOpenApplicationInput): Promise<OpenApplicationDto> {
  const { em, now } = ctx;
  const a = await em.findOne(OpenApplication, id);
  if (!a) throw new NotFoundError(`开放申请 ${id} 不存在`, 'open_application.not_found');
  const code = openApplicationCode(a.id, shanghaiDate(a.submittedAt));
  if (!canReadOpenApplication(actor, a.provider.id)) throw new ForbiddenError('只有数据提供部门可以答复该开放申请（第二十四条）', 'open_application.not_provider');
  assertAnswerable({ status: a.status, code }, actor, a.provider.id);
  const before = { status: a.status };
  if (input.decision === 'approve') {
    assertApprovalValidity(input.validUntil, shanghaiDate(now));
    Object.assign(a, { status: 'approved', conditions: input.conditions, validUntil: input.validUntil });
  } else {
    Object.assign(a, { status: 'refused', refusalReasons: input.reasons, refusalBasis: input.basis });
  }
  a.answeredAt = now;
  a.answeredBy = em.getReference('User', actor.userId) as never;
  const clock = await findOpenDeadline(em, OPEN_APPLICATION_SUBJECT, a.id, 'open_application');
  const state = clock ? completeDeadline(clock, now) : null;
  audit(em, {
    actor,
    action: input.decision === 'approve' ? 'open_application.approve' : 'open_application.refuse',
    subjectType: OPEN_APPLICATION_SUBJECT,
    subjectId: a.id,
    before,
    after: { status: a.status, conditions: a.conditions, validUntil: a.validUntil, reasons: a.refusalReasons, basis: a.refusalBasis, clock: state },
    at: now,
  });
  await em.flush();
  return (await applicationDtos(ctx, [a], { contact: true, actor }))[0] as OpenApplicationDto;
}

/** 我的申请: the user's own applications, newest first. */
export async function myOpenApplications(ctx: ApplicationContext, auth: PublicAuthenticated): Promise<OpenApplicationDto[]> {
  const rows = await ctx.em.find(OpenApplication, { applicant: auth.userId }, { orderBy: { submittedAt: 'desc', id: 'desc' }, limit: 200 });
  return applicationDtos(ctx, rows, { contact: true, actor: null });
}

/** The console's list: the provider's applications (the bureau and leaders: every department's), filters, clocks. */
export async function listOpenApplications(ctx: ApplicationContext, actor: Actor, query: OpenApplicationQuery): Promise<Page<OpenApplicationDto>> {
  const { em } = ctx;
  const where: Record<string, unknown> = {};
  if (readsAllDepartments(actor)) {
    if (query.department) where.provider = query.department;
  } else {
    if (query.department && query.department !== actor.departmentId) throw new ForbiddenError('只能查看本部门收到的开放申请', 'open_application.other_department');
    where.provider = actor.departmentId;
  }
  if (query.status) where.status = query.status;
  if (query.q) {
    const id = parseOpenApplicationCode(query.q);
    const text = containsText(em, query.q);
    where.$or = [
      ...(id ? [{ id }] : []),
      { entry: { name: text } },
      { applicant: { displayName: text } },
      { applicant: { organisationName: text } },
      { purpose: text },
    ];
  }
  if (query.overdue !== undefined) {
    const late = await em.find(Deadline, { subjectType: OPEN_APPLICATION_SUBJECT, $or: [{ state: 'overdue' }, { state: 'missed' }, { state: 'open', dueAt: { $lt: ctx.now } }] }, { fields: ['subjectId'] });
    const ids = [...new Set(late.map((d) => d.subjectId))];
    where.id = query.overdue ? { $in: ids.length ? ids : [0] } : { $nin: ids };
  }
  const [rows, total] = await em.findAndCount(OpenApplication, where, {
    // waiting ones first (the department's to-do), then the newest
    orderBy: { [raw((a) => `case when ${a}.status = 'pending' then 0 else 1 end`)]: 'asc', submittedAt: 'desc', id: 'desc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: await applicationDtos(ctx, rows, { contact: true, actor }), total, page: query.page, pageSize: query.pageSize };
}

export async function getOpenApplication(ctx: ApplicationContext, actor: Actor, id: number): Promise<OpenApplicationDto> {
  const a = await ctx.em.findOne(OpenApplication, id);
  if (!a) throw new NotFoundError(`开放申请 ${id} 不存在`, 'open_application.not_found');
  if (!canReadOpenApplication(actor, a.provider.id)) throw new ForbiddenError('只能查看本部门收到的开放申请', 'open_application.other_department');
  return (await applicationDtos(ctx, [a], { contact: true, actor }))[0] as OpenApplicationDto;
}

/** DTOs of applications: one query each for datasets, applicants, item names and clocks. */
async function applicationDtos(ctx: ApplicationContext, rows: IOpenApplication[], options: { contact: boolean; actor: Actor | null }): Promise<OpenApplicationDto[]> {
  const { em, now } = ctx;
  if (!rows.length) return [];
  await em.populate(rows, ['dataset', 'entry', 'provider', 'applicant']);
  const ids = rows.map((r) => r.id);
  const entryIds = [...new Set(rows.map((r) => r.entry.id))];
  const [items, clocks] = await Promise.all([
    em.find(CatalogItem, { entry: { $in: entryIds } }, { fields: ['entry', 'fieldName', 'name'] }),
    em.find(Deadline, { subjectType: OPEN_APPLICATION_SUBJECT, subjectId: { $in: ids } }, { orderBy: { id: 'asc' } }),
  ]);
  const names = new Map(items.map((i) => [`${i.entry.id}:${i.fieldName}`, i.name]));
  const clockOf = new Map<number, IDeadline>();
  for (const c of clocks) clockOf.set(c.subjectId, c);
  const today = shanghaiDate(now);
  const calendar = ctx.calendar.lenient;
  return rows.map((a) => {
    const u = a.applicant.getEntity();
    const c = clockOf.get(a.id);
    return {
      id: a.id,
      code: openApplicationCode(a.id, shanghaiDate(a.submittedAt)),
      dataset: { name: a.dataset.getEntity().name, title: a.entry.getEntity().name },
      entryId: a.entry.id,
      provider: { id: a.provider.id, name: a.provider.getEntity().name },
      applicant: { kind: u.kind, displayName: u.displayName, organisationName: u.organisationName ?? null, creditCode: u.creditCode ?? null, contact: options.contact ? u.identifier : null },
      purpose: a.purpose,
      scenario: a.scenario,
      items: a.fields.map((f) => ({ fieldName: f, name: names.get(`${a.entry.id}:${f}`) ?? f })),
      periodFrom: a.periodFrom,
      periodTo: a.periodTo,
      commitments: a.commitments,
      status: a.status,
      submittedAt: a.submittedAt.toISOString(),
      answeredAt: a.answeredAt?.toISOString() ?? null,
      conditions: a.conditions ?? null,
      validUntil: a.validUntil ?? null,
      refusalReasons: a.refusalReasons ?? null,
      refusalBasis: a.refusalBasis ?? null,
      clock: c
        ? {
            dueAt: c.dueAt.toISOString(),
            dueDate: c.dueDate,
            state: c.state,
            article: clockRule(c.kind, c.ruleSet)?.article ?? '第二十四条',
            period: { n: c.periodN, unit: c.periodUnit },
            standing: deadlineStanding(calendar, c, now),
          }
        : null,
      active: approvalActive({ status: a.status, validUntil: a.validUntil ?? null }, today),
      permissions: { canAnswer: options.actor ? a.status === 'pending' && canAnswerOpenApplication(options.actor, a.provider.id) : false },
    };
  });
}

const deadlineStanding = (calendar: WorkCalendar, c: IDeadline, now: Date) =>
  clockStanding(calendar, { dueAt: c.dueAt, dueDate: c.dueDate, state: c.state, completedAt: c.completedAt, unit: c.periodUnit }, now);

/** How an application reads as a deadline's subject (the sweep's evidence, the workbench, the deadlines page). */
export async function describeOpenApplications(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  if (!ids.length) return new Map();
  const rows = await sqlAll<{ id: number; submitted_at: unknown; entry_name: string; display_name: string; organisation_name: string | null }>(
    em,
    'select a.id, a.submitted_at, e.name as entry_name, u.display_name, u.organisation_name from open_applications a join catalog_entries e on e.id = a.entry_id join public_users u on u.id = a.applicant_id' +
      ` where a.id in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return new Map(
    rows.map((r) => {
      const id = Number(r.id);
      const code = openApplicationCode(id, shanghaiDate(fromSqlTime(r.submitted_at)));
      return [id, { label: `开放申请 ${code}「${r.entry_name}」（申请人：${r.organisation_name ?? r.display_name}）`, link: consoleLinks.openApplication(id), refs: { openApplicationId: id } }];
    }),
  );
}
