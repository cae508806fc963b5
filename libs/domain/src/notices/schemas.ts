import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, trimmed } from '../common';
import { ValidationError } from '../errors';
import { deadlineStateSchema } from '../deadlines';
import { departmentSummarySchema } from '../departments';
import { deadlineStandingSchema } from '../deadline-api';
import { violationEvidenceSchema, violationStatusSchema, violationTypeSchema } from '../violations';
import { NOTICE_STATUSES, RECTIFY_MODES, RECTIFY_WORKING_DAYS } from './labels';

/** The statuses, their labels and the rectification limits are in labels.ts, apart from zod (pages that only show them do not load it). */
export * from './labels';

export const noticeStatusSchema = z.enum(NOTICE_STATUSES, { message: '通报状态无效' });

const workingDaysField = z
  .number({ message: '整改期限（工作日）应为整数' })
  .int('整改期限（工作日）应为整数')
  .min(RECTIFY_WORKING_DAYS.min, `整改期限至少 ${RECTIFY_WORKING_DAYS.min} 个工作日`)
  .max(RECTIFY_WORKING_DAYS.max, `整改期限不能超过 ${RECTIFY_WORKING_DAYS.max} 个工作日`);

const idList = (label: string, max: number) =>
  z
    .array(z.number().int().positive(`${label}编号应为正整数`), { message: `${label}应为编号数组` })
    .max(max, `一次最多 ${max} 条${label}`)
    .refine((ids) => new Set(ids).size === ids.length, `${label}编号有重复`);

/** POST /api/notices — drafts from confirmed violations, one per addressed department (contract of issue 8). */
export const createNoticeDraftsSchema = z.strictObject({
  violationIds: idList('违规记录', 100).refine((ids) => ids.length > 0, '请至少选择一条已确认的违规记录'),
  rectifyWithinWorkingDays: workingDaysField.default(RECTIFY_WORKING_DAYS.default),
});
export type CreateNoticeDraftsInput = z.infer<typeof createNoticeDraftsSchema>;

const copyToField = z.array(trimmed(2, 60, '抄送单位名称'), { message: '抄送应为单位名称数组' }).max(15, '抄送单位最多 15 个');

/** PATCH /api/notices/:id — edit a draft before issuing. */
export const updateNoticeDraftSchema = z
  .strictObject({
    title: trimmed(6, 120, '标题'),
    body: trimmed(20, 20_000, '正文'),
    copyTo: copyToField,
    signer: trimmed(2, 30, '签发人').nullable(),
    rectifyWithinWorkingDays: workingDaysField,
    rectifyBy: isoDateSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项')
  .refine((v) => v.rectifyWithinWorkingDays === undefined || v.rectifyBy === undefined, '整改期限只能按工作日数或指定日期设置其一');
export type UpdateNoticeDraftInput = z.infer<typeof updateNoticeDraftSchema>;

/** 整改情况报告 — the department's rectification report. */
export const submitRectificationSchema = z.strictObject({
  text: trimmed(10, 10_000, '整改情况说明'),
  attachmentIds: idList('附件', 10).default([]),
});
export type SubmitRectificationInput = z.infer<typeof submitRectificationSchema>;

export const acceptRectificationSchema = z.strictObject({ comment: trimmed(1, 1000, '验收意见').optional() });
export type AcceptRectificationInput = z.infer<typeof acceptRectificationSchema>;

export const returnRectificationSchema = z.strictObject({ reason: trimmed(5, 1000, '退回理由') });
export type ReturnRectificationInput = z.infer<typeof returnRectificationSchema>;

/** Filters of the notices register (通报台账). */
export const noticeFilterSchema = z.object({
  year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效').optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  violationType: violationTypeSchema.optional(),
  status: noticeStatusSchema.optional(),
  q: z.string().trim().max(50, '检索词不能超过 50 个字符').optional(),
});
export type NoticeFilter = z.infer<typeof noticeFilterSchema>;
export const noticeQuerySchema = pageQuerySchema.extend(noticeFilterSchema.shape);
export type NoticeQuery = z.infer<typeof noticeQuerySchema>;

export const noticeStatsQuerySchema = z.object({ year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效') });

export const attachmentParamsSchema = z.strictObject({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
export const attachmentUploadQuerySchema = z.object({ name: trimmed(1, 120, '附件文件名') });

/** The bureau's settings for notices: 发文字号 prefix (代字), 份头, 署名, 印发机关, default copies. */
export const noticeSettingsSchema = z.object({
  numberPrefix: z.string(),
  documentMark: z.string(),
  issuingAuthority: z.string(),
  printingAuthority: z.string(),
  defaultCopyTo: z.array(z.string()),
  defaultSigner: z.string().nullable(),
});
export type NoticeSettingsDto = z.infer<typeof noticeSettingsSchema>;

export const updateNoticeSettingsSchema = z
  .strictObject({
    numberPrefix: z
      .string()
      .trim()
      .regex(/^[\u4e00-\u9fa5]{2,8}$/, '发文字号代字应为 2–8 个汉字，如“朔政数通”（年份和序号由系统生成）'),
    documentMark: trimmed(4, 30, '发文机关标志'),
    issuingAuthority: trimmed(4, 30, '发文机关署名'),
    printingAuthority: trimmed(4, 30, '印发机关'),
    defaultCopyTo: copyToField,
    defaultSigner: trimmed(2, 30, '签发人').nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');
export type UpdateNoticeSettingsInput = z.infer<typeof updateNoticeSettingsSchema>;

export const DEFAULT_NOTICE_SETTINGS: NoticeSettingsDto = {
  numberPrefix: '朔政数通',
  documentMark: '朔州市政务信息管理局文件',
  issuingAuthority: '朔州市政务信息管理局',
  printingAuthority: '朔州市政务信息管理局',
  defaultCopyTo: ['朔州市数字政府建设领导小组办公室'],
  defaultSigner: null,
};

// ---- DTOs -------------------------------------------------------------------------------------------------------

export const noticeViolationSchema = z.object({
  id: z.number().int(),
  type: z.number().int(),
  typeLabel: z.string(),
  /** 第三十三条第（N）项 */
  clause: z.string(),
  status: violationStatusSchema,
  detectedAt: z.string(),
  evidence: violationEvidenceSchema,
});
export type NoticeViolationDto = z.infer<typeof noticeViolationSchema>;

export const noticeAttachmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  /** null while uploaded but not yet part of a submitted report */
  rectificationId: z.number().int().nullable(),
});
export type NoticeAttachmentDto = z.infer<typeof noticeAttachmentSchema>;

export const RECTIFICATION_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = { submitted: '待验收', accepted: '验收通过', returned: '已退回' };

export const rectificationSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  submittedAt: z.string(),
  submittedBy: z.string(),
  /** submitted on or before the rectification deadline */
  inTime: z.boolean(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** the acceptance remark or the reason for returning it */
  comment: z.string().nullable(),
  attachments: z.array(noticeAttachmentSchema),
});
export type RectificationDto = z.infer<typeof rectificationSchema>;

export const noticeDeadlineSchema = z.object({
  startedAt: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  state: deadlineStateSchema,
  provisional: z.boolean(),
  workingDaysLeft: z.number().int().nullable(),
  workingDaysLate: z.number().int().nullable(),
  standing: deadlineStandingSchema,
});

export const noticeListItemSchema = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  year: z.number().int().nullable(),
  sequence: z.number().int().nullable(),
  title: z.string(),
  status: noticeStatusSchema,
  statusLabel: z.string(),
  department: departmentSummarySchema,
  violationTypes: z.array(z.number().int()),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** null while open; true when the accepted report came in by the deadline */
  rectifiedInTime: z.boolean().nullable(),
  createdAt: z.string(),
});
export type NoticeListItemDto = z.infer<typeof noticeListItemSchema>;

export const noticeSchema = noticeListItemSchema.extend({
  copyTo: z.array(z.string()),
  body: z.string(),
  rectify: z.object({ mode: z.enum(RECTIFY_MODES), workingDays: z.number().int().nullable(), date: z.string().nullable() }),
  /** the running clock: the one opened at issue, or the resubmission clock after a timely report was returned */
  deadline: noticeDeadlineSchema.nullable(),
  /** the last day printed in the notice as issued (its first clock's); a later resubmission clock leaves it unchanged */
  issuedDueDate: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedBy: z.string().nullable(),
  issuingAuthority: z.string(),
  documentMark: z.string(),
  printingAuthority: z.string(),
  signer: z.string().nullable(),
  violations: z.array(noticeViolationSchema),
  rectifications: z.array(rectificationSchema),
  /** uploaded by the department for its next report */
  pendingAttachments: z.array(noticeAttachmentSchema),
  overdueAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type NoticeDto = z.infer<typeof noticeSchema>;

export const issueResultSchema = z.object({ number: z.string(), status: noticeStatusSchema });

/** Per department and year — the assessment's 违规与整改 indicator (第三十条) reads these. */
export const noticeFactsSchema = z.object({
  departmentId: z.number().int(),
  issued: z.number().int(),
  /** accepted rectification reported by the deadline */
  rectifiedInTime: z.number().int(),
  /** accepted, but reported after the deadline */
  rectifiedLate: z.number().int(),
  /** went past the deadline without an accepted report (includes escalated) */
  overdue: z.number().int(),
  escalated: z.number().int(),
  /** still awaiting rectification or acceptance */
  open: z.number().int(),
});
export type NoticeFacts = z.infer<typeof noticeFactsSchema>;

export const noticeTemplateSchema = z.object({
  type: z.number().int(),
  typeLabel: z.string(),
  clause: z.string(),
  subject: z.string(),
  basis: z.string(),
  finding: z.string(),
  requirement: z.string(),
});

/** Attachments of a rectification report (佐证材料): office documents, scans and archives, 10 MB each. */
export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPerReport: 10,
  extensions: ['pdf', 'ofd', 'doc', 'docx', 'wps', 'xls', 'xlsx', 'et', 'txt', 'jpg', 'jpeg', 'png', 'zip', 'rar', '7z'],
} as const;

/** A file name as stored: no directories, no control characters, an allowed extension; else a 400. */
export function cleanAttachmentName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!name || name.length > 120) throw new ValidationError('附件文件名不能为空，且不超过 120 个字符', [{ path: 'query.name', message: '文件名无效' }], 'notice.attachment_name');
  if (!(ATTACHMENT_LIMITS.extensions as readonly string[]).includes(ext)) {
    throw new ValidationError(`不支持的附件类型“${ext ? `.${ext}` : '无扩展名'}”，可上传：${ATTACHMENT_LIMITS.extensions.join('、')}`, [{ path: 'query.name', message: '附件类型不支持' }], 'notice.attachment_type');
  }
  return name;
}
