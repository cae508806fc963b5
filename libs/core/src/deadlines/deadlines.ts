import type { EntityManager } from '@mikro-orm/knex';
import {
  clockRule,
  completionState,
  computeDue,
  DEADLINE_KINDS,
  periodOf,
  provisionalDismissReason,
  provisionalOutcome,
  ruleSetOrDefault,
  standing,
  type Actor,
  type DeadlineKind,
  type DeadlineStanding,
  type DeadlineState,
  type DeadlineFacts,
  type DuePeriod,
} from '@govdata/domain';
import { ruleSetAt } from './rule-sets';
import type { WorkCalendar } from '@govdata/workdays';
import type { CalendarHolder } from '../calendar/calendar';
import { audit } from '../audit/audit';
import { Deadline, type IDeadline } from '../entities/deadline.entity';
import { Violation } from '../entities/violation.entity';

export interface OpenDeadlineInput {
  kind: DeadlineKind;
  /** what the clock is about, e.g. ('share_request_step', 42); also the source of a violation when it is missed */
  subjectType: string;
  subjectId: number;
  /** the department that must act; null when the bureau must */
  departmentId: number | null;
  startedAt: Date;
  /** only for kinds whose period is set per record (a notice's rectification period) */
  period?: DuePeriod;
  /** facts of the subject a rule set's period may depend on (data on the platform) */
  facts?: DeadlineFacts;
}

/**
 * Starts a statutory clock under the rule set in force on its start date (and the subject's facts): computes the due
 * instant with the working-day calendar (start day not counted, end of the last day Asia/Shanghai) and stores it with
 * the rule set and version. A due date in a year without a published schedule is stored as provisional and recomputed
 * when the bureau enters that year.
 */
export async function openDeadline(em: EntityManager, calendar: CalendarHolder, input: OpenDeadlineInput, now: Date): Promise<IDeadline> {
  const rules = await ruleSetAt(em, input.startedAt);
  const choice = { rules, facts: input.facts, override: input.period };
  const due = computeDue(calendar.lenient, input.kind, input.startedAt, choice);
  const period = periodOf(input.kind, choice);
  return em.create(Deadline, {
    kind: input.kind,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    department: input.departmentId,
    responsible: DEADLINE_KINDS[input.kind].responsible,
    startedAt: input.startedAt,
    dueAt: due.dueAt,
    dueDate: due.dueDate,
    periodN: period.n,
    periodUnit: period.unit,
    ruleSet: rules.id,
    ruleSetVersion: rules.version,
    provisional: due.provisional,
    state: 'open',
    completedAt: null,
    overdueAt: null,
    createdAt: now,
  });
}

/** Stops a clock because the step was done: met if in time, missed if late (also when the sweep had flagged it overdue). */
export function completeDeadline(deadline: IDeadline, completedAt: Date): DeadlineState {
  if (deadline.state !== 'open' && deadline.state !== 'overdue') return deadline.state;
  deadline.state = completionState(deadline.dueAt, completedAt);
  deadline.completedAt = completedAt;
  return deadline.state;
}

/** Stops a clock whose step no longer applies (request withdrawn, trigger revoked). */
export function cancelDeadline(deadline: IDeadline, at: Date): void {
  if (deadline.state !== 'open' && deadline.state !== 'overdue') return;
  deadline.state = 'cancelled';
  deadline.completedAt = at;
}

/** The open (or overdue) deadline of a subject, if any. */
export function findOpenDeadline(em: EntityManager, subjectType: string, subjectId: number, kind?: DeadlineKind): Promise<IDeadline | null> {
  return em.findOne(Deadline, { subjectType, subjectId, state: { $in: ['open', 'overdue'] }, ...(kind ? { kind } : {}) }, { orderBy: { id: 'desc' } });
}

export interface DeadlineView {
  id: number;
  kind: DeadlineKind;
  kindLabel: string;
  /** the clause of the clock's own rule set */
  article: string;
  /** the rule set the clock was opened under */
  ruleSet: { id: string; version: number; name: string };
  subjectType: string;
  subjectId: number;
  department: { id: number; code: string; name: string } | null;
  responsible: 'department' | 'bureau';
  startedAt: string;
  dueAt: string;
  dueDate: string;
  period: { n: number; unit: 'working' | 'natural' };
  provisional: boolean;
  state: DeadlineState;
  completedAt: string | null;
  /** met = completed in time; null while running */
  met: boolean | null;
  /** working days left, for open and overdue clocks (= standing.workingDaysLeft) */
  workingDaysLeft: number | null;
  /** working days late, for running and missed clocks (= standing.workingDaysLate) */
  workingDaysLate: number | null;
  /** the domain's standing of the clock: the words and colour every view shows */
  standing: DeadlineStanding;
}

/** What deadlineView reads of a deadline: an entity, or a row read by bound SQL (department then absent or null). */
export type DeadlineFields = Omit<IDeadline, 'department' | 'overdueAt' | 'createdAt'> & { department?: IDeadline['department'] | null };

export function deadlineView(d: DeadlineFields, calendar: WorkCalendar, now: Date): DeadlineView {
  const running = d.state === 'open' || d.state === 'overdue';
  const s = standing(calendar, { dueAt: d.dueAt, dueDate: d.dueDate, state: d.state, completedAt: d.completedAt, unit: d.periodUnit }, now);
  const dept = d.department?.isInitialized() ? d.department.getEntity() : null;
  return {
    id: d.id,
    kind: d.kind as DeadlineKind,
    kindLabel: DEADLINE_KINDS[d.kind as DeadlineKind]?.label ?? d.kind,
    article: clockRule(d.kind, d.ruleSet)?.article ?? '',
    ruleSet: { id: d.ruleSet, version: d.ruleSetVersion, name: ruleSetOrDefault(d.ruleSet).name },
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    department: dept ? { id: dept.id, code: dept.code, name: dept.name } : null,
    responsible: d.responsible,
    startedAt: d.startedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    dueDate: d.dueDate,
    period: { n: d.periodN, unit: d.periodUnit },
    provisional: d.provisional,
    state: d.state,
    completedAt: d.completedAt?.toISOString() ?? null,
    met: d.state === 'met' ? true : d.state === 'missed' ? false : null,
    workingDaysLeft: running ? s.workingDaysLeft : null,
    workingDaysLate: running || d.state === 'missed' ? s.workingDaysLate : null,
    standing: s,
  };
}

export interface RecomputeResult {
  /** provisional deadlines whose due instant changed */
  changed: number;
  /** overdue ones whose new due instant lies after now: back to open (issue 13 item 9) */
  reopened: number;
  /** automatic violation candidates of those, dismissed with the reason */
  dismissed: number;
}

/**
 * Recomputes the due instant of every stored provisional deadline once the bureau has entered the missing year's
 * schedule: no deadline stays computed on guessed weekdays once the real schedule is known. An overdue deadline whose
 * real due date is still ahead returns to open and its automatic violation candidate is dismissed with the reason,
 * by the bureau user who entered the schedule, audited (the rule: `provisionalOutcome` in libs/domain).
 */
export async function recomputeProvisionalDeadlines(em: EntityManager, calendar: CalendarHolder, by: { actor: Actor; now: Date; year: number }): Promise<RecomputeResult> {
  const rows = await em.find(Deadline, { provisional: true });
  const result: RecomputeResult = { changed: 0, reopened: 0, dismissed: 0 };
  const reopened: { d: IDeadline; oldDueDate: string }[] = [];
  for (const d of rows) {
    const due = computeDue(calendar.lenient, d.kind as DeadlineKind, d.startedAt, { override: { n: d.periodN, unit: d.periodUnit } });
    const outcome = provisionalOutcome(d, due.dueAt, by.now);
    if (outcome !== 'unchanged' || due.provisional !== d.provisional) result.changed++;
    if (outcome === 'reopen') reopened.push({ d, oldDueDate: d.dueDate });
    d.dueAt = due.dueAt;
    d.dueDate = due.dueDate;
    d.provisional = due.provisional;
  }
  for (const { d, oldDueDate } of reopened) {
    const overdueAt = d.overdueAt;
    d.state = 'open';
    d.overdueAt = null;
    audit(em, { actor: by.actor, action: 'deadline.reopen', subjectType: 'deadline', subjectId: d.id, before: { state: 'overdue', dueDate: oldDueDate, overdueAt: overdueAt?.toISOString() ?? null }, after: { state: 'open', dueDate: d.dueDate, provisional: d.provisional }, at: by.now });
    result.reopened++;
    const rule = clockRule(d.kind, d.ruleSet);
    if (!rule?.violationType || !d.department) continue;
    const candidates = await em.find(Violation, { sourceKind: d.subjectType, sourceId: String(d.subjectId), type: rule.violationType, status: 'candidate', manual: false });
    for (const v of candidates) {
      // the sweep's candidate names its deadline; a candidate of another clock on the same subject stays
      const fromThis = (v.evidence as { details?: { deadlineId?: number } }).details?.deadlineId;
      if (fromThis !== undefined && fromThis !== d.id) continue;
      const reason = provisionalDismissReason({ label: DEADLINE_KINDS[d.kind as DeadlineKind].label, article: rule.article, year: by.year, oldDueDate, newDueDate: d.dueDate });
      em.assign(v, { status: 'dismissed', dismissReason: reason, decidedBy: by.actor.userId, decidedAt: by.now });
      audit(em, { actor: by.actor, action: 'violation.dismiss', subjectType: 'violation', subjectId: v.id, before: { status: 'candidate' }, after: { status: 'dismissed', reason, automatic: true, deadlineId: d.id }, at: by.now });
      result.dismissed++;
    }
  }
  await em.flush();
  return result;
}
