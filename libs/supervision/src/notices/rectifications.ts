import { createHash } from 'node:crypto';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  applyNoticeAction,
  assertCanReadNotice,
  assertCanRectify,
  ATTACHMENT_LIMITS,
  chineseDate,
  cleanAttachmentName,
  NotFoundError,
  resubmissionPeriod,
  RuleViolationError,
  ValidationError,
  type AcceptRectificationInput,
  type Actor,
  type NoticeAttachmentDto,
  type NoticeDto,
  type ReturnRectificationInput,
  type SubmitRectificationInput,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { audit, completeDeadline, departmentRecipients, notify, openDeadline, roleRecipients } from '@govdata/core';
import { NoticeAttachment, Rectification, type IRectification } from '../entities/rectification.entity';
import { NoticeViolation, type INotice } from '../entities/notice.entity';
import { attachmentDto, loadNotice, noticeDto } from './dto';
import { escalateNotice } from './escalation';
import type { NoticeContext } from './notices';
import { getNoticeSettings } from './settings';

const dtoOf = async (em: EntityManager, n: INotice, ctx: NoticeContext): Promise<NoticeDto> =>
  noticeDto(em, n, { calendar: ctx.calendar.lenient, now: ctx.now, settings: await getNoticeSettings(em) });

export interface UploadedFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/** 上传佐证材料 — kept pending until the report it is submitted with. Only the addressed department, while it may report. */
export async function uploadAttachment(em: EntityManager, actor: Actor, noticeId: number, file: UploadedFile, now: Date): Promise<NoticeAttachmentDto> {
  const n = await loadNotice(em, noticeId);
  assertCanRectify(actor, { departmentId: n.department.id });
  // uploads are for a report the department may submit now
  applyNoticeAction(n.status, 'submit');
  const name = cleanAttachmentName(file.name);
  if (file.content.length === 0) throw new ValidationError('附件内容为空，请选择文件后上传', [], 'notice.attachment_empty');
  if (file.content.length > ATTACHMENT_LIMITS.maxBytes) {
    throw new ValidationError(`附件不能超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`, [], 'notice.attachment_too_large');
  }
  const pending = await em.count(NoticeAttachment, { notice: n.id, rectification: null });
  if (pending >= ATTACHMENT_LIMITS.maxPerReport) {
    throw new RuleViolationError(`每份整改报告最多 ${ATTACHMENT_LIMITS.maxPerReport} 个附件，请先删除不需要的附件`, 'notice.attachment_count');
  }
  const a = em.create(NoticeAttachment, {
    notice: n,
    rectification: null,
    department: n.department.id,
    name,
    mimeType: /^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType) ? file.mimeType.slice(0, 100) : 'application/octet-stream',
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    uploadedBy: actor.userId,
    uploadedAt: now,
  });
  await em.flush();
  audit(em, { actor, action: 'notice.attachment_upload', subjectType: 'notice', subjectId: n.id, after: { attachmentId: a.id, name, size: a.size, sha256: a.sha256 }, at: now });
  await em.populate(a, ['uploadedBy']);
  return attachmentDto(a);
}

async function loadAttachment(em: EntityManager, noticeId: number, attachmentId: number) {
  const a = await em.findOne(NoticeAttachment, { id: attachmentId, notice: noticeId }, { populate: ['uploadedBy'] });
  if (!a) throw new NotFoundError(`附件 ${attachmentId} 不存在`, 'notice.attachment_not_found');
  return a;
}

/** Removes an attachment not yet submitted; submitted ones are part of the record. */
export async function deleteAttachment(em: EntityManager, actor: Actor, noticeId: number, attachmentId: number, now: Date): Promise<void> {
  const n = await loadNotice(em, noticeId);
  assertCanRectify(actor, { departmentId: n.department.id });
  const a = await loadAttachment(em, noticeId, attachmentId);
  if (a.rectification) throw new RuleViolationError('该附件已随整改报告报送，不能删除', 'notice.attachment_submitted');
  audit(em, { actor, action: 'notice.attachment_delete', subjectType: 'notice', subjectId: n.id, before: { attachmentId: a.id, name: a.name, size: a.size }, at: now });
  em.remove(a);
}

/** The bytes of an attachment, for whoever may read the notice. */
export async function readAttachment(em: EntityManager, actor: Actor, noticeId: number, attachmentId: number): Promise<{ name: string; mimeType: string; content: Buffer }> {
  const n = await loadNotice(em, noticeId);
  assertCanReadNotice(actor, { departmentId: n.department.id, status: n.status });
  const a = await loadAttachment(em, noticeId, attachmentId);
  await em.populate(a, ['content']);
  return { name: a.name, mimeType: a.mimeType, content: Buffer.from(a.content) };
}

/** 报送整改情况 — text and the pending attachments named; the bureau is told. Late reports are received too. */
export async function submitRectification(em: EntityManager, actor: Actor, noticeId: number, input: SubmitRectificationInput, ctx: NoticeContext): Promise<NoticeDto> {
  const n = await loadNotice(em, noticeId);
  assertCanRectify(actor, { departmentId: n.department.id });
  const before = n.status;
  n.status = applyNoticeAction(n.status, 'submit') ?? n.status;
  const attachments = input.attachmentIds.length ? await em.find(NoticeAttachment, { id: { $in: input.attachmentIds }, notice: n.id, rectification: null }) : [];
  const unknown = input.attachmentIds.filter((id) => !attachments.some((a) => a.id === id));
  if (unknown.length) throw new RuleViolationError(`附件 ${unknown.join('、')} 不存在、不属于本通报或已随其他报告报送`, 'notice.attachment_unknown');
  const report = em.create(Rectification, {
    notice: n,
    department: n.department.id,
    text: input.text,
    status: 'submitted',
    submittedAt: ctx.now,
    submittedBy: actor.userId,
    decidedAt: null,
    decidedBy: null,
    comment: null,
  });
  for (const a of attachments) a.rectification = ref(report);
  // A report by the deadline stops the clock (met): the department has done what it was told in time, so neither the
  // deadline sweep nor the escalation job may count the bureau's review time against it (no 八, no overdue notice).
  // A late report leaves the clock overdue; accepting it completes the clock as missed.
  const deadline = n.deadline ? await n.deadline.load() : null;
  const clock = deadline && deadline.state === 'open' && ctx.now.getTime() <= deadline.dueAt.getTime() ? completeDeadline(deadline, ctx.now) : null;
  n.updatedAt = ctx.now;
  await em.flush();
  audit(em, { actor, action: 'notice.rectification_submit', subjectType: 'notice', subjectId: n.id, before: { status: before }, after: { status: n.status, rectificationId: report.id, attachmentIds: input.attachmentIds, ...(clock ? { deadline: clock } : {}) }, at: ctx.now });
  await notify(
    em,
    await roleRecipients(em, ['bureau_admin']),
    {
      kind: 'notice.rectification_submitted',
      title: `整改情况待验收：${n.number}`,
      body: `${n.department.getEntity().name}报送了书面通报 ${n.number} 的整改情况，请验收。`,
      link: `/notices/${n.id}`,
      subjectType: 'notice',
      subjectId: n.id,
      dedupeKey: `notice-rectification:${report.id}`,
    },
    ctx.now,
  );
  return dtoOf(em, n, ctx);
}

async function pendingReport(em: EntityManager, n: INotice): Promise<IRectification> {
  const report = await em.findOne(Rectification, { notice: n.id, status: 'submitted' }, { orderBy: { id: 'desc' } });
  if (!report) throw new RuleViolationError('没有待验收的整改报告', 'notice.no_pending_report');
  return report;
}

/**
 * 验收通过 — the notice closes, its violations close, and the deadline completes as of the report's submission: a
 * report received by the deadline counts as rectified in time even when the bureau accepts it later.
 */
export async function acceptRectification(em: EntityManager, actor: Actor, noticeId: number, input: AcceptRectificationInput, ctx: NoticeContext): Promise<NoticeDto> {
  const n = await loadNotice(em, noticeId);
  n.status = applyNoticeAction(n.status, 'accept') ?? n.status;
  const report = await pendingReport(em, n);
  em.assign(report, { status: 'accepted', decidedAt: ctx.now, decidedBy: actor.userId, comment: input.comment ?? null });
  const deadline = n.deadline?.getEntity() ?? null;
  const outcome = deadline ? completeDeadline(deadline, report.submittedAt) : null;
  n.closedAt = ctx.now;
  n.updatedAt = ctx.now;
  const links = await em.find(NoticeViolation, { notice: n.id }, { populate: ['violation'] });
  for (const l of links) {
    const v = l.violation.getEntity();
    if (v.status !== 'noticed') continue;
    audit(em, { actor, action: 'violation.close', subjectType: 'violation', subjectId: v.id, before: { status: v.status }, after: { status: 'closed', noticeId: n.id }, at: ctx.now });
    v.status = 'closed';
  }
  audit(em, { actor, action: 'notice.accept', subjectType: 'notice', subjectId: n.id, before: { status: 'submitted' }, after: { status: 'closed', rectificationId: report.id, deadline: outcome }, at: ctx.now });
  await notify(
    em,
    await departmentRecipients(em, n.department.id),
    { kind: 'notice.accepted', title: `整改验收通过：${n.number}`, body: `书面通报 ${n.number} 的整改情况已验收通过，本通报办结。${input.comment ? `验收意见：${input.comment}` : ''}`, link: `/notices/${n.id}`, subjectType: 'notice', subjectId: n.id, dedupeKey: `notice-accepted:${report.id}` },
    ctx.now,
  );
  return dtoOf(em, n, ctx);
}

/**
 * 退回整改 — with the reason. The department reports again:
 * - its report came in time (the clock stopped, met): that clock is superseded (cancelled, so that the notice counts
 *   once in the assessment, by its final clock) and a new `notice_rectification` clock opens from the return, with the
 *   working days that were left after the day of the report and at least five (`resubmissionPeriod`, libs/domain);
 * - its report came late (the clock is still overdue): the notice goes overdue and is escalated right away, as the
 *   job would at its next run.
 */
export async function returnRectification(em: EntityManager, actor: Actor, noticeId: number, input: ReturnRectificationInput, ctx: NoticeContext): Promise<NoticeDto> {
  const n = await loadNotice(em, noticeId);
  n.status = applyNoticeAction(n.status, 'return') ?? n.status;
  const report = await pendingReport(em, n);
  em.assign(report, { status: 'returned', decidedAt: ctx.now, decidedBy: actor.userId, comment: input.reason });
  n.updatedAt = ctx.now;
  let deadline = n.deadline?.getEntity() ?? null;
  let resubmission: { previousDeadlineId: number; dueDate: string; period: { n: number; unit: 'working' } } | null = null;
  if (deadline && deadline.state === 'met') {
    // the working days after the day of the report, up to the last day: what the department still had
    const left = Math.max(0, ctx.calendar.lenient.workingDaysBetween(shanghaiDate(report.submittedAt), deadline.dueDate));
    const period = resubmissionPeriod(left);
    deadline.state = 'cancelled';
    const next = await openDeadline(em, ctx.calendar, { kind: 'notice_rectification', subjectType: 'notice', subjectId: n.id, departmentId: n.department.id, startedAt: ctx.now, period }, ctx.now);
    em.assign(n, { deadline: next });
    await em.flush();
    resubmission = { previousDeadlineId: deadline.id, dueDate: next.dueDate, period };
    deadline = next;
  }
  audit(em, { actor, action: 'notice.return', subjectType: 'notice', subjectId: n.id, before: { status: 'submitted' }, after: { status: 'returned', rectificationId: report.id, reason: input.reason, ...(resubmission ? { resubmission } : {}) }, at: ctx.now });
  const due = deadline && deadline.dueAt.getTime() >= ctx.now.getTime() ? `，请于${chineseDate(deadline.dueDate)}前重新报送` : '，整改期限已届满，请尽快重新报送';
  await notify(
    em,
    await departmentRecipients(em, n.department.id),
    { kind: 'notice.returned', title: `整改情况被退回：${n.number}`, body: `退回理由：${input.reason}${due}。`, link: `/notices/${n.id}`, subjectType: 'notice', subjectId: n.id, dedupeKey: `notice-returned:${report.id}` },
    ctx.now,
  );
  if (deadline && deadline.dueAt.getTime() < ctx.now.getTime()) await escalateNotice(em, n, { now: ctx.now, calendar: ctx.calendar, actor });
  return dtoOf(em, n, ctx);
}
