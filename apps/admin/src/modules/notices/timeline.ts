import type { NoticeDto } from '@govdata/domain';

export interface TimelineEvent {
  at: string;
  /** i18n key under notices.events */
  event: 'created' | 'issued' | 'submitted' | 'submittedLate' | 'returned' | 'accepted' | 'overdue' | 'escalated' | 'closed';
  detail?: string;
  tone: 'primary' | 'success' | 'warning' | 'danger' | 'info';
}

/** The life of a notice as dated events, oldest first: drafted, issued, each report and its decision, overdue, escalated, closed. */
export function noticeTimeline(n: NoticeDto): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: n.createdAt, event: 'created', tone: 'info' }];
  if (n.issuedAt) events.push({ at: n.issuedAt, event: 'issued', detail: n.number ?? undefined, tone: 'primary' });
  for (const r of n.rectifications) {
    events.push({ at: r.submittedAt, event: r.inTime ? 'submitted' : 'submittedLate', detail: r.submittedBy, tone: r.inTime ? 'primary' : 'warning' });
    if (r.decidedAt && r.status === 'returned') events.push({ at: r.decidedAt, event: 'returned', detail: r.comment ?? undefined, tone: 'warning' });
    if (r.decidedAt && r.status === 'accepted') events.push({ at: r.decidedAt, event: 'accepted', detail: r.comment ?? undefined, tone: 'success' });
  }
  if (n.overdueAt) events.push({ at: n.overdueAt, event: 'overdue', tone: 'danger' });
  if (n.escalatedAt) events.push({ at: n.escalatedAt, event: 'escalated', tone: 'danger' });
  if (n.closedAt && n.status === 'closed' && !n.rectifications.some((r) => r.status === 'accepted')) events.push({ at: n.closedAt, event: 'closed', tone: 'success' });
  // stable: events at the same instant keep their logical order
  return events.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map(({ e }) => e);
}
