import { QueryOrder, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  applyNoticeAction,
  assertCanReadNotice,
  chineseDate,
  ConflictError,
  draftBody,
  draftTitle,
  NOTICE_DEADLINE_TOKEN,
  NotFoundError,
  noticeScope,
  RuleViolationError,
  VIOLATION_STATUS_LABELS,
  type Actor,
  type CreateNoticeDraftsInput,
  type DuePeriod,
  type NoticeDto,
  type NoticeFilter,
  type NoticeListItemDto,
  type NoticeQuery,
  noticeNumberSearch,
  type Page,
  type UpdateNoticeDraftInput,
} from '@govdata/domain';
import { naturalDaysBetween, shanghaiDate } from '@govdata/workdays';
import { audit, type CalendarHolder, containsText, departmentRecipients, type IViolation, notify, openDeadline, ruleSetAt, Violation } from '@govdata/core';
import { Notice, NoticeViolation, type INotice } from '../entities/notice.entity';
import { loadNotice, noticeDto, noticeListItem, violationTypesOf } from './dto';
import { drawNoticeSequence, formatNoticeNumber } from './numbering';
import { getNoticeSettings } from './settings';

export interface NoticeContext {
  calendar: CalendarHolder;
  now: Date;
}

/** The DTO of a notice as the actor may see it (drafts only for the bureau, a department only its own). */
export async function getNotice(em: EntityManager, actor: Actor, id: number, ctx: NoticeContext): Promise<NoticeDto> {
  const n = await loadNotice(em, id);
  assertCanReadNotice(actor, { departmentId: n.department.id, status: n.status });
  return noticeDto(em, n, { calendar: ctx.calendar.lenient, now: ctx.now, settings: await getNoticeSettings(em) });
}

const ids = (vs: { id: number }[]): string => vs.map((v) => v.id).join('、');

/**
 * 生成通报草稿 — from confirmed violations, one draft per addressed department (主送), with title and body from the
 * templates of their types. A violation can be in one notice only; asking twice is a 409.
 */
export async function createNoticeDrafts(em: EntityManager, actor: Actor, input: CreateNoticeDraftsInput, ctx: NoticeContext): Promise<NoticeDto[]> {
  const violations = await em.find(Violation, { id: { $in: input.violationIds } }, { populate: ['department'], orderBy: { id: 'asc' } });
  const missing = input.violationIds.filter((id) => !violations.some((v) => v.id === id));
  if (missing.length) throw new NotFoundError(`违规记录 ${missing.join('、')} 不存在`, 'notice.violation_not_found');
  const unconfirmed = violations.filter((v) => v.status !== 'confirmed');
  if (unconfirmed.length) {
    const which = unconfirmed.map((v) => `${v.id}（${VIOLATION_STATUS_LABELS[v.status]}）`).join('、');
    throw new RuleViolationError(`只有“已确认”的违规记录才能生成通报，以下记录不符合：${which}`, 'notice.violation_not_confirmed');
  }
  const taken = await em.find(NoticeViolation, { violation: { $in: input.violationIds } }, { populate: ['notice'] });
  if (taken.length) {
    const which = taken.map((t) => `${t.violation.id}（${t.notice.getEntity().number ?? `草稿 #${t.notice.id}`}）`).join('、');
    throw new ConflictError(`以下违规记录已列入书面通报，不能重复通报：${which}`, 'notice.violation_taken');
  }
  const settings = await getNoticeSettings(em);
  const rules = await ruleSetAt(em, ctx.now);
  const byDepartment = new Map<number, IViolation[]>();
  for (const v of violations) byDepartment.set(v.department.id, [...(byDepartment.get(v.department.id) ?? []), v]);
  const drafts: INotice[] = [];
  for (const group of [...byDepartment.values()].sort((a, b) => a[0].department.getEntity().sortOrder - b[0].department.getEntity().sortOrder)) {
    const department = group[0].department.getEntity();
    const text = { department: department.name, authority: settings.issuingAuthority, violations: group.map((v) => ({ type: v.type, evidence: v.evidence, detectedAt: v.detectedAt.toISOString() })), rules };
    const notice = em.create(Notice, {
      year: null,
      sequence: null,
      number: null,
      title: draftTitle(text),
      department,
      copyTo: [...settings.defaultCopyTo],
      body: draftBody(text),
      rectifyMode: 'working_days',
      rectifyWorkingDays: input.rectifyWithinWorkingDays,
      rectifyBy: null,
      status: 'draft',
      signer: settings.defaultSigner,
      createdBy: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    for (const v of group) em.create(NoticeViolation, { notice, violation: v });
    drafts.push(notice);
  }
  await em.flush();
  for (const n of drafts) {
    audit(em, { actor, action: 'notice.draft', subjectType: 'notice', subjectId: n.id, after: { department: n.department.id, violationIds: byDepartment.get(n.department.id)?.map((v) => v.id), rectifyWorkingDays: n.rectifyWorkingDays }, at: ctx.now });
  }
  return Promise.all(drafts.map((n) => noticeDto(em, n, { calendar: ctx.calendar.lenient, now: ctx.now, settings })));
}

function assertFixedDayAhead(date: string, from: string): void {
  if (date <= from) throw new RuleViolationError(`整改期限日期（${chineseDate(date)}）须晚于${chineseDate(from)}，请重新选择`, 'notice.rectify_date_past');
}

/** 修改草稿 — title, body, copies, signer, and the rectification period (working days or a fixed last day). */
export async function updateNoticeDraft(em: EntityManager, actor: Actor, id: number, input: UpdateNoticeDraftInput, ctx: NoticeContext): Promise<NoticeDto> {
  const n = await loadNotice(em, id);
  applyNoticeAction(n.status, 'edit');
  const before = { title: n.title, body: n.body, copyTo: n.copyTo, signer: n.signer, rectifyMode: n.rectifyMode, rectifyWorkingDays: n.rectifyWorkingDays, rectifyBy: n.rectifyBy };
  if (input.title !== undefined) n.title = input.title;
  if (input.body !== undefined) n.body = input.body;
  if (input.copyTo !== undefined) n.copyTo = input.copyTo;
  if (input.signer !== undefined) n.signer = input.signer;
  if (input.rectifyWithinWorkingDays !== undefined) Object.assign(n, { rectifyMode: 'working_days', rectifyWorkingDays: input.rectifyWithinWorkingDays, rectifyBy: null });
  if (input.rectifyBy !== undefined) {
    assertFixedDayAhead(input.rectifyBy, shanghaiDate(ctx.now));
    Object.assign(n, { rectifyMode: 'date', rectifyWorkingDays: null, rectifyBy: input.rectifyBy });
  }
  n.updatedAt = ctx.now;
  const after = { title: n.title, body: n.body, copyTo: n.copyTo, signer: n.signer, rectifyMode: n.rectifyMode, rectifyWorkingDays: n.rectifyWorkingDays, rectifyBy: n.rectifyBy };
  audit(em, { actor, action: 'notice.update', subjectType: 'notice', subjectId: n.id, before, after, at: ctx.now });
  return noticeDto(em, n, { calendar: ctx.calendar.lenient, now: ctx.now, settings: await getNoticeSettings(em) });
}

/** 删除草稿 — its violations become free for another notice. */
export async function discardNoticeDraft(em: EntityManager, actor: Actor, id: number, now: Date): Promise<void> {
  const n = await loadNotice(em, id);
  applyNoticeAction(n.status, 'discard');
  const links = await em.find(NoticeViolation, { notice: n.id });
  audit(em, { actor, action: 'notice.discard', subjectType: 'notice', subjectId: n.id, before: { title: n.title, department: n.department.id, violationIds: links.map((l) => l.violation.id) }, at: now });
  em.remove(links);
  em.remove(n);
}

/** The rectification period to open the deadline with: working days, or natural days up to the fixed last day. */
function rectifyPeriod(n: INotice, issueDate: string): DuePeriod {
  if (n.rectifyMode === 'date' && n.rectifyBy) {
    assertFixedDayAhead(n.rectifyBy, issueDate);
    return { n: naturalDaysBetween(issueDate, n.rectifyBy), unit: 'natural' };
  }
  return { n: n.rectifyWorkingDays ?? 0, unit: 'working' };
}

/**
 * 印发 — numbers the notice (朔政数通〔2026〕7号, per-year sequence drawn in this transaction), freezes the document
 * fields, opens the `notice_rectification` deadline for the addressed department, marks its violations noticed and
 * tells the department. Everything happens in the caller's transaction or not at all.
 */
export async function issueNotice(em: EntityManager, actor: Actor, id: number, ctx: NoticeContext): Promise<{ number: string; status: 'issued' }> {
  const n = await loadNotice(em, id);
  applyNoticeAction(n.status, 'issue');
  if (!n.body.includes(NOTICE_DEADLINE_TOKEN)) {
    throw new RuleViolationError(`正文中须保留“${NOTICE_DEADLINE_TOKEN}”，印发时系统将其替换为整改截止日期`, 'notice.deadline_token_missing');
  }
  const links = await em.find(NoticeViolation, { notice: n.id }, { populate: ['violation'] });
  const violations = links.map((l) => l.violation.getEntity());
  const stale = violations.filter((v) => v.status !== 'confirmed');
  if (violations.length === 0 || stale.length) {
    throw new RuleViolationError(`通报所列违规记录 ${ids(stale)} 已不是“已确认”状态（可能已被排除），请删除此草稿后重新生成`, 'notice.violation_not_confirmed');
  }
  const issueDate = shanghaiDate(ctx.now);
  const year = Number(issueDate.slice(0, 4));
  const period = rectifyPeriod(n, issueDate);
  const settings = await getNoticeSettings(em);
  const sequence = await drawNoticeSequence(em, year);
  const number = formatNoticeNumber(settings.numberPrefix, year, sequence);
  const deadline = await openDeadline(em, ctx.calendar, { kind: 'notice_rectification', subjectType: 'notice', subjectId: n.id, departmentId: n.department.id, startedAt: ctx.now, period }, ctx.now);
  // em.assign, not Object.assign: it turns the user id and the deadline into references
  em.assign(n, {
    status: 'issued',
    year,
    sequence,
    number,
    issueDate,
    issuedAt: ctx.now,
    issuedBy: actor.userId,
    deadline,
    documentMark: settings.documentMark,
    issuingAuthority: settings.issuingAuthority,
    printingAuthority: settings.printingAuthority,
    updatedAt: ctx.now,
  });
  for (const v of violations) {
    audit(em, { actor, action: 'violation.notice', subjectType: 'violation', subjectId: v.id, before: { status: v.status, noticeId: v.noticeId ?? null }, after: { status: 'noticed', noticeId: n.id }, at: ctx.now });
    v.status = 'noticed';
    v.noticeId = n.id;
  }
  audit(em, { actor, action: 'notice.issue', subjectType: 'notice', subjectId: n.id, before: { status: 'draft' }, after: { status: 'issued', number, dueDate: deadline.dueDate, period }, at: ctx.now });
  await notify(
    em,
    await departmentRecipients(em, n.department.id),
    {
      kind: 'notice.issued',
      title: `书面通报 ${number}`,
      body: `${n.title}。请于${chineseDate(deadline.dueDate)}前完成整改，并在平台报送整改情况报告。`,
      link: `/notices/${n.id}`,
      subjectType: 'notice',
      subjectId: n.id,
      dedupeKey: `notice-issued:${n.id}`,
    },
    ctx.now,
  );
  await em.flush();
  return { number, status: 'issued' };
}

/** The where clause of the register for an actor and filters. */
export async function noticeWhere(em: EntityManager, actor: Actor, filter: NoticeFilter): Promise<FilterQuery<INotice>> {
  const scope = noticeScope(actor, filter.departmentId);
  const where: FilterQuery<INotice> & Record<string, unknown> = {};
  if (scope.departmentId !== undefined) where.department = scope.departmentId;
  if (filter.status) {
    if (filter.status === 'draft' && !scope.includeDrafts) where.id = { $in: [] };
    else where.status = filter.status;
  } else if (!scope.includeDrafts) where.status = { $ne: 'draft' };
  if (filter.year) where.year = filter.year;
  if (filter.q) {
    // 发文字号 as people type it: 〔2026〕4号, (2026)4, 2026年4号 all read as 〔2026〕4号 (issue 14, defect 2)
    const number = noticeNumberSearch(filter.q);
    where.$or = [{ title: containsText(em, filter.q) }, { number: containsText(em, filter.q) }, ...(number ? [{ number: containsText(em, number) }] : [])];
  }
  if (filter.violationType) {
    // a subquery rather than a join: a notice covering two violations of the type must count once
    const sub = em.createQueryBuilder(NoticeViolation, 'nv').select('nv.notice_id').join('nv.violation', 'v').where({ 'v.type': filter.violationType });
    where.$and = [{ id: { $in: sub.getKnexQuery() as unknown as number[] } }];
  }
  return where;
}

/** 通报台账 — the register, newest first (drafts, which have no number yet, by creation). */
export async function listNotices(em: EntityManager, actor: Actor, query: NoticeQuery): Promise<Page<NoticeListItemDto>> {
  const where = await noticeWhere(em, actor, query);
  const [rows, total] = await em.findAndCount(Notice, where, {
    populate: ['department', 'deadline'],
    // drafts (no year yet) first on both dialects: NULL ordering differs unless spelled out
    orderBy: [{ year: QueryOrder.DESC_NULLS_FIRST }, { sequence: QueryOrder.DESC_NULLS_FIRST }, { id: QueryOrder.DESC }],
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const types = await violationTypesOf(em, rows.map((n) => n.id));
  return { items: rows.map((n) => noticeListItem(n, types.get(n.id) ?? [])), total, page: query.page, pageSize: query.pageSize };
}
