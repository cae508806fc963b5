import type { EntityManager } from '@mikro-orm/knex';
import type { DeadlineKind } from '@govdata/domain';
import type { CalendarHolder } from '../calendar/calendar';

export interface OverdueContext {
  em: EntityManager;
  now: Date;
  calendar: CalendarHolder;
}

/** A deadline the sweep has just moved open → overdue, as read from its row (no entity is loaded for it). */
export interface OverdueDeadline {
  id: number;
  kind: DeadlineKind;
  subjectType: string;
  subjectId: number;
  departmentId: number | null;
  dueAt: Date;
  /** the last day, YYYY-MM-DD Asia/Shanghai */
  dueDate: string;
  periodN: number;
  periodUnit: 'working' | 'natural';
}

/**
 * What an area does, beyond the generic handling, when some of its deadlines are found overdue by the sweep (e.g. the
 * requester of a share request is told its provider let the reply pass). The sweep itself marks the deadlines
 * overdue, notifies the responsible departments and records each finding through the door (`recordFindings`), with
 * source kind = subjectType and source id = subjectId. A hook receives all of one kind in a batch at once, inside the
 * batch's transaction, and should work set-based: one query for all of them, one `notifyMany`.
 */
export type OverdueHook = (ctx: OverdueContext, deadlines: OverdueDeadline[]) => Promise<{ notificationsSent?: number } | void>;

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
