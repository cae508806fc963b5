import type { ShareRequestStatus } from '@govdata/domain';

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

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
