import { sign } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { fromSqlTime, sqlAll } from '@govdata/core';
import { shanghaiDate } from '@govdata/workdays';
import { CallSeal } from '../entities/call-record.entity';
import type { SealKey } from '../keys';
import { sealMessage, type SealPayload } from './seal-signature';

export { sealMessage, verifySealSignature, type SealPayload } from './seal-signature';

const DAY = 86_400_000;
const dayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string): string => shanghaiDate(new Date(dayStart(day).getTime() + DAY));

/**
 * 日封存: signs, for every finished Shanghai day not sealed yet (from the first record on), the last record of the
 * chain at that day's end. Idempotent: a sealed day is never sealed again. `realNow` — seals are security time.
 */
export async function sealCallDays(em: EntityManager, key: SealKey, realNow: Date): Promise<number> {
  const today = shanghaiDate(realNow);
  const lastSeal = await em.findOne(CallSeal, { day: { $ne: null } }, { orderBy: { day: 'desc' } });
  let day: string;
  if (lastSeal) day = nextDay(lastSeal.day);
  else {
    const first = await sqlAll<{ at: unknown }>(em, 'select at from call_records order by seq asc limit 1', []);
    if (!first[0]) return 0;
    day = shanghaiDate(fromSqlTime(first[0].at));
  }
  let sealed = 0;
  while (day < today) {
    const end = dayStart(nextDay(day));
    const last = await sqlAll<{ seq: number | string; hash: string }>(em, 'select seq, hash from call_records where at < ? order by seq desc limit 1', [end]);
    const counted = await sqlAll<{ n: number | string }>(em, 'select count(*) as n from call_records where at >= ? and at < ?', [dayStart(day), end]);
    const payload: SealPayload = { chain: 'call_records', day, lastSeq: Number(last[0]?.seq ?? 0), lastHash: last[0]?.hash ?? '0'.repeat(64), count: Number(counted[0]?.n ?? 0) };
    em.create(CallSeal, { day, lastSeq: payload.lastSeq, lastHash: payload.lastHash, count: payload.count, signature: sign(null, sealMessage(payload), key.privateKey).toString('base64'), keyId: key.keyId, sealedAt: realNow });
    sealed++;
    day = nextDay(day);
  }
  await em.flush();
  return sealed;
}
