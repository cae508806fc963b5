import type { EntityManager } from '@mikro-orm/knex';

/** 发文字号: 代字〔年份〕序号号 (GB/T 9704-2012 7.2.4 — 六角括号, no leading zeros, no 第). */
export const formatNoticeNumber = (prefix: string, year: number, sequence: number): string => `${prefix}〔${year}〕${sequence}号`;

/**
 * Draws the next sequence number of a year inside the caller's (the issuing) transaction.
 *
 * The counter row is incremented with UPDATE … RETURNING: on PostgreSQL the row lock it takes holds every other
 * issuer of that year until this transaction ends, and a rollback gives the number back — so numbers never skip
 * and never repeat. On SQLite knex keeps one connection (pool max 1) and a transaction holds it until it ends, so
 * concurrent requests of this process cannot interleave inside the issuing transaction (no mutex needed); another
 * process waits on SQLite's write lock (busy_timeout). The unique key on notices (year, sequence) is the last line
 * of defence either way. notices-numbering.spec.ts issues 20 notices at once on both dialects.
 */
export async function drawNoticeSequence(em: EntityManager, year: number): Promise<number> {
  // the year's first issue creates the row; a concurrent first issuer waits on the insert and then does nothing
  await em.execute('insert into notice_counters (year, last_sequence) values (?, 0) on conflict (year) do nothing', [year], 'run');
  const rows = await em.execute<{ last_sequence: number | string }[]>(
    'update notice_counters set last_sequence = last_sequence + 1 where year = ? returning last_sequence',
    [year],
    'all',
  );
  const value = Number(rows[0]?.last_sequence);
  if (!Number.isInteger(value) || value < 1) throw new Error(`notice counter for ${year} returned ${String(rows[0]?.last_sequence)}`);
  return value;
}
