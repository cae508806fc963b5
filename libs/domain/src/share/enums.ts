import { z } from 'zod';
import { shanghaiDate } from '@govdata/workdays';
import { DESTRUCTION_METHODS, GRANT_STATES, REJECT_REASON_CATEGORIES, SHARE_REQUEST_STATUSES } from './labels';

/** The ids and labels of the share request vocabulary are in labels.ts, apart from zod, so that pages that only show labels do not load it. */
export * from './labels';

export const shareRequestStatusSchema = z.enum(SHARE_REQUEST_STATUSES, { message: '申请状态无效' });
export const rejectReasonCategorySchema = z.enum(REJECT_REASON_CATEGORIES, {
  message: '驳回理由类别应为 法律法规禁止、涉及国家秘密、用途与履职不符、超出必要范围、安全保障条件不足、数据尚未归集 或 其他',
});
export const grantStateSchema = z.enum(GRANT_STATES, { message: '授权状态应为 active、expired、revoked 或 destroyed' });
export const destructionMethodSchema = z.enum(DESTRUCTION_METHODS, { message: '销毁方式应为 安全删除、多次覆写、存储介质物理销毁 或 其他' });

/** 申请编号 as people quote it: GXSQ-<year of first submission>-<id, six digits>. */
export const shareRequestCode = (id: number, submittedAt: Date): string => `GXSQ-${shanghaiDate(submittedAt).slice(0, 4)}-${String(id).padStart(6, '0')}`;

/**
 * A 申请编号 in a search box (issue 14, defect 2): "GXSQ-2026-003201", any case, with or without the dashes or the
 * leading zeros ("gxsq2026-3201") → the request id and the year of submission; null when the text is not one.
 */
export function parseShareRequestCode(q: string | undefined): { id: number; year: number } | null {
  const m = /^GXSQ[-\s]?(\d{4})[-\s]?(\d{1,9})$/i.exec((q ?? '').trim());
  if (!m || Number(m[2]) <= 0) return null;
  return { year: Number(m[1]), id: Number(m[2]) };
}

/** The instants of a Shanghai calendar year, for "submitted in the year of its code". */
export const shanghaiYearRange = (year: number): { $gte: Date; $lt: Date } => ({ $gte: new Date(`${year}-01-01T00:00:00+08:00`), $lt: new Date(`${year + 1}-01-01T00:00:00+08:00`) });
