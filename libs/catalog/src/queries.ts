import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/knex';
import { canReadEntry, diffSnapshots, hasRole, isBureau, NotFoundError, type Actor, type EntryQuery, type EntrySummaryDto, type Page } from '@govdata/domain';
import { CatalogDedicatedDepartment, CatalogEntry, type ICatalogEntry } from './entities/catalog-entry.entity';
import { CatalogEntryVersion } from './entities/catalog-entry-version.entity';
import { Department, type IDepartment, isPostgres } from '@govdata/core';
import { ledLibraries, libraryLeadId, loadLeads } from './leads';
import { entrySummaryDto } from './model';

/** The catalog's read side: the filtered, searched list and the version history. */

const facts = (e: ICatalogEntry) => ({ providerId: e.provider.id, resourceType: e.resourceType, library: e.library ?? null, status: e.status });

/** `like` pattern of a word, its wildcards taken literally (PostgreSQL's default escape character is the backslash) */
const likeContains = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** an FTS5 phrase: the word in double quotes, its own quotes doubled — matched as a substring by the trigram tokenizer */
const ftsPhrase = (w: string) => `"${w.replaceAll('"', '""')}"`;

/** Above this many search matches the list walks its sort order instead of looking the matches up one by one. */
const MANY_MATCHES = 2000;

/**
 * The entry ids whose search text contains every word (lower-cased), as SQL for a subquery; `scan` when no index
 * can serve it (SQLite, every word shorter than a trigram).
 */
export function textSearch(pg: boolean, words: string[]): { sql: string; params: string[]; scan: boolean } {
  if (pg) return { sql: `select s.entry_id from catalog_search s where ${words.map(() => 's.text like ?').join(' and ')}`, params: words.map(likeContains), scan: false };
  const indexed = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  if (!indexed.length) return { sql: `select s.entry_id from catalog_search s where ${short.map(() => 'instr(s.text, ?) > 0').join(' and ')}`, params: short, scan: true };
  const match = 'select rowid from catalog_search_fts where catalog_search_fts match ?';
  if (!short.length) return { sql: match, params: [indexed.map(ftsPhrase).join(' AND ')], scan: false };
  return {
    sql: `select s.entry_id from catalog_search s where s.entry_id in (${match}) and ${short.map(() => 'instr(s.text, ?) > 0').join(' and ')}`,
    params: [indexed.map(ftsPhrase).join(' AND '), ...short],
    scan: false,
  };
}

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

/** A row of the list query: the entry's listed columns, the provider as its id. */
type ListRow = Omit<ICatalogEntry, 'provider'> & { provider: number };

/** id, code and name of the providers of a page, as plain rows. */
async function providerSummaries(em: EntityManager, ids: number[]): Promise<Map<number, Pick<IDepartment, 'id' | 'code' | 'name'>>> {
  if (ids.length === 0) return new Map();
  const rows = await em.createQueryBuilder(Department, 'd').select(['id', 'code', 'name']).where({ id: { $in: [...new Set(ids)] } }).execute<Pick<IDepartment, 'id' | 'code' | 'name'>[]>('all', true);
  return new Map(rows.map((d) => [d.id, d]));
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
  // Full text through the engine's own index (issue 19, finding 2), as a subquery the planner combines with the
  // filters, sort and page. PostgreSQL: `like '%…%'` on the trigram GIN index (pg_trgm). SQLite: the FTS5 trigram
  // table when a word has three or more characters. Words of one or two characters only (常见的中文检索词 such as 登记)
  // are beyond any trigram index: SQLite then reads the narrow search table once, and the matching ids come back as
  // one parameter — measured faster than running the scan both for the count and for the page.
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const pg = isPostgres(em);
  const where: FilterQuery<ICatalogEntry> = and.length ? { $and: and } : {};
  const qb = em.createQueryBuilder(CatalogEntry, 'e').where(where);
  let total: number;
  const search = words.length ? textSearch(pg, words) : null;
  if (search && !pg && search.scan) {
    const ids = (await em.execute<{ entry_id: number }[]>(search.sql, search.params)).map((r) => Number(r.entry_id));
    if (ids.length === 0) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    // many matches are tested while walking the sort order (`+e.id` keeps SQLite from lookups it would then sort)
    qb.andWhere(`${ids.length > MANY_MATCHES ? '+' : ''}e.id in (select value from json_each(?))`, [JSON.stringify(ids)]);
    total = and.length === 0 ? ids.length : await countEntries(em, qb);
  } else {
    if (search) qb.andWhere(`e.id in (${search.sql})`, search.params);
    total = await countEntries(em, qb);
  }
  const rows = await qb
    .select(['id', 'code', 'name', 'resourceType', 'library', 'classCode', 'provider', 'format', 'shareType', 'openType', 'securityGrade', 'updateCycle', 'dataUpdatedAt', 'dedicated', 'status', 'currentVersion', 'publishedAt', 'updatedAt'])
    .orderBy({ [query.sort]: query.order, id: query.order })
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    // plain rows, typed by the ORM but not made entities: a list page needs no identity map, and hydrating 20 entries
    // cost more than the queries (bench:api)
    .execute<ListRow[]>('all', true);
  const [counts, providers] = await Promise.all([itemCounts(em, rows.map((r) => r.id)), providerSummaries(em, rows.map((r) => r.provider))]);
  return {
    items: rows.map((e) => entrySummaryDto({ ...e, provider: { id: e.provider } } as unknown as ICatalogEntry, providers.get(e.provider) as IDepartment, counts.get(e.id) ?? 0)),
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

