import type { EntityManager } from '@mikro-orm/knex';
import { sqlAll } from '@govdata/core';
import { GrantLimit } from '../entities/call-record.entity';

/** Platform defaults when the provider set no limit on a grant. */
export const DEFAULT_LIMITS = { perMinute: 600, perDay: 100_000 } as const;

export interface Limits {
  perMinute: number;
  perDay: number;
}

export async function limitsOf(em: EntityManager, grantId: number | null): Promise<Limits> {
  if (grantId === null) return DEFAULT_LIMITS;
  const row = await em.findOne(GrantLimit, grantId);
  return row ? { perMinute: row.perMinute, perDay: row.perDay } : DEFAULT_LIMITS;
}

/**
 * Per-minute rate of one access key (a grant, or a department's 专用 access) in this process: a sliding window of
 * call times. Several API processes each allow the rate (the daily quota below is shared through the database).
 */
export class RateWindow {
  private readonly calls = new Map<string, number[]>();

  /** 0 when the call may go ahead, else the seconds until it may */
  take(key: string, perMinute: number, nowMs: number): number {
    const list = this.calls.get(key) ?? [];
    const since = nowMs - 60_000;
    let drop = 0;
    while (drop < list.length && list[drop] <= since) drop++;
    if (drop) list.splice(0, drop);
    if (list.length >= perMinute) return Math.max(1, Math.ceil((list[0] + 60_000 - nowMs) / 1000));
    list.push(nowMs);
    this.calls.set(key, list);
    return 0;
  }
}

/**
 * Counts a call against the daily quota of an access key, atomically (one upsert … returning, shared by every API
 * process): the count after this call, or null when the quota was already used up (nothing counted then).
 */
export async function takeDailyQuota(em: EntityManager, key: string, day: string, perDay: number): Promise<number | null> {
  const rows = await sqlAll<{ calls: number | string }>(
    em,
    'insert into grant_usage (access_key, day, calls) values (?, ?, 1) on conflict (access_key, day) do update set calls = grant_usage.calls + 1 where grant_usage.calls < ? returning calls',
    [key, day, perDay],
  );
  return rows[0] ? Number(rows[0].calls) : null;
}

/** Calls so far today per access key (for a grant's usage display). */
export async function usageOf(em: EntityManager, key: string, day: string): Promise<number> {
  const rows = await sqlAll<{ calls: number | string }>(em, 'select calls from grant_usage where access_key = ? and day = ?', [key, day]);
  return rows[0] ? Number(rows[0].calls) : 0;
}
