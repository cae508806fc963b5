import type { EntityManager } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import {
  hasRole,
  isBureau,
  SHARE_STEP_SUBJECT,
  waitsFor,
  WORKBENCH_ITEM_LIMIT,
  workbenchScope,
  type Actor,
  type DeadlineKind,
  type WorkbenchDto,
  type WorkItemDto,
} from '@govdata/domain';
import type { WorkCalendar } from '@govdata/workdays';
import { currentYear, loadDashboard } from '@govdata/assessment';
import { Deadline, deadlineDto, Department, departmentSummary, describeSubjects, jobsOverview, listNotifications, sqlAll, Violation, type IDeadline } from '@govdata/core';
import { agentScopes, ShareRequest, ShareRequestStep } from '@govdata/sharing';

export interface WorkbenchOptions {
  calendar: WorkCalendar;
  now: Date;
}

/** The running clocks in the user's scope (the rule `waitsFor` then decides on each), soonest due first. */
async function clocksInScope(em: EntityManager, actor: Actor): Promise<{ rows: IDeadline[]; scopes: Awaited<ReturnType<typeof agentScopes>> }> {
  const scopes = hasRole(actor, 'dept_agent') ? await agentScopes(em, actor.userId) : [];
  const scope = workbenchScope(actor, scopes);
  const ors: FilterQuery<IDeadline>[] = [];
  if (scope.bureau) ors.push({ responsible: 'bureau' }, { department: null });
  if (scope.departments.length) ors.push({ department: { $in: scope.departments } });
  if (scope.agentFor.length) ors.push({ department: { $in: scope.agentFor }, kind: 'provider_reply' });
  if (!ors.length) return { rows: [], scopes };
  const rows = await em.find(Deadline, { state: { $in: ['open', 'overdue'] }, $or: ors }, { populate: ['department'], orderBy: { dueAt: 'asc', id: 'asc' } });
  return { rows, scopes };
}

/** The entry each provider-reply step is about (an agent's delegation may name one entry, 第十六条(一)). */
async function entriesOfSteps(em: EntityManager, rows: IDeadline[]): Promise<Map<number, number>> {
  const ids = rows.filter((d) => d.kind === 'provider_reply' && d.subjectType === SHARE_STEP_SUBJECT).map((d) => d.subjectId);
  if (!ids.length) return new Map();
  const steps = await em.find(ShareRequestStep, { id: { $in: ids } }, { populate: ['request'] });
  return new Map(steps.map((s) => [s.id, s.request.getEntity().entry.id]));
}

async function bureauPanel(em: EntityManager, now: Date): Promise<NonNullable<WorkbenchDto['bureau']>> {
  const submitted = await em.count(ShareRequest, { status: 'submitted' });
  const coordinating = await em.count(ShareRequest, { status: 'coordinating' });
  const reviewOverdue = await em.count(ShareRequest, { status: 'submitted', currentDueAt: { $lt: now } });
  const candidateViolations = await em.count(Violation, { status: 'candidate' });
  const late = await sqlAll<{ department_id: number; n: number | string }>(
    em,
    "select department_id, count(*) as n from deadlines where department_id is not null and (state = 'overdue' or (state = 'open' and due_at < ?)) group by department_id order by count(*) desc, department_id limit 8",
    [now],
  );
  const departments = new Map((await em.find(Department, { id: { $in: late.map((r) => Number(r.department_id)) } })).map((d) => [d.id, d]));
  // the last runs only: the runner's schedule is the jobs page's business
  const jobs = await jobsOverview(em, { kind: 'in-process', reachable: true, nextRuns: [] });
  return {
    reviewQueue: { submitted, coordinating, overdue: reviewOverdue },
    overdueByDepartment: late.flatMap((r) => {
      const d = departments.get(Number(r.department_id));
      return d ? [{ department: departmentSummary(d), overdue: Number(r.n) }] : [];
    }),
    candidateViolations,
    jobs: {
      total: jobs.jobs.length,
      failing: jobs.jobs
        .filter((j) => j.lastRun?.status === 'failed')
        .map((j) => ({ name: j.name, title: j.title, failuresSinceSuccess: j.failuresSinceSuccess, lastRunAt: j.lastRun?.startedAt ?? null })),
    },
  };
}

/**
 * GET /api/me/workbench — what waits for the user (issue 14, "A workbench, not a menu"): the running clocks the rule
 * `waitsFor` gives to this person, soonest due first (overdue ones lead), each with its standing, subject and page;
 * the counts of overdue and due-soon items; unread notifications; for the bureau its queues, overdue by department,
 * violation candidates and failing jobs; for the leaders and the bureau the year's KPI cards.
 */
export async function loadWorkbench(em: EntityManager, actor: Actor, opts: WorkbenchOptions): Promise<WorkbenchDto> {
  const { calendar, now } = opts;
  const { rows, scopes } = await clocksInScope(em, actor);
  const entries = hasRole(actor, 'dept_agent') ? await entriesOfSteps(em, rows) : new Map<number, number>();
  const mine = rows.filter((d) =>
    waitsFor(actor, { kind: d.kind as DeadlineKind, responsible: d.responsible, departmentId: d.department?.id ?? null, entryId: entries.get(d.subjectId) ?? null }, scopes),
  );

  const views = mine.map((d) => ({ d, view: deadlineDto(d, calendar, now) }));
  const shown = views.slice(0, WORKBENCH_ITEM_LIMIT);
  const describe = await describeSubjects(
    em,
    shown.map(({ d }) => ({ subjectType: d.subjectType, subjectId: d.subjectId })),
  );
  const items: WorkItemDto[] = shown.map(({ d, view }) => {
    const subject = describe(d.subjectType, d.subjectId);
    const departmentId = d.department?.id ?? null;
    return {
      deadlineId: d.id,
      kind: view.kind,
      kindLabel: view.kindLabel,
      article: view.article,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      label: subject.label,
      link: subject.link ?? `/deadlines/${d.id}`,
      department: view.department,
      asAgent: departmentId !== null && departmentId !== actor.departmentId && !isBureau(actor),
      dueAt: view.dueAt,
      dueDate: view.dueDate,
      provisional: view.provisional,
      overdue: view.overdue,
      dueSoon: view.standing.dueSoon,
      workingDaysLeft: view.workingDaysLeft,
      workingDaysLate: view.workingDaysLate,
      standingText: view.standingText,
      standing: view.standing,
    };
  });
  const overdue = views.filter((v) => v.view.overdue).length;
  const dueSoon = views.filter((v) => v.view.standing.dueSoon).length;

  const inbox = await listNotifications(em, actor.userId, { page: 1, pageSize: 5, unread: true });
  const overseer = hasRole(actor, 'leader', 'bureau_admin');
  const dashboard = overseer ? await loadDashboard(em, { year: currentYear(now), now }) : null;
  return {
    now: now.toISOString(),
    items,
    counts: { total: views.length, overdue, dueSoon },
    notifications: { unread: inbox.unread, latest: inbox.items },
    bureau: isBureau(actor) ? await bureauPanel(em, now) : null,
    overview: dashboard ? { year: dashboard.year, asOf: dashboard.asOf, kpis: dashboard.kpis } : null,
  };
}
