import type { EntityManager } from '@mikro-orm/knex';
import type { DeadlineKind } from '@govdata/domain';
import type { CalendarHolder } from '../calendar/calendar';
import type { IDeadline } from '../entities';

export interface OverdueContext {
  em: EntityManager;
  now: Date;
  calendar: CalendarHolder;
}

/**
 * What an area does, beyond the generic handling, when one of its deadlines is found overdue by the sweep (e.g. a
 * notice becomes `overdue` and the leadership group is told). The sweep itself marks the deadline overdue, notifies
 * the responsible department and records the violation named in DEADLINE_KINDS, with
 * source kind = deadline.subjectType and source id = deadline.subjectId (the violations' unique key makes that once).
 */
export type OverdueHook = (ctx: OverdueContext, deadline: IDeadline) => Promise<{ notificationsSent?: number } | void>;

export const OVERDUE_HOOKS: Partial<Record<DeadlineKind, OverdueHook>> = {};

export function registerOverdueHook(kind: DeadlineKind, hook: OverdueHook): void {
  OVERDUE_HOOKS[kind] = hook;
}
