import type { DeadlineDto } from '@govdata/domain';

/** Where the subject of a clock lives in the console (share requests, catalog triggers, notices); null when no page. */
export function subjectLink(d: Pick<DeadlineDto, 'subjectType' | 'subjectId'>): string | null {
  switch (d.subjectType) {
    case 'share_request':
      return `/share/requests/${d.subjectId}`;
    case 'catalog_update_trigger':
    case 'update_trigger':
      return `/catalog/update-triggers/${d.subjectId}`;
    case 'notice':
      return `/notices/${d.subjectId}`;
    default:
      return null;
  }
}

/** The tag colour of a clock's standing: red when overdue, orange with a day or less left, green when met. */
export function standingTone(d: Pick<DeadlineDto, 'state' | 'overdue' | 'workingDaysLeft'>): 'danger' | 'warning' | 'success' | 'info' | 'primary' {
  if (d.state === 'met') return 'success';
  if (d.state === 'missed') return 'warning';
  if (d.state === 'cancelled') return 'info';
  if (d.overdue) return 'danger';
  return (d.workingDaysLeft ?? 0) <= 1 ? 'warning' : 'primary';
}
