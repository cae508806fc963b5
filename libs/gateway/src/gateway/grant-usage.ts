import type { EntityManager } from '@mikro-orm/knex';
import { assertCanSetGrantLimits, canReadGrant, canSetGrantLimits, ForbiddenError, NotFoundError, type Actor, type GrantLimitsInput, type GrantUsageDto } from '@govdata/domain';
import { audit, sqlAll } from '@govdata/core';
import { ShareGrant } from '@govdata/sharing';
import { addNaturalDays, shanghaiDate } from '@govdata/workdays';
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

/** 调用额度: a grant's limits (its own or the platform's defaults) and its calls counted per day, the last 14 days. */
export async function grantUsage(ctx: GrantUsageContext, grantId: number): Promise<GrantUsageDto> {
  const sides = await readableGrant(ctx, grantId);
  const own = await ctx.em.findOne(GrantLimit, grantId);
  const day = shanghaiDate(ctx.realNow);
  const from = addNaturalDays(day, -(DAYS - 1));
  const counted = await sqlAll<{ day: string; calls: number | string }>(ctx.em, 'select day, calls from grant_usage where access_key = ? and day >= ? order by day', [`g:${grantId}`, from]);
  const byDay = new Map(counted.map((r) => [r.day, Number(r.calls)]));
  const days = Array.from({ length: DAYS }, (_, i) => addNaturalDays(from, i)).map((d) => ({ day: d, calls: byDay.get(d) ?? 0 }));
  return {
    grantId,
    limits: own ? { perMinute: own.perMinute, perDay: own.perDay, isDefault: false, updatedAt: own.updatedAt.toISOString() } : { ...DEFAULT_LIMITS, isDefault: true, updatedAt: null },
    today: { day, calls: byDay.get(day) ?? 0 },
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
