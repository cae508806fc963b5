import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  HIGH_FREQUENCY_DEFAULT_DAYS,
  HIGH_FREQUENCY_FORMULA,
  HIGH_FREQUENCY_WEIGHTS,
  highFrequencyScore,
  NotFoundError,
  ValidationError,
  type Actor,
  type AddHighFrequencyInput,
  type HighFrequencyLibrary,
  type HighFrequencyMember as HighFrequencyMemberDto,
  type HighFrequencyRanking,
  type HighFrequencyRankingQuery,
  type RemoveHighFrequencyInput,
} from '@govdata/domain';
import { shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';

const DAY_MS = 86_400_000;
/** `date` moved by whole days (Shanghai keeps no summer time: a day is always 24 h). */
const addDays = (date: string, days: number): string => shanghaiDate(new Date(startOfShanghaiDay(date).getTime() + days * DAY_MS));
import { audit, sqlAll } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { HighFrequencyMember, type IHighFrequencyMember } from '../entities/high-frequency-member.entity';

interface RankingRow {
  id: number | string;
  code: string;
  name: string;
  high_frequency: unknown;
  status: string;
  provider_id: number | string;
  provider_code: string;
  provider_name: string;
  requests: number | string;
  grants: number | string;
  calls: number | string;
  max_requests: number | string;
  max_grants: number | string;
  max_calls: number | string;
  score: number | string;
  total: number | string;
}

/**
 * The ranking of catalog entries by use in a window of Shanghai days (default: the last 90 days up to today) — one
 * statement: share requests submitted, grants in force and calls answered through the gateway (the call records),
 * each grouped by entry, the maxima over the ranking by window functions, ordered and paged by the score
 * (`highFrequencyScore`'s formula in SQL, its weights bound from `HIGH_FREQUENCY_WEIGHTS`). Entries nobody used in the window are not ranked.
 */
export async function highFrequencyRanking(em: EntityManager, query: HighFrequencyRankingQuery, now: Date): Promise<HighFrequencyRanking> {
  const to = query.to ?? shanghaiDate(now);
  const from = query.from ?? addDays(to, -(HIGH_FREQUENCY_DEFAULT_DAYS - 1));
  const start = startOfShanghaiDay(from);
  const end = startOfShanghaiDay(addDays(to, 1));
  const provider = query.department ? ' and e.provider_id = ?' : '';
  const rows = await sqlAll<RankingRow>(
    em,
    `with r as (select entry_id, count(*) as n from share_requests where submitted_at >= ? and submitted_at < ? group by entry_id),
          g as (select entry_id, count(*) as n from share_grants
                 where granted_at < ? and valid_until >= ? and (revoked_at is null or revoked_at >= ?) group by entry_id),
          c as (select entry_id, count(*) as n from call_records where status = 'ok' and at >= ? and at < ? and entry_id is not null group by entry_id),
          u as (select e.id, e.code, e.name, e.high_frequency, e.status, e.provider_id, coalesce(r.n, 0) as requests, coalesce(g.n, 0) as grants, coalesce(c.n, 0) as calls
                  from catalog_entries e left join r on r.entry_id = e.id left join g on g.entry_id = e.id left join c on c.entry_id = e.id
                 where (r.n is not null or g.n is not null or c.n is not null)${provider}),
          m as (select u.*, max(requests) over () as max_requests, max(grants) over () as max_grants, max(calls) over () as max_calls, count(*) over () as total from u)
     select m.*, d.code as provider_code, d.name as provider_name,
            100.0 * (? * (case when max_requests > 0 then 1.0 * requests / max_requests else 0 end)
                   + ? * (case when max_grants > 0 then 1.0 * grants / max_grants else 0 end)
                   + ? * (case when max_calls > 0 then 1.0 * calls / max_calls else 0 end)) as score
       from m join departments d on d.id = m.provider_id
      order by score desc, calls desc, requests desc, m.id asc
      limit ? offset ?`,
    [
      start, end, end, from, start, start, end,
      ...(query.department ? [query.department] : []),
      // the score's weights, the same constants `highFrequencyScore` reads
      HIGH_FREQUENCY_WEIGHTS.requests, HIGH_FREQUENCY_WEIGHTS.grants, HIGH_FREQUENCY_WEIGHTS.calls,
      query.pageSize, (query.page - 1) * query.pageSize,
    ],
  );
  const first = rows[0];
  const max = { requests: Number(first?.max_requests ?? 0), grants: Number(first?.max_grants ?? 0), calls: Number(first?.max_calls ?? 0) };
  return {
    items: rows.map((r, i) => {
      const counts = { requests: Number(r.requests), grants: Number(r.grants), calls: Number(r.calls) };
      return {
        rank: (query.page - 1) * query.pageSize + i + 1,
        entry: { id: Number(r.id), code: r.code, name: r.name },
        provider: { id: Number(r.provider_id), code: r.provider_code, name: r.provider_name },
        entryStatus: r.status,
        ...counts,
        score: highFrequencyScore(counts, max),
        member: r.high_frequency === true || Number(r.high_frequency) === 1,
      };
    }),
    total: Number(first?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    from,
    to,
    formula: HIGH_FREQUENCY_FORMULA,
    max,
  };
}

function memberDto(m: IHighFrequencyMember): HighFrequencyMemberDto {
  const e = m.entry.getEntity();
  const d = e.provider.getEntity();
  return {
    id: m.id,
    entry: { id: e.id, code: e.code, name: e.name },
    provider: { id: d.id, code: d.code, name: d.name },
    entryStatus: e.status,
    addedAt: m.addedAt.toISOString(),
    addedBy: m.addedByName,
    addReason: m.addReason,
    removedAt: m.removedAt?.toISOString() ?? null,
    removedBy: m.removedByName ?? null,
    removeReason: m.removeReason ?? null,
  };
}

/** The library: its members (newest first), with `history` also the memberships ended. */
export async function highFrequencyLibrary(em: EntityManager, history: boolean): Promise<HighFrequencyLibrary> {
  const rows = await em.find(HighFrequencyMember, history ? {} : { removedAt: null }, { populate: ['entry', 'entry.provider'], orderBy: { addedAt: 'desc', id: 'desc' } });
  return { items: rows.map(memberDto) };
}

/** 纳入高频数据共享库 (the bureau): a published entry not already a member, with the reason; audited. */
export async function addHighFrequencyMember(em: EntityManager, actor: Actor, input: AddHighFrequencyInput, now: Date): Promise<HighFrequencyMemberDto> {
  const entry = await em.findOne(CatalogEntry, input.entryId, { populate: ['provider'] });
  if (!entry) throw new ValidationError('资源不存在', [{ path: 'entryId', message: `资源目录条目 ${input.entryId} 不存在` }]);
  if (entry.status !== 'published') {
    throw new ValidationError('只有已发布的资源可以纳入高频数据共享库', [{ path: 'entryId', message: `“${entry.name}”当前状态不是已发布，不能纳入高频数据共享库` }]);
  }
  if (entry.highFrequency || (await em.count(HighFrequencyMember, { entry: entry.id, removedAt: null })) > 0) {
    throw new ConflictError(`“${entry.name}”已在高频数据共享库中`, 'high_frequency.already_member');
  }
  const m = em.create(HighFrequencyMember, { entry, addedBy: actor.userId, addedByName: actor.displayName.slice(0, 60), addedAt: now, addReason: input.reason, removedByName: null, removedAt: null, removeReason: null });
  // the flag beside the entry, written directly: curating the library is not an edit of the entry (no new lock version)
  await em.nativeUpdate(CatalogEntry, { id: entry.id }, { highFrequency: true });
  await em.flush();
  audit(em, { actor, action: 'high_frequency.add', subjectType: 'catalog_entry', subjectId: entry.id, before: { highFrequency: false }, after: { highFrequency: true, memberId: m.id, reason: input.reason }, at: now });
  await em.flush();
  return memberDto(m);
}

/** 移出高频数据共享库 (the bureau): the membership ends with the reason; the row stays as history; audited. */
export async function removeHighFrequencyMember(em: EntityManager, actor: Actor, memberId: number, input: RemoveHighFrequencyInput, now: Date): Promise<HighFrequencyMemberDto> {
  const m = await em.findOne(HighFrequencyMember, memberId, { populate: ['entry', 'entry.provider'] });
  if (!m) throw new NotFoundError(`高频数据共享库成员 ${memberId} 不存在`, 'high_frequency.not_found');
  if (m.removedAt) throw new ConflictError(`“${m.entry.getEntity().name}”已于 ${shanghaiDate(m.removedAt)} 移出高频数据共享库`, 'high_frequency.already_removed');
  em.assign(m, { removedAt: now, removedByName: actor.displayName.slice(0, 60), removeReason: input.reason });
  const entry = m.entry.getEntity();
  await em.nativeUpdate(CatalogEntry, { id: entry.id }, { highFrequency: false });
  audit(em, { actor, action: 'high_frequency.remove', subjectType: 'catalog_entry', subjectId: entry.id, before: { highFrequency: true, memberId: m.id }, after: { highFrequency: false, reason: input.reason }, at: now });
  await em.flush();
  return memberDto(m);
}
