import { shanghaiDate, type WorkCalendar } from '@govdata/workdays';
import { DEADLINE_KINDS, type DeadlineKind, type DeadlineState } from './deadlines';
import { RuleViolationError } from './errors';

export interface DuePeriod {
  n: number;
  unit: 'working' | 'natural';
}

export interface DueComputation {
  /** end (23:59:59.999 Asia/Shanghai) of the last day */
  dueAt: Date;
  /** the last day, YYYY-MM-DD */
  dueDate: string;
  /** true when the computation crossed a year without a published holiday schedule */
  provisional: boolean;
}

/** The period of a deadline kind, or the one given for kinds whose period is set per record (notices). */
export function periodOf(kind: DeadlineKind, override?: DuePeriod): DuePeriod {
  const period = override ?? DEADLINE_KINDS[kind].period;
  if (!period) throw new RuleViolationError(`“${DEADLINE_KINDS[kind].label}”须指定期限`, 'deadline.period_required');
  if (!Number.isInteger(period.n) || period.n < 1) throw new RuleViolationError('期限应为正整数天', 'deadline.period_invalid');
  return period;
}

/**
 * When a step started at `startedAt` is due: the start day is not counted, day 1 is the next working (or natural)
 * day, and the deadline is the end of the Nth day, Asia/Shanghai (../shared/DESIGN.md §2, counting rule).
 */
export function computeDue(calendar: WorkCalendar, kind: DeadlineKind, startedAt: Date, override?: DuePeriod): DueComputation {
  const { n, unit } = periodOf(kind, override);
  const r = calendar.deadline(startedAt, n, unit);
  return { dueAt: r.at, dueDate: r.date, provisional: r.provisional };
}

/** met when completed no later than the due instant, missed otherwise. */
export function completionState(dueAt: Date, completedAt: Date): Extract<DeadlineState, 'met' | 'missed'> {
  return completedAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
}

export interface DeadlineStanding {
  overdue: boolean;
  /** working days left: today counts while it is a working day of the period (the start day never is); 0 once overdue */
  workingDaysLeft: number;
  /** working days after the due day up to and including today; 0 while not overdue */
  workingDaysLate: number;
}

/**
 * How an open deadline stands at `now`: "剩余 N 个工作日" or "已逾期 N 个工作日". On the day the clock started the
 * period's N working days are all still ahead (the start day is not counted); on the last day one is left — today.
 */
export function standing(calendar: WorkCalendar, dueAt: Date, dueDate: string, now: Date, startedAt?: Date): DeadlineStanding {
  const today = shanghaiDate(now);
  if (now.getTime() > dueAt.getTime()) {
    return { overdue: true, workingDaysLeft: 0, workingDaysLate: Math.max(0, calendar.workingDaysBetween(dueDate, today)) };
  }
  const todayCounts = calendar.isWorkingDay(today) && (!startedAt || today > shanghaiDate(startedAt));
  const left = calendar.workingDaysBetween(today, dueDate) + (todayCounts ? 1 : 0);
  return { overdue: false, workingDaysLeft: left, workingDaysLate: 0 };
}

/** Working days between the due day and the completion (or now) — the "working days late" of a violation's evidence. */
export function workingDaysLate(calendar: WorkCalendar, dueDate: string, at: Date): number {
  return Math.max(0, calendar.workingDaysBetween(dueDate, shanghaiDate(at)));
}
