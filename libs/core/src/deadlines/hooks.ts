import type { EntityManager } from '@mikro-orm/knex';
import type { DeadlineKind } from '@govdata/domain';
import type { CalendarHolder } from '../calendar/calendar';
import type { IDeadline } from '../entities/deadline.entity';

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

/** The installed hooks (`installModules`), one per deadline kind at most. */
export const OVERDUE_HOOKS: Partial<Record<DeadlineKind, OverdueHook>> = {};

/** Replaces the installed hooks; called by `installModules`. */
export function installOverdueHooks(hooks: Partial<Record<DeadlineKind, OverdueHook>>): void {
  for (const kind of Object.keys(OVERDUE_HOOKS) as DeadlineKind[]) delete OVERDUE_HOOKS[kind];
  Object.assign(OVERDUE_HOOKS, hooks);
}

/** Sets one hook — for tests that slow or observe a hook; production wiring goes through `installModules`. */
export function registerOverdueHook(kind: DeadlineKind, hook: OverdueHook): void {
  OVERDUE_HOOKS[kind] = hook;
}
