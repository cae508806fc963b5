import type { DeadlineState } from './deadlines';

/**
 * Issue 13 item 9 — provisional deadlines. A clock running into a year whose holiday schedule is not yet published is
 * computed on guessed weekdays (Monday–Friday) and stored as provisional. When the bureau enters the year's schedule,
 * every provisional due date is recomputed. A deadline the sweep already flagged overdue whose real due date now lies
 * after the moment of recomputation was never late: it returns to open, and the automatic violation candidate it
 * produced is dismissed with the reason recorded. One that is still past stays overdue with its new date.
 */
export type ProvisionalOutcome = 'unchanged' | 'moved' | 'reopen';

export function provisionalOutcome(current: { state: DeadlineState | string; dueAt: Date }, recomputedDueAt: Date, now: Date): ProvisionalOutcome {
  if (recomputedDueAt.getTime() === current.dueAt.getTime()) return 'unchanged';
  if (current.state === 'overdue' && recomputedDueAt.getTime() > now.getTime()) return 'reopen';
  return 'moved';
}

/** The dismissal reason written on the violation candidate (and in its audit row). */
export function provisionalDismissReason(p: { label: string; article: string; year: number; oldDueDate: string; newDueDate: string }): string {
  return `平台管理员录入 ${p.year} 年节假日安排后，${p.label}的截止日期由 ${p.oldDueDate}（按周一至周五暂估）改为 ${p.newDueDate}，尚未逾期，逾期记录撤销，违规线索自动排除（${p.article}）`;
}
