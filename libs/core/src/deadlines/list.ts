import type { EntityManager } from '@mikro-orm/knex';
import { assertMayReadSupervisionRecord, NotFoundError, supervisionScope, type Actor, type DeadlineDto, type DeadlineQuery, type Page } from '@govdata/domain';
import type { WorkCalendar } from '@govdata/workdays';
import { Deadline, type IDeadline } from '../entities/deadline.entity';
import { deadlineView } from './deadlines';
import { describeSubjects, type SubjectDescription } from './subjects';

/**
 * A deadline for the dashboards: the view plus whether it is past due now, the words for its standing, and its
 * subject as people know it (a request number and resource, a trigger, a notice number — the areas' describers).
 */
export function deadlineDto(d: IDeadline, calendar: WorkCalendar, now: Date, subject?: SubjectDescription): DeadlineDto {
  const view = deadlineView(d, calendar, now);
  const { label, link } = subject ?? { label: `${d.subjectType} #${d.subjectId}`, link: null };
  return { ...view, overdue: view.standing.overdue, standingText: view.standing.text, subject: { label, link } };
}

/** What each list state means in rows: `overdue` also takes open rows past due that the sweep has not reached yet. */
function stateFilter(state: DeadlineQuery['state'], now: Date) {
  switch (state) {
    case 'due':
      return { state: 'open' as const, dueAt: { $gte: now } };
    case 'overdue':
      return { $or: [{ state: 'overdue' as const }, { state: 'open' as const, dueAt: { $lt: now } }] };
    case undefined:
      return {};
    default:
      return { state };
  }
}

/**
 * GET /api/deadlines — the statutory clocks for the dashboards and the assessment, with department isolation: a
 * department sees its own; the bureau and the leadership group all (including the bureau's own clocks).
 */
export async function listDeadlines(em: EntityManager, actor: Actor, query: DeadlineQuery, calendar: WorkCalendar, now: Date): Promise<Page<DeadlineDto>> {
  const department = supervisionScope(actor, query.department);
  const where = {
    ...stateFilter(query.state, now),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(department !== undefined ? { department } : {}),
    ...(query.subjectType ? { subjectType: query.subjectType } : {}),
    ...(query.subjectId !== undefined ? { subjectId: query.subjectId } : {}),
  };
  const finished = query.state === 'met' || query.state === 'missed' || query.state === 'cancelled';
  const [rows, total] = await em.findAndCount(Deadline, where, {
    populate: ['department'],
    orderBy: finished ? { completedAt: 'desc', id: 'desc' } : { dueAt: 'asc', id: 'asc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const describe = await describeSubjects(em, rows);
  return { items: rows.map((d) => deadlineDto(d, calendar, now, describe(d.subjectType, d.subjectId))), total, page: query.page, pageSize: query.pageSize };
}

export async function getDeadline(em: EntityManager, actor: Actor, id: number, calendar: WorkCalendar, now: Date): Promise<DeadlineDto> {
  const d = await em.findOne(Deadline, id, { populate: ['department'] });
  if (!d) throw new NotFoundError(`期限记录 ${id} 不存在`, 'deadline.not_found');
  assertMayReadSupervisionRecord(actor, d.department?.id ?? null);
  const describe = await describeSubjects(em, [d]);
  return deadlineDto(d, calendar, now, describe(d.subjectType, d.subjectId));
}
