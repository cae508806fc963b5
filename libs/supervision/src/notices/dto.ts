import type { EntityManager } from '@mikro-orm/knex';
import {
  NOTICE_STATUS_LABELS,
  NotFoundError,
  standing,
  VIOLATION_TYPE_SPECS,
  violationClause,
  type NoticeAttachmentDto,
  type NoticeDto,
  type NoticeListItemDto,
  type NoticeSettingsDto,
  type RectificationDto,
  type ViolationType,
} from '@govdata/domain';
import type { WorkCalendar } from '@govdata/workdays';
import { Deadline, departmentSummary, type IDeadline, type IUser } from '@govdata/core';
import { NoticeAttachment, Rectification, type INoticeAttachment } from '../entities/rectification.entity';
import { type INotice, Notice, NoticeViolation } from '../entities/notice.entity';

const iso = (d: Date | null | undefined): string | null => d?.toISOString() ?? null;
const userName = (u: { isInitialized(): boolean; getEntity(): IUser } | null | undefined): string | null =>
  u && u.isInitialized() ? u.getEntity().displayName : null;

export const attachmentDto = (a: INoticeAttachment): NoticeAttachmentDto => ({
  id: a.id,
  name: a.name,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256,
  uploadedAt: a.uploadedAt.toISOString(),
  uploadedBy: userName(a.uploadedBy) ?? '',
  rectificationId: a.rectification?.id ?? null,
});

const deadlineOf = (n: INotice): IDeadline | null => (n.deadline?.isInitialized() ? n.deadline.getEntity() : null);

/** null while open; whether the accepted report came in by the deadline once closed. */
function rectifiedInTime(n: INotice): boolean | null {
  const d = deadlineOf(n);
  if (n.status !== 'closed' || !d) return null;
  return d.state === 'met';
}

/** Loads a notice with what its DTOs show, or 404. */
export async function loadNotice(em: EntityManager, id: number): Promise<INotice> {
  const n = await em.findOne(Notice, id, { populate: ['department', 'deadline', 'issuedBy'] });
  if (!n) throw new NotFoundError(`书面通报 ${id} 不存在`, 'notice.not_found');
  return n;
}

/** Violation types per notice, in one query for a page of notices. */
export async function violationTypesOf(em: EntityManager, noticeIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (noticeIds.length === 0) return map;
  const links = await em.find(NoticeViolation, { notice: { $in: noticeIds } }, { populate: ['violation'], fields: ['notice', 'violation.type'] });
  for (const l of links) {
    const list = map.get(l.notice.id) ?? [];
    const type = l.violation.getEntity().type;
    if (!list.includes(type)) list.push(type);
    map.set(l.notice.id, list.sort((a, b) => a - b));
  }
  return map;
}

export function noticeListItem(n: INotice, types: number[]): NoticeListItemDto {
  const d = deadlineOf(n);
  return {
    id: n.id,
    number: n.number ?? null,
    year: n.year ?? null,
    sequence: n.sequence ?? null,
    title: n.title,
    status: n.status,
    statusLabel: NOTICE_STATUS_LABELS[n.status],
    department: departmentSummary(n.department.getEntity()),
    violationTypes: types,
    issueDate: n.issueDate ?? null,
    dueDate: d?.dueDate ?? (n.rectifyMode === 'date' ? (n.rectifyBy ?? null) : null),
    closedAt: iso(n.closedAt),
    rectifiedInTime: rectifiedInTime(n),
    createdAt: n.createdAt.toISOString(),
  };
}

/** The full notice: document fields (the settings' for a draft), violations, reports, attachments, the running clock. */
export async function noticeDto(em: EntityManager, n: INotice, ctx: { calendar: WorkCalendar; now: Date; settings: NoticeSettingsDto }): Promise<NoticeDto> {
  const links = await em.find(NoticeViolation, { notice: n.id }, { populate: ['violation'], orderBy: { violation: { id: 'asc' } } });
  const violations = links.map((l) => l.violation.getEntity());
  const reports = await em.find(Rectification, { notice: n.id }, { populate: ['submittedBy', 'decidedBy'], orderBy: { id: 'asc' } });
  const attachments = await em.find(NoticeAttachment, { notice: n.id }, { populate: ['uploadedBy'], orderBy: { id: 'asc' } });
  const d = deadlineOf(n);
  // the clock opened at issue: its last day is the one printed in the notice
  const first = d ? await em.findOne(Deadline, { kind: 'notice_rectification', subjectType: 'notice', subjectId: n.id }, { orderBy: { id: 'asc' }, fields: ['dueDate'] }) : null;
  const running = d && (d.state === 'open' || d.state === 'overdue');
  const s = d ? standing(ctx.calendar, { dueAt: d.dueAt, dueDate: d.dueDate, state: d.state, completedAt: d.completedAt, unit: d.periodUnit }, ctx.now) : null;
  const draft = n.status === 'draft';
  const rectification = (r: (typeof reports)[number]): RectificationDto => ({
    id: r.id,
    text: r.text,
    status: r.status,
    submittedAt: r.submittedAt.toISOString(),
    submittedBy: userName(r.submittedBy) ?? '',
    inTime: d ? r.submittedAt.getTime() <= d.dueAt.getTime() : true,
    decidedAt: iso(r.decidedAt),
    decidedBy: userName(r.decidedBy),
    comment: r.comment ?? null,
    attachments: attachments.filter((a) => a.rectification?.id === r.id).map(attachmentDto),
  });
  return {
    ...noticeListItem(n, [...new Set(violations.map((v) => v.type))].sort((a, b) => a - b)),
    copyTo: [...n.copyTo],
    body: n.body,
    rectify: { mode: n.rectifyMode, workingDays: n.rectifyWorkingDays ?? null, date: n.rectifyBy ?? null },
    deadline: d
      ? {
          startedAt: d.startedAt.toISOString(),
          dueAt: d.dueAt.toISOString(),
          dueDate: d.dueDate,
          state: d.state,
          provisional: d.provisional,
          workingDaysLeft: running && s ? s.workingDaysLeft : null,
          workingDaysLate: running && s ? s.workingDaysLate : null,
          standing: s!,
        }
      : null,
    issuedDueDate: first?.dueDate ?? d?.dueDate ?? null,
    issuedAt: iso(n.issuedAt),
    issuedBy: userName(n.issuedBy),
    issuingAuthority: (draft ? null : n.issuingAuthority) ?? ctx.settings.issuingAuthority,
    documentMark: (draft ? null : n.documentMark) ?? ctx.settings.documentMark,
    printingAuthority: (draft ? null : n.printingAuthority) ?? ctx.settings.printingAuthority,
    signer: n.signer ?? null,
    violations: violations.map((v) => ({
      id: v.id,
      type: v.type,
      typeLabel: VIOLATION_TYPE_SPECS[v.type as ViolationType].short,
      clause: violationClause(v.type as ViolationType),
      status: v.status,
      detectedAt: v.detectedAt.toISOString(),
      evidence: v.evidence,
    })),
    rectifications: reports.map(rectification),
    pendingAttachments: attachments.filter((a) => !a.rectification).map(attachmentDto),
    overdueAt: iso(n.overdueAt),
    escalatedAt: iso(n.escalatedAt),
    updatedAt: n.updatedAt.toISOString(),
    version: n.version,
  };
}
