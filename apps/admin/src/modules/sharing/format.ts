import type { ShareRequestStatus } from '@govdata/domain';

type Translate = (key: string, named?: Record<string, unknown>) => string;
type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

export interface ClockLike {
  overdue: boolean;
  workingDaysLeft: number | null;
  workingDaysLate: number | null;
}

/** "剩余 N 个工作日" / "今日到期" / "已逾期 N 个工作日", with the tag colour: red once overdue, orange on the last day. */
export function clockText(t: Translate, c: ClockLike): { text: string; type: TagType } {
  if (c.overdue) {
    const n = c.workingDaysLate ?? 0;
    return { text: n > 0 ? t('share.clock.late', { n }) : t('share.clock.lateToday'), type: 'danger' };
  }
  const n = c.workingDaysLeft ?? 0;
  if (n <= 1) return { text: t('share.clock.dueToday'), type: 'warning' };
  return { text: t('share.clock.left', { n }), type: n <= 2 ? 'warning' : 'primary' };
}

/** How a finished step's clock ended. */
export function stepOutcome(t: Translate, step: { met: boolean | null; deadlineState: string; workingDaysLate: number | null }): { text: string; type: TagType } | null {
  if (step.deadlineState === 'cancelled') return { text: t('share.clock.cancelled'), type: 'info' };
  if (step.met === true) return { text: t('share.clock.met'), type: 'success' };
  if (step.met === false) return { text: step.workingDaysLate ? t('share.clock.missedBy', { n: step.workingDaysLate }) : t('share.clock.missed'), type: 'danger' };
  return null;
}

const STATUS_TAGS: Record<ShareRequestStatus, TagType> = {
  submitted: 'primary',
  returned: 'warning',
  provider_review: 'primary',
  approved: 'success',
  rejected: 'danger',
  negotiating: 'warning',
  coordinating: 'warning',
  refused: 'danger',
  withdrawn: 'info',
};
export const statusTag = (s: ShareRequestStatus): TagType => STATUS_TAGS[s];

const GRANT_TAGS: Record<string, TagType> = { active: 'success', expired: 'warning', revoked: 'danger', destroyed: 'info' };
export const grantStateTag = (s: string): TagType => GRANT_TAGS[s] ?? 'info';
