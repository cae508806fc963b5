import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { applyNoticeAction, canApply, chineseDate, workingDaysLate, type Actor, type NoticeStatus, type ViolationEvidence } from '@govdata/domain';
import { audit, type CalendarHolder, type JobContext, type JobDefinition, type JobSummary, notify, type OverdueHook, recordFinding, roleRecipients } from '@govdata/core';
import { Notice, type INotice } from '../entities/notice.entity';

export const NOTICE_ESCALATION_JOB = 'notice-escalation';
const SYSTEM = `system:${NOTICE_ESCALATION_JOB}`;

/** Statuses a notice can be escalated from: still waiting for the department, or marked overdue but not yet escalated. */
const ESCALATABLE: NoticeStatus[] = ['issued', 'returned', 'overdue'];

export interface EscalationOutcome {
  escalated: boolean;
  violationsCreated: number;
  notificationsSent: number;
}

/**
 * A notice past its rectification deadline without an accepted (or pending, timely) report: overdue, then escalated —
 * violation 八 (拒不整改, 第三十三条第（八）项) recorded for the department, the bureau and the leadership group told.
 *
 * Idempotent and shared with the generic deadline sweep: the violation has source (notice, id, 8) — the key the sweep
 * uses for this deadline (subjectType, subjectId) — and is inserted with ON CONFLICT DO NOTHING; notifications carry
 * dedupe keys; a notice already escalated is left alone.
 */
export async function escalateNotice(em: EntityManager, n: INotice, ctx: { now: Date; calendar: CalendarHolder; actor?: Actor | null }): Promise<EscalationOutcome> {
  const outcome: EscalationOutcome = { escalated: false, violationsCreated: 0, notificationsSent: 0 };
  if (!ESCALATABLE.includes(n.status)) return outcome;
  const deadline = n.deadline ? await n.deadline.load() : null;
  if (!deadline || deadline.dueAt.getTime() >= ctx.now.getTime()) return outcome;
  const who = { actor: ctx.actor ?? null, systemName: SYSTEM };
  const department = await n.department.load();
  if (!department) return outcome;

  if (canApply(n.status, 'overdue')) {
    audit(em, { ...who, action: 'notice.overdue', subjectType: 'notice', subjectId: n.id, before: { status: n.status }, after: { status: 'overdue', dueAt: deadline.dueAt.toISOString() }, at: ctx.now });
    n.status = applyNoticeAction(n.status, 'overdue') ?? n.status;
    n.overdueAt = ctx.now;
  }
  // the sweep may not have got here yet: the clock reads 已逾期 either way
  if (deadline.state === 'open') Object.assign(deadline, { state: 'overdue', overdueAt: ctx.now });

  const late = workingDaysLate(ctx.calendar.lenient, deadline.dueDate, ctx.now);
  const evidence: ViolationEvidence = {
    summary: `未在书面通报${n.number}规定的期限内完成整改`,
    dueAt: deadline.dueAt.toISOString(),
    completedAt: null,
    observedAt: ctx.now.toISOString(),
    workingDaysLate: late,
    article: '第三十三条',
    details: { noticeId: n.id, number: n.number, title: n.title },
  };
  // the finding 八 (the sweep records it under the same key when it gets here first: then nobody is told twice)
  const due = chineseDate(deadline.dueDate);
  const recorded = await recordFinding(
    em,
    {
      source: { kind: 'notice', id: String(n.id) },
      violation: { type: 8, departmentId: department.id },
      evidence,
      auditContext: { noticeId: n.id, number: n.number },
      notify: {
        kind: 'notice.overdue',
        title: `整改已逾期：${n.number}`,
        body: `书面通报 ${n.number} 的整改期限已于${due}届满，已记录“拒不整改”违规并报领导小组。请尽快完成整改并报送整改情况。`,
        link: `/notices/${n.id}`,
        subjectType: 'notice',
        subjectId: n.id,
      },
    },
    ctx.actor ? { actor: ctx.actor } : { job: NOTICE_ESCALATION_JOB },
    ctx.now,
  );
  outcome.violationsCreated = recorded.violationsCreated;
  outcome.notificationsSent += recorded.notificationsSent;

  audit(em, { ...who, action: 'notice.escalate', subjectType: 'notice', subjectId: n.id, before: { status: n.status }, after: { status: 'escalated', violationType: 8, workingDaysLate: late }, at: ctx.now });
  n.status = applyNoticeAction(n.status, 'escalate') ?? n.status;
  n.escalatedAt = ctx.now;
  n.updatedAt = ctx.now;
  outcome.escalated = true;

  outcome.notificationsSent += await notify(
    em,
    await roleRecipients(em, ['bureau_admin', 'leader']),
    {
      kind: 'notice.escalated',
      title: `逾期未整改：${department.name}（${n.number}）`,
      body: `${department.name}未在${due}前完成书面通报 ${n.number}（${n.title}）要求的整改，已记录第三十三条第（八）项“拒不整改”违规。`,
      link: `/notices/${n.id}`,
      subjectType: 'notice',
      subjectId: n.id,
      dedupeKey: `notice-escalated:${n.id}`,
    },
    ctx.now,
  );
  return outcome;
}

/**
 * The `notice-escalation` job: every notice still waiting for its department past the deadline is escalated, each
 * in its own transaction. A notice escalated meanwhile by the sweep's hook (same rows) is skipped, not failed.
 */
export async function runNoticeEscalation(ctx: JobContext): Promise<Partial<JobSummary>> {
  const due = await ctx.em.find(Notice, { status: { $in: ESCALATABLE }, deadline: { dueAt: { $lt: ctx.now } } }, { fields: ['id'], orderBy: { id: 'asc' } });
  const summary = { scanned: due.length, newlyOverdue: 0, violationsCreated: 0, notificationsSent: 0, escalated: 0, conflicts: 0 };
  for (const { id } of due) {
    try {
      const r = await ctx.em.fork().transactional(async (em) => {
        const n = await em.findOne(Notice, id, { populate: ['deadline', 'department'] });
        return n ? escalateNotice(em, n, { now: ctx.now, calendar: ctx.calendar }) : null;
      });
      if (!r?.escalated) continue;
      summary.newlyOverdue++;
      summary.escalated++;
      summary.violationsCreated += r.violationsCreated;
      summary.notificationsSent += r.notificationsSent;
    } catch (e) {
      if (!(e instanceof OptimisticLockError)) throw e;
      summary.conflicts++;
      ctx.log(`通报 ${id} 已被并发处理，跳过`);
    }
  }
  return summary;
}

export const noticeEscalationJob: JobDefinition = {
  name: NOTICE_ESCALATION_JOB,
  title: '书面通报逾期升级（第三十三条第（八）项）',
  schedule: { every: 30 * 60_000 },
  run: runNoticeEscalation,
};

/**
 * When the generic sweep finds rectification deadlines overdue (it marks them, notifies the departments and records
 * violation 八 under the same key through the door), the notices follow at once instead of waiting for the job. One
 * query loads the batch's notices; each is escalated in memory and the batch flushes once. (Notices are few — a
 * handful a month — so the escalation itself stays per notice.)
 */
export const noticeRectificationOverdue: OverdueHook = async ({ em, now, calendar }, deadlines) => {
  const ids = deadlines.filter((d) => d.subjectType === 'notice').map((d) => d.subjectId);
  if (ids.length === 0) return;
  const notices = await em.find(Notice, { id: { $in: ids } }, { populate: ['deadline', 'department'], orderBy: { id: 'asc' } });
  let notificationsSent = 0;
  for (const n of notices) notificationsSent += (await escalateNotice(em, n, { now, calendar })).notificationsSent;
  await em.flush();
  return { notificationsSent };
};
