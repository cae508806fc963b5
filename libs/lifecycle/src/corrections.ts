import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertAnswer,
  assertCanAnswer,
  assertCanContest,
  assertContestable,
  assertCanDecideContest,
  assertCanReport,
  assertCorrectionItems,
  CONTEST_DECISION_LABELS,
  CORRECTION_CHANNEL_LABELS,
  CORRECTION_DECISION_LABELS,
  CORRECTION_STATUS_LABELS,
  correctionCode,
  correctionPermissions,
  publicCorrectionPermissions,
  errorConfirmedOf,
  isCorrecting,
  NotFoundError,
  parseCorrectionCode,
  readsAllDepartments,
  standing,
  ValidationError,
  type Actor,
  type AnswerCorrectionInput,
  type ContestCorrectionInput,
  type CorrectionChannel,
  type CorrectionDto,
  type CorrectionQuery,
  type CreateCorrectionInput,
  type DecideContestInput,
  type Page,
} from '@govdata/domain';
import { shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';
import {
  audit,
  completeDeadline,
  containsText,
  departmentRecipients,
  Department,
  departmentSummary,
  findOpenDeadline,
  notifyMany,
  openDeadline,
  roleRecipients,
  shanghaiCell,
  xlsxTable,
  type CalendarHolder,
  type Outgoing,
} from '@govdata/core';
import { CatalogEntry, CatalogEntryVersion, CatalogItem, isDedicatedFor } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { DatasetVersion } from '@govdata/gateway';
import { Correction, type ICorrection } from './entities/correction.entity';

/** What every lifecycle service works with: the request's EntityManager, when, and the working-day calendar. */
export interface LifecycleContext {
  em: EntityManager;
  now: Date;
  calendar: CalendarHolder;
}

/** Who reports: a user in the console, or a department's system through the gateway (第十七条: any consumer). */
export interface Reporter {
  /** null: a portal user (`publicUserId`) */
  departmentId: number | null;
  publicUserId?: number | null;
  userId: number | null;
  name: string;
  channel: CorrectionChannel;
}

export const reporterOf = (actor: Actor): Reporter => ({ departmentId: actor.departmentId, userId: actor.userId, name: actor.displayName, channel: 'console' });

/** The deadline subject of a report's check (the sweep records (五) against it through the findings door). */
export const CORRECTION_SUBJECT = 'correction';

/** A consumer of an entry: an active, unexpired grant, or the 专用 list (第十六条(三)). */
export async function usesEntry(em: EntityManager, entryId: number, departmentId: number, today: string): Promise<boolean> {
  const grants = await em.count(ShareGrant, { entry: entryId, consumer: departmentId, status: 'active', validUntil: { $gte: today } });
  return grants > 0 || (await isDedicatedFor(em, entryId, departmentId));
}

const periodWords = (n: number, unit: 'working' | 'natural') => `${n} 个${unit === 'working' ? '工作日' : '自然日'}`;

/**
 * 纠错反馈 (第十七条): a consumer reports a suspected error; the provider's 5-working-day check starts (the
 * `correction_feedback` deadline), the provider's data officers are told. The data stays usable, marked 纠错中.
 */
export async function reportCorrection(ctx: LifecycleContext, reporter: Reporter, input: CreateCorrectionInput, actor: Actor | null): Promise<{ id: number; code: string; status: 'open'; dueAt: string; dueDate: string }> {
  const { em, now } = ctx;
  const today = shanghaiDate(now);
  const entry = await em.findOne(CatalogEntry, input.entryId, { populate: ['provider'] });
  if (!entry) throw new ValidationError(`资源 ${input.entryId} 不存在`, [{ path: 'entryId', message: '资源不存在' }], 'correction.entry_not_found');
  if (reporter.departmentId !== null) {
    assertCanReport({ id: entry.id, name: entry.name, providerId: entry.provider.id, status: entry.status }, reporter.departmentId, await usesEntry(em, entry.id, reporter.departmentId, today));
  } else if (!reporter.publicUserId) {
    throw new ValidationError('纠错反馈须有反馈部门或开放平台用户', [], 'correction.no_reporter');
  }
  const itemIds = [...new Set(input.itemIds ?? [])];
  if (itemIds.length) {
    const items = await em.find(CatalogItem, { entry: entry.id, removedAt: null }, { fields: ['id'] });
    assertCorrectionItems(itemIds, items.map((i) => i.id));
  }
  if (input.datasetVersion !== undefined && !(await em.count(DatasetVersion, { entry: entry.id, version: input.datasetVersion }))) {
    throw new ValidationError(`该资源没有数据版本 ${input.datasetVersion}`, [{ path: 'datasetVersion', message: '该资源没有这个数据版本' }], 'correction.unknown_dataset_version');
  }
  const c = em.create(Correction, {
    entry: entry.id,
    provider: entry.provider.id,
    reporter: reporter.departmentId,
    publicReporterId: reporter.publicUserId ?? null,
    reportedBy: reporter.userId,
    reportedByName: reporter.name.slice(0, 120),
    channel: reporter.channel,
    itemIds,
    recordKey: input.recordKey ?? null,
    datasetVersion: input.datasetVersion ?? null,
    description: input.description,
    evidence: input.evidence ?? null,
    status: 'open',
    receivedAt: now,
    dueAt: now,
    dueDate: today,
    errorConfirmed: false,
  });
  await em.flush();
  // the clock through the deadline registry (第十七条: 5 working days, start day not counted)
  const d = await openDeadline(em, ctx.calendar, { kind: 'correction_feedback', subjectType: CORRECTION_SUBJECT, subjectId: c.id, departmentId: entry.provider.id, startedAt: now }, now);
  c.dueAt = d.dueAt;
  c.dueDate = d.dueDate;
  const code = correctionCode(c.id, now);
  audit(em, {
    actor,
    systemName: actor ? undefined : reporter.channel === 'portal' ? `开放平台用户 ${reporter.name}(#${reporter.publicUserId ?? '?'})` : `gateway:${reporter.name}`,
    onBehalfOfDepartmentId: actor || reporter.departmentId === null ? undefined : reporter.departmentId,
    action: 'correction.report',
    subjectType: 'correction',
    subjectId: c.id,
    after: { entryId: entry.id, reporterId: reporter.departmentId, publicReporterId: reporter.publicUserId ?? null, channel: reporter.channel, itemIds, recordKey: c.recordKey, dueDate: c.dueDate },
    at: now,
  });
  const reporterName = reporter.departmentId === null ? `开放门户用户“${reporter.name}”` : await departmentName(em, reporter.departmentId);
  await notifyMany(
    em,
    [
      {
        recipients: await departmentRecipients(em, entry.provider.id, ['dept_admin']),
        input: {
          kind: 'correction.received',
          title: `【纠错反馈】${entry.name}`,
          body: `${reporterName}对贵部门资源“${entry.name}”提出纠错反馈 ${code}：${input.description.slice(0, 120)}。请于 ${d.dueDate} 前（第十七条，${periodWords(d.periodN, d.periodUnit)}）校核并答复；校核期间数据照常使用，标注“纠错中”。`,
          link: `/corrections/${c.id}`,
          subjectType: 'correction',
          subjectId: c.id,
          dedupeKey: `correction.received:${c.id}`,
        },
      },
    ],
    now,
  );
  return { id: c.id, code, status: 'open', dueAt: d.dueAt.toISOString(), dueDate: d.dueDate };
}

async function departmentName(em: EntityManager, id: number): Promise<string> {
  const d = await em.findOne(Department, id, { fields: ['name'] });
  return d?.name ?? `部门 ${id}`;
}

async function loadCorrection(em: EntityManager, id: number): Promise<ICorrection> {
  const c = await em.findOne(Correction, id, { populate: ['entry', 'provider', 'reporter'] });
  if (!c) throw new NotFoundError(`纠错反馈 ${id} 不存在`, 'correction.not_found');
  return c;
}

const factsOf = (c: ICorrection) => ({ status: c.status, providerId: c.provider.id, reporterId: c.reporter?.id ?? null, contestedAt: c.contestedAt ?? null });

/** The reporter as people read it: the department, or the portal user. */
const reporterLabel = (c: ICorrection): string => c.reporter?.getEntity().name ?? `开放门户用户“${c.reportedByName}”`;

/** May the actor read this report: the bureau and leaders all, a department its own reports and those on its entries. */
function assertCanRead(actor: Actor, c: ICorrection): void {
  if (readsAllDepartments(actor)) return;
  if (actor.departmentId === c.provider.id || (c.reporter && actor.departmentId === c.reporter.id)) return;
  throw new NotFoundError(`纠错反馈 ${c.id} 不存在`, 'correction.not_found');
}

/** A report the actor may read (the bureau and leaders all; a department its own and those on its entries), else 404. */
export async function readableCorrection(em: EntityManager, actor: Actor, id: number): Promise<ICorrection> {
  const c = await loadCorrection(em, id);
  assertCanRead(actor, c);
  return c;
}

/**
 * 校核答复 (第十七条): the provider answers — corrected (naming the corrected dataset or catalog version, which must
 * exist), scheduled (with a correction date), or not an error (with reasons). The clock stops (met or missed); the
 * reporter is told and may contest once.
 */
export async function answerCorrection(ctx: LifecycleContext, actor: Actor, id: number, input: AnswerCorrectionInput): Promise<CorrectionDto> {
  const { em, now } = ctx;
  const c = await loadCorrection(em, id);
  assertCanAnswer(actor, factsOf(c));
  const entryId = c.entry.id;
  const datasetVersionExists = input.correctedDatasetVersion === undefined ? null : (await em.count(DatasetVersion, { entry: entryId, version: input.correctedDatasetVersion })) > 0;
  const catalogVersionExists = input.correctedCatalogVersion === undefined ? null : (await em.count(CatalogEntryVersion, { entry: entryId, version: input.correctedCatalogVersion })) > 0;
  assertAnswer({ decision: input.decision, correctOn: input.correctOn ?? null, datasetVersionExists, catalogVersionExists }, shanghaiDate(now));
  const d = await findOpenDeadline(em, CORRECTION_SUBJECT, c.id, 'correction_feedback');
  const state = d ? completeDeadline(d, now) : null;
  em.assign(c, {
    status: 'answered',
    decision: input.decision,
    reason: input.reason ?? null,
    correctedDatasetVersion: input.decision === 'corrected' ? (input.correctedDatasetVersion ?? null) : null,
    correctedCatalogVersion: input.decision === 'corrected' ? (input.correctedCatalogVersion ?? null) : null,
    correctOn: input.decision === 'scheduled' ? (input.correctOn ?? null) : null,
    answeredAt: now,
    answeredByName: actor.displayName.slice(0, 60),
    answeredOnTime: state === null ? now.getTime() <= c.dueAt.getTime() : state === 'met',
    errorConfirmed: errorConfirmedOf(input.decision, null),
  });
  audit(em, { actor, action: 'correction.answer', subjectType: 'correction', subjectId: c.id, before: { status: 'open' }, after: { status: 'answered', decision: input.decision, onTime: c.answeredOnTime, deadline: state }, at: now });
  const code = correctionCode(c.id, c.receivedAt);
  const entryName = c.entry.getEntity().name;
  const detail =
    input.decision === 'corrected'
      ? `已更正${c.correctedDatasetVersion ? `（数据版本 v${c.correctedDatasetVersion}）` : ''}${c.correctedCatalogVersion ? `（目录版本 v${c.correctedCatalogVersion}）` : ''}`
      : input.decision === 'scheduled'
        ? `确认有误，将于 ${c.correctOn} 前更正`
        : `经核实非数据错误：${input.reason ?? ''}`;
  await notifyMany(em, [{ recipients: await reporterRecipients(em, c), input: { kind: 'correction.answered', title: `【纠错答复】${entryName}`, body: `贵部门对“${entryName}”的纠错反馈 ${code} 已答复：${detail}。如有异议，可提出一次异议，由政务信息管理局裁定。`, link: `/corrections/${c.id}`, subjectType: 'correction', subjectId: c.id, dedupeKey: `correction.answered:${c.id}` } }], now);
  await em.flush();
  return correctionDto(ctx, actor, c);
}

/** The reporter's data officers and the user who reported (if a person). */
async function reporterRecipients(em: EntityManager, c: ICorrection): Promise<number[]> {
  // a portal user has no inbox in the console: the portal's 我的账户 shows the status and the answer
  if (!c.reporter) return [];
  const officers = await departmentRecipients(em, c.reporter.id, ['dept_admin']);
  return [...new Set([...officers, ...(c.reportedBy ? [c.reportedBy.id] : [])])];
}

/** 异议 — the reporter contests the answer, once; the bureau decides. */
export async function contestCorrection(ctx: LifecycleContext, actor: Actor, id: number, input: ContestCorrectionInput): Promise<CorrectionDto> {
  const c = await loadCorrection(ctx.em, id);
  assertCanContest(actor, factsOf(c));
  await recordContest(ctx, c, input.reason, { actor });
  return correctionDto(ctx, actor, c);
}

/** The contest's effects, whoever contests: the state, the audit row, the bureau and the provider told. */
async function recordContest(ctx: LifecycleContext, c: ICorrection, reason: string, by: { actor: Actor } | { systemName: string }): Promise<void> {
  const { em, now } = ctx;
  em.assign(c, { status: 'contested', contestReason: reason, contestedAt: now });
  audit(em, { ...('actor' in by ? { actor: by.actor } : { actor: null, systemName: by.systemName }), action: 'correction.contest', subjectType: 'correction', subjectId: c.id, before: { status: 'answered' }, after: { status: 'contested' }, at: now });
  const code = correctionCode(c.id, c.receivedAt);
  const entryName = c.entry.getEntity().name;
  const outgoing: Outgoing[] = [
    { recipients: await roleRecipients(em, ['bureau_admin']), input: { kind: 'correction.contested', title: `【纠错异议待裁定】${entryName}`, body: `${reporterLabel(c)}对纠错反馈 ${code} 的答复提出异议：${reason.slice(0, 120)}。请裁定。`, link: `/corrections/${c.id}`, subjectType: 'correction', subjectId: c.id, dedupeKey: `correction.contested:${c.id}` } },
    { recipients: await departmentRecipients(em, c.provider.id, ['dept_admin']), input: { kind: 'correction.contested', title: `【纠错异议】${entryName}`, body: `${reporterLabel(c)}对贵部门就纠错反馈 ${code} 的答复提出异议，由政务信息管理局裁定。`, link: `/corrections/${c.id}`, subjectType: 'correction', subjectId: c.id, dedupeKey: `correction.contested.provider:${c.id}` } },
  ];
  await notifyMany(em, outgoing, now);
  await em.flush();
}

/** 开放门户 (第十七条 “any consumer”): a portal user's own reports, newest first. */
export async function listPublicCorrections(ctx: LifecycleContext, publicUserId: number): Promise<{ items: CorrectionDto[] }> {
  const rows = await ctx.em.find(Correction, { publicReporterId: publicUserId }, { populate: ['entry', 'provider', 'reporter'], orderBy: { receivedAt: 'desc', id: 'desc' }, limit: 200 });
  return { items: await correctionDtos(ctx, null, rows) };
}

/** A portal user contests the answer to its own report, once; another user's report reads as not found. */
export async function contestPublicCorrection(ctx: LifecycleContext, user: { userId: number; name: string }, id: number, input: ContestCorrectionInput): Promise<CorrectionDto> {
  const c = await ctx.em.findOne(Correction, { id, publicReporterId: user.userId }, { populate: ['entry', 'provider', 'reporter'] });
  if (!c) throw new NotFoundError(`纠错反馈 ${id} 不存在`, 'correction.not_found');
  assertContestable(factsOf(c));
  await recordContest(ctx, c, input.reason, { systemName: user.name });
  return (await correctionDtos(ctx, null, [c]))[0] as CorrectionDto;
}

/** The bureau decides a contest: the error is confirmed (the provider must correct) or the answer stands. Final. */
export async function decideContest(ctx: LifecycleContext, actor: Actor, id: number, input: DecideContestInput): Promise<CorrectionDto> {
  const { em, now } = ctx;
  const c = await loadCorrection(em, id);
  assertCanDecideContest(actor, factsOf(c));
  em.assign(c, { status: 'decided', bureauDecision: input.decision, bureauReason: input.reason, decidedAt: now, decidedByName: actor.displayName.slice(0, 60), errorConfirmed: errorConfirmedOf(c.decision ?? null, input.decision) });
  audit(em, { actor, action: 'correction.decide', subjectType: 'correction', subjectId: c.id, before: { status: 'contested' }, after: { status: 'decided', decision: input.decision, errorConfirmed: c.errorConfirmed }, at: now });
  const code = correctionCode(c.id, c.receivedAt);
  const entryName = c.entry.getEntity().name;
  const words = `${CONTEST_DECISION_LABELS[input.decision]}：${input.reason}`;
  const providerWords = input.decision === 'error_confirmed' ? '请尽快更正数据并在平台更新数据或目录版本（第十七条）。' : '';
  await notifyMany(
    em,
    [
      { recipients: await reporterRecipients(em, c), input: { kind: 'correction.decided', title: `【纠错异议裁定】${entryName}`, body: `纠错反馈 ${code} 的异议已裁定，${words}。`, link: `/corrections/${c.id}`, subjectType: 'correction', subjectId: c.id, dedupeKey: `correction.decided:${c.id}` } },
      { recipients: await departmentRecipients(em, c.provider.id, ['dept_admin']), input: { kind: 'correction.decided', title: `【纠错异议裁定】${entryName}`, body: `纠错反馈 ${code} 的异议已裁定，${words}。${providerWords}`, link: `/corrections/${c.id}`, subjectType: 'correction', subjectId: c.id, dedupeKey: `correction.decided.provider:${c.id}` } },
    ],
    now,
  );
  await em.flush();
  return correctionDto(ctx, actor, c);
}

export async function getCorrection(ctx: LifecycleContext, actor: Actor, id: number): Promise<CorrectionDto> {
  const c = await loadCorrection(ctx.em, id);
  assertCanRead(actor, c);
  return correctionDto(ctx, actor, c);
}

function whereOf(em: EntityManager, actor: Actor, query: Omit<CorrectionQuery, 'page' | 'pageSize'>): FilterQuery<ICorrection> {
  const and: FilterQuery<ICorrection>[] = [];
  if (!readsAllDepartments(actor)) and.push({ $or: [{ provider: actor.departmentId }, { reporter: actor.departmentId }] });
  if (query.side === 'provider') and.push({ provider: actor.departmentId });
  if (query.side === 'reporter') and.push({ reporter: actor.departmentId });
  if (query.entryId) and.push({ entry: query.entryId });
  if (query.status) and.push({ status: query.status });
  if (query.department) and.push({ provider: query.department });
  if (query.reporter) and.push({ reporter: query.reporter });
  if (query.confirmed !== undefined) and.push({ errorConfirmed: query.confirmed });
  if (query.from) and.push({ receivedAt: { $gte: startOfShanghaiDay(query.from) } });
  if (query.to) and.push({ receivedAt: { $lt: new Date(startOfShanghaiDay(query.to).getTime() + 86_400_000) } });
  if (query.q) {
    const id = parseCorrectionCode(query.q) ?? (/^#\d+$/.test(query.q) ? Number(query.q.slice(1)) : null);
    and.push(id ? { id } : { $or: [{ entry: { name: containsText(em, query.q) } }, { entry: { code: containsText(em, query.q) } }, { description: containsText(em, query.q) }] });
  }
  return and.length ? { $and: and } : {};
}

/** 纠错台账: the provider's queue (side=provider, with the clock), the reporter's own, the bureau's register. */
export async function listCorrections(ctx: LifecycleContext, actor: Actor, query: CorrectionQuery): Promise<Page<CorrectionDto>> {
  const { em } = ctx;
  // the queue: what still runs first (earliest due), then the newest
  const [rows, total] = await em.findAndCount(Correction, whereOf(em, actor, query), {
    populate: ['entry', 'provider', 'reporter'],
    orderBy: query.status === 'open' || query.side === 'provider' ? { dueAt: 'asc', id: 'asc' } : { receivedAt: 'desc', id: 'desc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: await correctionDtos(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export const CORRECTION_EXPORT_LIMIT = 20_000;

/** The register as XLSX, with the list's filters (the bureau's 纠错台账). */
export async function exportCorrections(ctx: LifecycleContext, actor: Actor, query: Omit<CorrectionQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const rows = await ctx.em.find(Correction, whereOf(ctx.em, actor, query), { populate: ['entry', 'provider', 'reporter'], orderBy: { receivedAt: 'desc', id: 'desc' }, limit: CORRECTION_EXPORT_LIMIT });
  const dtos = await correctionDtos(ctx, actor, rows);
  return xlsxTable(
    '纠错台账',
    [
      { header: '纠错编号', width: 18, value: (r) => r.code },
      { header: '资源代码', width: 22, value: (r) => r.entry.code },
      { header: '资源名称', width: 30, value: (r) => r.entry.name },
      { header: '提供部门', width: 24, value: (r) => r.provider.name },
      { header: '反馈部门', width: 24, value: (r) => r.reporter?.name ?? `开放门户用户“${r.reportedBy}”` },
      { header: '反馈人', width: 16, value: (r) => r.reportedBy },
      { header: '渠道', width: 10, value: (r) => CORRECTION_CHANNEL_LABELS[r.channel] },
      { header: '信息项', width: 24, value: (r) => r.items.map((i) => i.name).join('、') },
      { header: '记录主键', width: 18, value: (r) => r.recordKey },
      { header: '问题描述', width: 40, value: (r) => r.description },
      { header: '收到时间', width: 20, value: (r) => shanghaiCell(r.receivedAt) },
      { header: '校核期限', width: 12, value: (r) => r.dueDate },
      { header: '状态', width: 12, value: (r) => CORRECTION_STATUS_LABELS[r.status] },
      { header: '办理情况', width: 18, value: (r) => r.standing.text },
      { header: '答复结论', width: 18, value: (r) => (r.decision ? CORRECTION_DECISION_LABELS[r.decision] : '') },
      { header: '答复说明', width: 30, value: (r) => r.reason },
      { header: '答复时间', width: 20, value: (r) => shanghaiCell(r.answeredAt) },
      { header: '按时答复', width: 10, value: (r) => (r.answeredOnTime === null ? '' : r.answeredOnTime ? '是' : '否') },
      { header: '异议', width: 30, value: (r) => r.contestReason },
      { header: '裁定', width: 24, value: (r) => (r.bureauDecision ? `${CONTEST_DECISION_LABELS[r.bureauDecision]}：${r.bureauReason ?? ''}` : '') },
      { header: '确有错误', width: 10, value: (r) => (r.errorConfirmed ? '是' : '否') },
    ],
    dtos,
    { title: `纠错反馈台账（第十七条） 导出于 ${shanghaiCell(ctx.now.toISOString())}` },
  );
}

async function correctionDto(ctx: LifecycleContext, actor: Actor, c: ICorrection): Promise<CorrectionDto> {
  return (await correctionDtos(ctx, actor, [c]))[0] as CorrectionDto;
}

/** `actor` null: the portal user who reported (its permissions; the answering officer's name is not shown). */
async function correctionDtos(ctx: LifecycleContext, actor: Actor | null, rows: ICorrection[]): Promise<CorrectionDto[]> {
  const { em, now } = ctx;
  const itemIds = [...new Set(rows.flatMap((c) => c.itemIds))];
  const names = itemIds.length ? new Map((await em.find(CatalogItem, { id: { $in: itemIds } }, { fields: ['id', 'name'] })).map((i) => [i.id, i.name])) : new Map<number, string>();
  const today = shanghaiDate(now);
  const calendar = ctx.calendar.lenient;
  return rows.map((c) => {
    const entry = c.entry.getEntity();
    const state = c.status === 'open' ? 'open' : c.answeredOnTime ? 'met' : 'missed';
    return {
      id: c.id,
      code: correctionCode(c.id, c.receivedAt),
      entry: { id: entry.id, code: entry.code, name: entry.name },
      provider: departmentSummary(c.provider.getEntity()),
      reporter: c.reporter ? departmentSummary(c.reporter.getEntity()) : null,
      reportedBy: c.reportedByName,
      channel: c.channel,
      items: c.itemIds.map((id) => ({ id, name: names.get(id) ?? `信息项 ${id}` })),
      recordKey: c.recordKey ?? null,
      datasetVersion: c.datasetVersion ?? null,
      description: c.description,
      evidence: c.evidence ?? null,
      status: c.status,
      receivedAt: c.receivedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      dueDate: c.dueDate,
      standing: standing(calendar, { dueAt: c.dueAt, dueDate: c.dueDate, state, completedAt: c.answeredAt ?? null }, now),
      decision: c.decision ?? null,
      reason: c.reason ?? null,
      correctedDatasetVersion: c.correctedDatasetVersion ?? null,
      correctedCatalogVersion: c.correctedCatalogVersion ?? null,
      correctOn: c.correctOn ?? null,
      answeredAt: c.answeredAt?.toISOString() ?? null,
      answeredBy: actor ? (c.answeredByName ?? null) : null,
      answeredOnTime: c.answeredOnTime ?? null,
      contestReason: c.contestReason ?? null,
      contestedAt: c.contestedAt?.toISOString() ?? null,
      bureauDecision: c.bureauDecision ?? null,
      bureauReason: c.bureauReason ?? null,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      errorConfirmed: c.errorConfirmed,
      correcting: isCorrecting({ status: c.status, decision: c.decision ?? null, correctOn: c.correctOn ?? null, bureauDecision: c.bureauDecision ?? null }, today),
      permissions: actor ? correctionPermissions(actor, factsOf(c)) : publicCorrectionPermissions(factsOf(c)),
    };
  });
}

/** Entries being corrected (纠错中) and how many reports are open on each — for the entry page and the gateway. */
export async function correctingEntries(em: EntityManager, entryIds: readonly number[], today: string): Promise<Map<number, number>> {
  if (entryIds.length === 0) return new Map();
  const rows = await em.find(
    Correction,
    { entry: { $in: [...entryIds] }, $or: [{ status: { $in: ['open', 'contested'] } }, { decision: 'scheduled', correctOn: { $gte: today }, bureauDecision: { $ne: 'answer_upheld' } }, { decision: 'scheduled', correctOn: { $gte: today }, bureauDecision: null }] },
    { fields: ['id', 'entry'] },
  );
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.entry.id, (counts.get(r.entry.id) ?? 0) + 1);
  return counts;
}

