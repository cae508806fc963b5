import { NOTICE_STATUS_LABELS, NOTICE_STATUSES, type NoticeStatus } from '@govdata/domain';

export const NOTICE_STATUS_TAG: Record<NoticeStatus, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  issued: 'primary',
  submitted: 'warning',
  returned: 'warning',
  closed: 'success',
  overdue: 'danger',
  escalated: 'danger',
};
export const NOTICE_STATUS_OPTIONS = NOTICE_STATUSES.map((value) => ({ value, label: NOTICE_STATUS_LABELS[value] }));

/** 2026-11-20 → 2026年11月20日 */
export const chineseDay = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
