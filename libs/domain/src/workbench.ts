import { z } from 'zod';
import { departmentSummarySchema } from './departments';
import { deadlineKindSchema, type DeadlineKind } from './deadlines';
import { deadlineStandingSchema } from './deadline-api';
import { notificationSchema } from './notifications';
import { hasRole, isBureau, type Actor } from './roles';
import { scopeCovers, type AgentScope } from './share/parties';

/**
 * The workbench (工作台): what waits for the person logged in, soonest due first — the running statutory clocks this
 * person must act on (DESIGN §2 deadline table). Issue 14, "A workbench, not a menu".
 */

/** A running clock as the rule sees it: who must act, and (for a provider's reply) on which entry. */
export interface WorkbenchClock {
  kind: DeadlineKind;
  responsible: 'department' | 'bureau';
  /** the department that must act; null when the bureau must */
  departmentId: number | null;
  /** the catalog entry a provider's reply is about (an agent's delegation may name one entry) */
  entryId?: number | null;
}

/**
 * Whether a clock waits for this user:
 * · the bureau's own clocks (符合性审查, 第十五条) wait for the bureau's admins;
 * · a department's clocks (答复 第十五条(二), 目录更新 第七条, 纠错 第十七条, 依申请开放 第二十四条, 限期整改 第三十三条) wait
 *   for that department's data officers — a bureau admin is also the officer of the bureau's own department;
 * · a provider's reply also waits for the agents it authorised for that entry or for all its entries (第十六条(一));
 * · the leadership group acts on nothing (第四条: it reads).
 */
export function waitsFor(actor: Actor, clock: WorkbenchClock, agentScopes: readonly AgentScope[]): boolean {
  if (clock.responsible === 'bureau' || clock.departmentId === null) return isBureau(actor);
  if (hasRole(actor, 'dept_admin', 'bureau_admin') && actor.departmentId === clock.departmentId) return true;
  return clock.kind === 'provider_reply' && hasRole(actor, 'dept_agent') && clock.entryId != null && scopeCovers(agentScopes, clock.departmentId, clock.entryId);
}

/** Where to look for a user's clocks before `waitsFor` decides on each: the bureau's own, and these departments'. */
export interface WorkbenchScope {
  bureau: boolean;
  /** departments whose clocks (of any kind) may wait for the user */
  departments: number[];
  /** departments of which only provider replies may wait for the user (as their agent) */
  agentFor: number[];
}

export function workbenchScope(actor: Actor, agentScopes: readonly AgentScope[]): WorkbenchScope {
  const officer = hasRole(actor, 'dept_admin', 'bureau_admin');
  const departments = officer ? [actor.departmentId] : [];
  const agentFor = hasRole(actor, 'dept_agent') ? [...new Set(agentScopes.map((s) => s.providerId))].filter((id) => !departments.includes(id)) : [];
  return { bureau: isBureau(actor), departments, agentFor };
}


export const workItemSchema = z.object({
  /** the clock (GET /api/deadlines/:id) */
  deadlineId: z.number().int(),
  kind: deadlineKindSchema,
  kindLabel: z.string(),
  article: z.string(),
  subjectType: z.string(),
  subjectId: z.number().int(),
  /** e.g. 共享申请 GXSQ-2026-003140「网信政府信息公开信息」（申请部门：…） */
  label: z.string(),
  /** the page where the item is handled (SPA path) */
  link: z.string(),
  /** the department that must act; null for the bureau's own clocks */
  department: departmentSummarySchema.nullable(),
  /** the user answers as the department's agent (第十六条(一)) */
  asAgent: z.boolean(),
  dueAt: z.string(),
  dueDate: z.string(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  workingDaysLeft: z.number().int().nullable(),
  workingDaysLate: z.number().int().nullable(),
  /** the standing in words, from the domain's one standing function (= standing.text) */
  standingText: z.string(),
  standing: deadlineStandingSchema,
});
export type WorkItemDto = z.infer<typeof workItemSchema>;

/** The leaders' and the bureau's figures of the year (the leadership dashboard's KPI cards, 第三十条). */
export const dashboardKpisSchema = z.object({
  /** published catalog entries now */
  entries: z.number().int(),
  /** share requests submitted in the year */
  requests: z.number().int(),
  /** provider replies met / due in the year (deadline records), null with none due */
  onTimeRate: z.number().nullable(),
  /** violations candidate or confirmed (not noticed, closed or dismissed) */
  openViolations: z.number().int(),
  /** notices issued and not yet closed */
  openNotices: z.number().int(),
});

export const workbenchSchema = z.object({
  /** the platform time the standings were computed at */
  now: z.string(),
  /** the items waiting for the user, soonest due first (at most `WORKBENCH_ITEM_LIMIT`) */
  items: z.array(workItemSchema),
  counts: z.object({ total: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() }),
  notifications: z.object({ unread: z.number().int(), latest: z.array(notificationSchema) }),
  /** for the bureau: its queues and the platform's health */
  bureau: z
    .object({
      /** 符合性审查 waiting (第十五条) and requests in 协调 (第十五条(三)) */
      reviewQueue: z.object({ submitted: z.number().int(), coordinating: z.number().int(), overdue: z.number().int() }),
      /** departments with overdue clocks, most first */
      overdueByDepartment: z.array(z.object({ department: departmentSummarySchema, overdue: z.number().int() })),
      /** violation candidates waiting for the bureau's decision (第三十三条) */
      candidateViolations: z.number().int(),
      jobs: z.object({
        total: z.number().int(),
        /** jobs whose last run failed */
        failing: z.array(z.object({ name: z.string(), title: z.string(), failuresSinceSuccess: z.number().int(), lastRunAt: z.string().nullable() })),
      }),
    })
    .nullable(),
  /** for the leaders and the bureau: the year's KPI cards and the way into the leadership dashboard */
  overview: z.object({ year: z.number().int(), asOf: z.string(), kpis: dashboardKpisSchema }).nullable(),
});
export type WorkbenchDto = z.infer<typeof workbenchSchema>;

export const WORKBENCH_ITEM_LIMIT = 50;
