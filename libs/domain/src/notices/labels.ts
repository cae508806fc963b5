/**
 * 书面通报 — a written notice of 第三十三条: the bureau notifies a department of its violations in writing and orders
 * rectification within a deadline (限期改正). A department that does not rectify commits violation 八 (拒不整改).
 *
 * draft → issued → submitted → closed (accepted), or submitted → returned → submitted …;
 * issued / returned past the deadline → overdue → escalated (violation 八, the leadership group is told).
 */
export const NOTICE_STATUSES = ['draft', 'issued', 'submitted', 'returned', 'closed', 'overdue', 'escalated'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿',
  issued: '已印发，待整改',
  submitted: '整改已报送，待验收',
  returned: '整改被退回',
  closed: '整改验收，已办结',
  overdue: '逾期未整改',
  escalated: '逾期未整改，已报领导小组',
};

/** How the rectification period (整改期限) is set: N working days from issue, or a fixed last day. */
export const RECTIFY_MODES = ['working_days', 'date'] as const;
export type RectifyMode = (typeof RECTIFY_MODES)[number];
export const RECTIFY_WORKING_DAYS = { min: 1, max: 60, default: 10 } as const;
