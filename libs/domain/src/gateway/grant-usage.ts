import { z } from 'zod';
import { ForbiddenError } from '../errors';
import { canManageDataset } from './access';

/**
 * A grant's calls through the gateway and the limits they run under (issue 15 §4, §7): a per-minute rate and a daily
 * quota, the platform's defaults unless the provider (or the bureau) set others for the grant. The provider decides,
 * as it decides the grant itself (第十六条); the consumer sees what it may use and what it used.
 */
export const GRANT_LIMIT_BOUNDS = { perMinute: { min: 1, max: 100_000 }, perDay: { min: 1, max: 10_000_000 } } as const;

export const grantLimitsInputSchema = z
  .strictObject({
    perMinute: z
      .number({ message: '每分钟调用上限应为整数' })
      .int('每分钟调用上限应为整数')
      .min(GRANT_LIMIT_BOUNDS.perMinute.min, `每分钟调用上限至少 ${GRANT_LIMIT_BOUNDS.perMinute.min} 次`)
      .max(GRANT_LIMIT_BOUNDS.perMinute.max, `每分钟调用上限不能超过 ${GRANT_LIMIT_BOUNDS.perMinute.max} 次`),
    perDay: z
      .number({ message: '每日调用配额应为整数' })
      .int('每日调用配额应为整数')
      .min(GRANT_LIMIT_BOUNDS.perDay.min, `每日调用配额至少 ${GRANT_LIMIT_BOUNDS.perDay.min} 次`)
      .max(GRANT_LIMIT_BOUNDS.perDay.max, `每日调用配额不能超过 ${GRANT_LIMIT_BOUNDS.perDay.max} 次`),
  })
  .refine((v) => v.perDay >= v.perMinute, { path: ['perDay'], message: '每日调用配额不能少于每分钟调用上限' });
export type GrantLimitsInput = z.infer<typeof grantLimitsInputSchema>;

export const grantUsageSchema = z.object({
  grantId: z.number().int(),
  limits: z.object({ perMinute: z.number().int(), perDay: z.number().int(), isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  /** calls counted against the quota today (Shanghai day) */
  today: z.object({ day: z.string(), calls: z.number().int() }),
  /** the grant's calls per Shanghai day from the call records, the last 14 days, oldest first, empty days included */
  days: z.array(z.object({ day: z.string(), ok: z.number().int(), refused: z.number().int() })),
  permissions: z.object({ canSetLimits: z.boolean() }),
});
export type GrantUsageDto = z.infer<typeof grantUsageSchema>;

export const canSetGrantLimits = (actor: Parameters<typeof canManageDataset>[0], providerId: number): boolean => canManageDataset(actor, providerId);

export function assertCanSetGrantLimits(actor: Parameters<typeof canManageDataset>[0], providerId: number): void {
  if (!canSetGrantLimits(actor, providerId)) throw new ForbiddenError('只有提供部门的数据共享责任人或政务信息管理局可以设定授权的调用额度', 'grant_limits.forbidden');
}
