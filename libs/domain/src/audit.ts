import { z } from 'zod';
import { isoDateSchema, pageQuerySchema } from './common';

/**
 * 审计日志 — the audit trail as the bureau reads it: who did what to which record, when (business time) and when it
 * was written (real time), from which address; each row's place in the SM3 hash chain; the chain's verification.
 */
export const auditQuerySchema = pageQuerySchema.extend({
  /** part of the actor's name or username (system jobs: `system:`) */
  actor: z.string().trim().max(60, '操作人不能超过 60 个字符').optional(),
  /** the actor's department, or the department an agent acted for */
  department: z.coerce.number().int().positive('部门编号应为正整数').optional(),
  /** an action (`share_request.submit`) or its area prefix (`share_request.`) */
  action: z.string().trim().max(60, '操作类型不能超过 60 个字符').optional(),
  subjectType: z.string().trim().max(40, '对象类型不能超过 40 个字符').optional(),
  subjectId: z.string().trim().max(64, '对象编号不能超过 64 个字符').optional(),
  /** recorded on or after this date (Asia/Shanghai) */
  from: isoDateSchema.optional(),
  /** recorded on or before this date (Asia/Shanghai) */
  to: isoDateSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditExportQuerySchema = auditQuerySchema.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  /** business time (the platform clock) */
  at: z.string(),
  /** real time the row was written */
  recordedAt: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  onBehalfOfDepartmentId: z.number().int().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** client address of the request (null for jobs) */
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof auditEventSchema>;

const chainBreakSchema = z.object({
  id: z.union([z.number(), z.string()]).nullable(),
  seq: z.number().int(),
  reason: z.enum(['content_changed', 'link_broken', 'rows_missing', 'missing_hash', 'head_mismatch']),
  message: z.string(),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checkedRows: z.number().int(),
  totalRows: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: chainBreakSchema.nullable(),
  seals: z.object({
    total: z.number().int(),
    valid: z.number().int(),
    firstInvalid: z.object({ day: z.string(), message: z.string() }).nullable(),
    lastSealedDay: z.string().nullable(),
  }),
  trustedKeyId: z.string().nullable(),
  /** real time of this verification */
  verifiedAt: z.string(),
  ms: z.number(),
});
export type AuditVerificationDto = z.infer<typeof auditVerificationSchema>;

export const auditSealSchema = z.object({
  day: z.string(),
  lastSeq: z.number().int(),
  lastHash: z.string(),
  algorithm: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
  sealedAt: z.string(),
});
export type AuditSealDto = z.infer<typeof auditSealSchema>;
