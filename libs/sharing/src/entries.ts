import { NotFoundError, type Page, type ShareEntryDto, type ShareEntryQuery } from '@govdata/domain';
import { departmentSummary } from '@govdata/core';
import { CatalogDedicatedDepartment, CatalogEntry, CatalogItem, listEntries, type ICatalogEntry } from '@govdata/catalog';
import type { ShareContext } from './common';

/**
 * The published resources a department can ask for, with how it gets each (第十五条 request, 第十六条(三) 专用,
 * 第十五条(三) coordination only for 不予共享, or its own) and its current items — the new-request picker.
 */
export async function listShareEntries(ctx: ShareContext, query: ShareEntryQuery): Promise<Page<ShareEntryDto>> {
  const { em, actor } = ctx;
  // the catalog list's own search, filters, count and page (the engines' text indexes, in SQL: issue 19, finding 2),
  // over published entries by code; then the page's entries with their items
  const page = await listEntries(em, actor, { page: query.page, pageSize: query.pageSize, q: query.q, departmentId: query.providerId, shareType: query.shareType, status: 'published', sort: 'code', order: 'asc' });
  const ids = page.items.map((e) => e.id);
  const rows = ids.length ? await em.find(CatalogEntry, { id: { $in: ids } }, { populate: ['provider'] }) : [];
  const byId = new Map(rows.map((e) => [e.id, e]));
  return { ...page, items: await entryDtos(ctx, ids.flatMap((id) => byId.get(id) ?? [])) };
}

export async function getShareEntry(ctx: ShareContext, id: number): Promise<ShareEntryDto> {
  const e = await ctx.em.findOne(CatalogEntry, { id, status: { $in: ['published', 'retiring'] } }, { populate: ['provider'] });
  if (!e) throw new NotFoundError(`资源 ${id} 不存在或未发布`, 'share_request.entry_not_found');
  return (await entryDtos(ctx, [e]))[0];
}

async function entryDtos(ctx: ShareContext, rows: ICatalogEntry[]): Promise<ShareEntryDto[]> {
  const { em, actor } = ctx;
  const ids = rows.map((e) => e.id);
  const items = ids.length ? await em.find(CatalogItem, { entry: { $in: ids }, removedAt: null }, { orderBy: { entry: 'asc', position: 'asc' } }) : [];
  const dedicated = ids.length ? await em.find(CatalogDedicatedDepartment, { entry: { $in: ids }, department: actor.departmentId }) : [];
  const dedicatedFor = new Set(dedicated.map((d) => d.entry.id));
  return rows.map((e) => ({
    id: e.id,
    code: e.code,
    name: e.name,
    summary: e.summary,
    provider: departmentSummary(e.provider.getEntity()),
    shareType: e.shareType,
    shareConditions: e.shareConditions ?? null,
    noShareReason: e.noShareReason ?? null,
    noShareBasis: e.noShareBasis ?? null,
    version: e.currentVersion,
    access: e.provider.id === actor.departmentId ? 'own' : e.dedicated && dedicatedFor.has(e.id) ? 'dedicated' : e.shareType === 'none' ? 'coordination' : 'request',
    items: items.filter((i) => i.entry.id === e.id).map((i) => ({ id: i.id, name: i.name, sensitive: i.sensitive })),
  }));
}
