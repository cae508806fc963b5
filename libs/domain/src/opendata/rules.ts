import { readsAllDepartments } from '../access';
import { hasRole, isBureau, type Actor } from '../roles';
import type { OpenType, EntryStatus, Desensitization } from '../catalog/enums';
import type { OpenReviewConclusion, OpenReviewKind } from './enums';
import { OPEN_REVIEW_KINDS, OPEN_REVIEW_KIND_LABELS } from './enums';

export interface OpenabilityInput {
  status: EntryStatus;
  openType: OpenType;
  /** the latest review of each kind, if any */
  reviews: Partial<Record<OpenReviewKind, { conclusion: OpenReviewConclusion }>>;
}

/**
 * May the bureau publish this entry to the open catalog? Only a published entry whose open type is 无条件开放 or
 * 依申请开放 (第二十三条), with a 保密审查 and a 政务公开审查 that both approved opening (第二十六条). The reasons name
 * what is missing, in the order a department would fix them.
 */
export function openability(entry: OpenabilityInput): { ready: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (entry.status !== 'published') reasons.push('目录条目尚未发布（或已下线），不能开放');
  if (entry.openType === 'closed') reasons.push('开放类型为“不予开放”（第二十三条）');
  for (const kind of OPEN_REVIEW_KINDS) {
    const review = entry.reviews[kind];
    if (!review) reasons.push(`尚未记录${OPEN_REVIEW_KIND_LABELS[kind]}（第二十六条）`);
    else if (review.conclusion !== 'approved') reasons.push(`${OPEN_REVIEW_KIND_LABELS[kind]}结论为不同意开放`);
  }
  return { ready: reasons.length === 0, reasons };
}

export interface OpenItemInput {
  sensitive: boolean;
  secret: boolean;
  desensitization: Desensitization;
}

/**
 * Which data items the public sees (第二条, 第二十三条): items flagged 涉密 never; sensitive items only when a
 * desensitisation rule masks them (they are served masked); items whose rule is 删除 never; everything else as is.
 */
export function isOpenItem(item: OpenItemInput): boolean {
  if (item.secret) return false;
  if (item.desensitization === 'remove') return false;
  if (item.sensitive && item.desensitization === 'none') return false;
  return true;
}

/**
 * The dataset's name in the open catalog and its URLs (CKAN's `name`: lower-case letters, digits, - and _). It is
 * derived from the resource code, which is unique and never reused: `3-12-001-002/000017` → `sz-3-12-001-002-000017`.
 */
export function openDatasetName(code: string): string {
  return `sz-${code.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** 开放前审查 is the providing department's duty (its data officer), or the bureau's on its behalf. */
export const canRecordOpenReview = (actor: Pick<Actor, 'roles' | 'departmentId'>, providerId: number): boolean =>
  isBureau(actor) || (hasRole(actor, 'dept_admin') && actor.departmentId === providerId);

/** Publishing to and withdrawing from the open catalog is the bureau's (第二十二条). */
export const canPublishOpen = (actor: Pick<Actor, 'roles'>): boolean => isBureau(actor);

/** The open-data side of an entry is read by its provider, the bureau and the leadership group. */
export const canReadOpenStatus = (actor: Pick<Actor, 'roles' | 'departmentId'>, providerId: number): boolean =>
  readsAllDepartments(actor) || actor.departmentId === providerId;
