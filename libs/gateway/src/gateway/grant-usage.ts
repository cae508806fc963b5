import type { EntityManager } from '@mikro-orm/knex';
import { assertCanSetGrantLimits, canReadGrant, canSetGrantLimits, ForbiddenError, NotFoundError, type Actor, type GrantLimitsInput, type GrantUsageDto } from '@govdata/domain';
import { audit, sqlAll } from '@govdata/core';
import { ShareGrant } from '@govdata/sharing';
import { addNaturalDays, shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';
import { GrantLimit } from '../entities/call-record.entity';
import { DEFAULT_LIMITS } from './limits';

export interface GrantUsageContext {
  em: EntityManager;
  actor: Actor;
  /** real time: quotas count real days */
  realNow: Date;
}

const DAYS = 14;

async function readableGrant(ctx: GrantUsageContext, grantId: number) {
  const g = await ctx.em.findOne(ShareGrant, grantId, { fields: ['consumer', 'provider'] });
  if (!g) throw new NotFoundError(`授权 ${grantId} 不存在`, 'share_grant.not_found');
  const sides = { consumerId: g.consumer.id, providerId: g.provider.id };
  if (!canReadGrant(ctx.actor, sides)) throw new ForbiddenError('无权查看该授权：仅使用部门、提供部门和平台管理员可以查看', 'share_grant.not_party');
  return sides;
}

/** 调用额度: a grant's limits (its own or the platform's defaults), today's count against the quota, and its recorded calls per day over the last 14 days. */
export async function grantUsage(ctx: GrantUsageContext, grantId: number): Promise<GrantUsageDto> {
  const sides = await readableGrant(ctx, grantId);
  const own = await ctx.em.findOne(GrantLimit, grantId);
  const day = shanghaiDate(ctx.realNow);
  const dates = Array.from({ length: DAYS }, (_, i) => addNaturalDays(day, i - DAYS + 1));
  const [quota] = await sqlAll<{ calls: number | string }>(ctx.em, 'select calls from grant_usage where access_key = ? and day = ?', [`g:${grantId}`, day]);
  // one pass over the grant's records of the 14 days (index on grant_id, at), counted per Shanghai day
  const bounds = dates.map((d) => [startOfShanghaiDay(d), startOfShanghaiDay(addNaturalDays(d, 1))] as const);
  const sums = bounds.map((_, i) => `sum(case when at >= ? and at < ? and status = 'ok' then 1 else 0 end) as ok${i}, sum(case when at >= ? and at < ? and status <> 'ok' then 1 else 0 end) as refused${i}`).join(', ');
  const [row] = await sqlAll<Record<string, number | string | null>>(
    ctx.em,
    `select ${sums} from call_records where grant_id = ? and at >= ? and at < ?`,
    [...bounds.flatMap(([a, b]) => [a, b, a, b]), grantId, bounds[0][0], bounds[DAYS - 1][1]],
  );
  const days = dates.map((d, i) => ({ day: d, ok: Number(row?.[`ok${i}`] ?? 0), refused: Number(row?.[`refused${i}`] ?? 0) }));
  return {
    grantId,
    limits: own ? { perMinute: own.perMinute, perDay: own.perDay, isDefault: false, updatedAt: own.updatedAt.toISOString() } : { ...DEFAULT_LIMITS, isDefault: true, updatedAt: null },
    today: { day, calls: Number(quota?.calls ?? 0) },
    days,
    permissions: { canSetLimits: canSetGrantLimits(ctx.actor, sides.providerId) },
  };
}

/**
 * The provider (or the bureau) sets a grant's limits, or with `null` returns it to the platform's defaults (audited).
 * The gateway reads them on the next call; the rate window and today's count carry on.
 */
export async function setGrantLimits(ctx: GrantUsageContext, grantId: number, input: GrantLimitsInput | null): Promise<GrantUsageDto> {
  const sides = await readableGrant(ctx, grantId);
  assertCanSetGrantLimits(ctx.actor, sides.providerId);
  const own = await ctx.em.findOne(GrantLimit, grantId);
  const before = own ? { perMinute: own.perMinute, perDay: own.perDay } : { ...DEFAULT_LIMITS, default: true };
  if (input === null) {
    if (own) ctx.em.remove(own);
  } else if (own) Object.assign(own, { ...input, updatedAt: ctx.realNow });
  else ctx.em.create(GrantLimit, { grantId, ...input, updatedAt: ctx.realNow });
  audit(ctx.em, { actor: ctx.actor, action: input ? 'share_grant.limits_set' : 'share_grant.limits_reset', subjectType: 'share_grant', subjectId: grantId, before, after: input ?? { ...DEFAULT_LIMITS, default: true }, at: ctx.realNow });
  await ctx.em.flush();
  return grantUsage(ctx, grantId);
}
