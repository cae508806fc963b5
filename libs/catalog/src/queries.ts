import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/knex';
import { canReadEntry, diffSnapshots, hasRole, isBureau, NotFoundError, type Actor, type EntryQuery, type EntrySummaryDto, type Page } from '@govdata/domain';
import { CatalogDedicatedDepartment, CatalogEntry, type ICatalogEntry } from './entities/catalog-entry.entity';
import { CatalogEntryVersion } from './entities/catalog-entry-version.entity';
import { type IDepartment, isPostgres } from '@govdata/core';
import { ledLibraries, libraryLeadId, loadLeads } from './leads';
import { departmentsById, entrySummaryDto } from './model';

/** The catalog's read side: the filtered, searched list and the version history. */

const facts = (e: ICatalogEntry) => ({ providerId: e.provider.id, resourceType: e.resourceType, library: e.library ?? null, status: e.status });

/** Above this many search matches the list walks its sort order instead of looking the matches up one by one. */
const MANY_MATCHES = 2000;

/**
 * The total of a filtered list. On SQLite the count reads the covering list-filter index only (INDEXED BY): left
 * to itself the planner may pick a narrower index and then read thousands of wide rows to test the other filters.
 */
async function countEntries(em: EntityManager, qb: QueryBuilder<ICatalogEntry>): Promise<number> {
  if (isPostgres(em)) return qb.clone().getCount();
  const { sql, bindings } = qb.clone().count().getKnexQuery().toSQL();
  const from = 'from `catalog_entries` as `e`';
  if (!sql.includes(from)) return qb.clone().getCount();
  const rows = await em.execute<Record<string, number>[]>(sql.replace(from, `${from} indexed by catalog_entries_list_filter_index`), [...bindings]);
  return Number(Object.values(rows[0])[0]);
}

/** Item counts of a page of entries, in one grouped query. */
async function itemCounts(em: EntityManager, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ entry_id: number; n: number | string }[]>(
    `select entry_id, count(*) as n from catalog_items where removed_at is null and entry_id in (${ids.map(() => '?').join(',')}) group by entry_id`,
    ids,
  );
  return new Map(rows.map((r) => [Number(r.entry_id), Number(r.n)]));
}

/**
 * The catalog list (第六条: 检索、定位和获取): filters, full-text search over name, code, summary and item names, one
 * page. Everyone sees published entries; drafts only by those who maintain them, the bureau and leaders.
 */
export async function listEntries(em: EntityManager, actor: Actor, query: EntryQuery): Promise<Page<EntrySummaryDto>> {
  const and: FilterQuery<ICatalogEntry>[] = [];
  const leads = await loadLeads(em);
  const seesAll = isBureau(actor) || hasRole(actor, 'leader');
  if (!seesAll) {
    const led = ledLibraries(leads, actor.departmentId);
    and.push({ $or: [{ status: { $ne: 'draft' } }, { provider: actor.departmentId }, ...(led.length ? [{ resourceType: { $ne: 'department' as const }, library: { $in: led } }] : [])] });
  }
  if (query.editable) {
    if (isBureau(actor)) and.push({ status: { $ne: 'retired' } });
    else if (!hasRole(actor, 'dept_admin')) and.push({ id: -1 });
    else {
      const led = ledLibraries(leads, actor.departmentId);
      and.push({ status: { $ne: 'retired' } });
      and.push({ $or: [{ resourceType: 'department', provider: actor.departmentId }, ...(led.length ? [{ resourceType: { $ne: 'department' as const }, library: { $in: led } }] : [])] });
    }
  }
  if (query.departmentId) and.push({ provider: query.departmentId });
  if (query.resourceType) and.push({ resourceType: query.resourceType });
  if (query.library) and.push({ library: query.library });
  if (query.shareType) and.push({ shareType: query.shareType });
  if (query.openType) and.push({ openType: query.openType });
  if (query.securityGrade) and.push({ securityGrade: query.securityGrade });
  if (query.status) and.push({ status: query.status });
  if (query.updateCycle) and.push({ updateCycle: query.updateCycle });
  if (query.dedicatedTo) {
    const rows = await em.find(CatalogDedicatedDepartment, { department: query.dedicatedTo }, { fields: ['entry'] });
    and.push({ id: { $in: rows.map((r) => r.entry.id) } });
  }
  // Full text: one scan of the narrow, lower-cased search table for all the words gives the matching ids. The total
  // is then counted in memory against the (index-only) ids the filters select, and the page walks the sort order
  // testing membership — a word that matches nearly everything costs no more than a rare one.
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const pg = isPostgres(em);
  const where: FilterQuery<ICatalogEntry> = and.length ? { $and: and } : {};
  const qb = em.createQueryBuilder(CatalogEntry, 'e').where(where);
  let total: number;
  if (words.length) {
    const contains = words.map(() => (pg ? 'strpos(s.text, ?) > 0' : 'instr(s.text, ?) > 0')).join(' and ');
    const ids = (await em.execute<{ entry_id: number }[]>(`select s.entry_id from catalog_search s where ${contains}`, words)).map((r) => Number(r.entry_id));
    if (ids.length === 0) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    // a few matches are looked up by primary key (and sorted); many are tested while walking the sort order —
    // SQLite's `+e.id` keeps the planner from choosing lookups that would sort tens of thousands of rows
    const many = ids.length > MANY_MATCHES;
    const byId = pg ? ['e.id = any(?::int[])', `{${ids.join(',')}}`] : [`${many ? '+' : ''}e.id in (select value from json_each(?))`, JSON.stringify(ids)];
    qb.andWhere(byId[0], [byId[1]]);
    total = and.length === 0 ? ids.length : await countEntries(em, qb);
  } else total = await countEntries(em, qb);
  const rows = await qb
    .select(['id', 'code', 'name', 'resourceType', 'library', 'classCode', 'provider', 'format', 'shareType', 'openType', 'securityGrade', 'updateCycle', 'dataUpdatedAt', 'dedicated', 'status', 'currentVersion', 'publishedAt', 'updatedAt'])
    .orderBy({ [query.sort]: query.order, id: query.order })
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .getResultList();
  const [counts, providers] = await Promise.all([itemCounts(em, rows.map((r) => r.id)), departmentsById(em, rows.map((r) => r.provider.id))]);
  return {
    items: rows.map((e) => entrySummaryDto(e, providers.get(e.provider.id) as IDepartment, counts.get(e.id) ?? 0)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The entry as the caller may read it (drafts only for those who maintain them). */
async function readableEntry(em: EntityManager, actor: Actor, id: number): Promise<ICatalogEntry> {
  const e = await em.findOne(CatalogEntry, id);
  if (!e) throw new NotFoundError(`资源目录条目 ${id} 不存在`, 'catalog.entry_not_found');
  if (!canReadEntry(actor, facts(e), await libraryLeadId(em, e.resourceType, e.library))) throw new NotFoundError(`资源目录条目 ${id} 不存在或尚未发布`, 'catalog.entry_not_found');
  return e;
}

const versionSummary = (v: { id: number; version: number; changedByName: string; changedAt: Date; note?: string | null; diff: unknown[] }) => ({
  id: v.id,
  version: v.version,
  changedBy: v.changedByName,
  changedAt: v.changedAt.toISOString(),
  note: v.note ?? null,
  changeCount: v.diff.length,
  diff: v.diff as never,
});

/** The version history, newest first: who, when, what changed field by field. */
export async function listVersions(em: EntityManager, actor: Actor, id: number) {
  await readableEntry(em, actor, id);
  const rows = await em.find(CatalogEntryVersion, { entry: id }, { orderBy: { version: 'desc' }, exclude: ['snapshot'] });
  return rows.map(versionSummary);
}

export async function getVersion(em: EntityManager, actor: Actor, id: number, version: number) {
  await readableEntry(em, actor, id);
  const v = await em.findOne(CatalogEntryVersion, { entry: id, version });
  if (!v) throw new NotFoundError(`该资源没有第 ${version} 版`, 'catalog.version_not_found');
  return { ...versionSummary(v), snapshot: v.snapshot as unknown as Record<string, unknown> };
}

/** The difference between any two versions of an entry. */
export async function diffVersions(em: EntityManager, actor: Actor, id: number, from: number, to: number) {
  await readableEntry(em, actor, id);
  const rows = await em.find(CatalogEntryVersion, { entry: id, version: { $in: [from, to] } });
  const a = rows.find((r) => r.version === from);
  const b = rows.find((r) => r.version === to);
  if (!b || (from > 0 && !a)) throw new NotFoundError(`该资源没有第 ${!b ? to : from} 版`, 'catalog.version_not_found');
  return { from, to, changes: diffSnapshots(a?.snapshot ?? null, b.snapshot) };
}

