import { z } from 'zod';
import { pageQuerySchema } from './common';
import { departmentSummarySchema } from './departments';
import { deadlineKindSchema, deadlineStateSchema } from './deadlines';

/** A clock's standing as computed by `standing` (deadline-rules.ts) — every view shows this, never its own count. */
export const deadlineStandingSchema = z.object({
  overdue: z.boolean(),
  workingDaysLeft: z.number().int(),
  workingDaysLate: z.number().int(),
  dueToday: z.boolean(),
  dueTomorrow: z.boolean(),
  dueSoon: z.boolean(),
  /** "12-04 24:00" */
  dueText: z.string(),
  /** 剩余 3 个工作日 · 明日 24:00 到期 · 今日 24:00 到期 · 已逾期 2 个工作日 · 按时完成 · 逾期完成 · 已撤销 */
  text: z.string(),
  tone: z.enum(['danger', 'warning', 'primary', 'success', 'info']),
});
export type DeadlineStandingDto = z.infer<typeof deadlineStandingSchema>;

/**
 * What a deadline list filters on. `due` = still running and not past its due instant; `overdue` = past it and not
 * done (flagged by the sweep, or not yet swept); `met` / `missed` = completed in time / late.
 */
export const DEADLINE_VIEW_STATES = ['due', 'overdue', 'met', 'missed', 'cancelled'] as const;
export const deadlineViewStateSchema = z.enum(DEADLINE_VIEW_STATES, { message: '状态应为 due（办理中）、overdue（已逾期）、met（按时完成）、missed（逾期完成）或 cancelled（已撤销）' });
export type DeadlineViewState = z.infer<typeof deadlineViewStateSchema>;

export const deadlineQuerySchema = pageQuerySchema.extend({
  kind: deadlineKindSchema.optional(),
  department: z.coerce.number().int().positive('部门编号应为正整数').optional(),
  state: deadlineViewStateSchema.optional(),
  subjectType: z.string().trim().max(40).optional(),
  subjectId: z.coerce.number().int().positive().optional(),
});
export type DeadlineQuery = z.infer<typeof deadlineQuerySchema>;

export const deadlineSchema = z.object({
  id: z.number().int(),
  kind: deadlineKindSchema,
  kindLabel: z.string(),
  /** the clause of the clock's own rule set */
  article: z.string(),
  /** the rule set the clock was opened under (issue 12 §1) */
  ruleSet: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  subjectType: z.string(),
  subjectId: z.number().int(),
  department: departmentSummarySchema.nullable(),
  responsible: z.enum(['department', 'bureau']),
  startedAt: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  period: z.object({ n: z.number().int(), unit: z.enum(['working', 'natural']) }),
  provisional: z.boolean(),
  state: deadlineStateSchema,
  completedAt: z.string().nullable(),
  met: z.boolean().nullable(),
  /** past its due instant and not done — also before the sweep has flagged it */
  overdue: z.boolean(),
  /** 剩余 N 个工作日 */
  workingDaysLeft: z.number().int().nullable(),
  /** 已逾期 N 个工作日 */
  workingDaysLate: z.number().int().nullable(),
  /** the standing in words (= standing.text), e.g. 剩余 2 个工作日 / 已逾期 3 个工作日 / 按时完成 */
  standingText: z.string(),
  standing: deadlineStandingSchema,
  /** what the clock is about, as people know it: 共享申请 GXSQ-2026-003140「…」, 书面通报 朔政数通〔2026〕4号「…」 */
  subject: z.object({ label: z.string(), link: z.string().nullable() }),
});
export type DeadlineDto = z.infer<typeof deadlineSchema>;

