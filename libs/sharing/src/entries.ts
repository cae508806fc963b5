import type { FilterQuery } from '@mikro-orm/core';
import { NotFoundError, type Page, type ShareEntryDto, type ShareEntryQuery } from '@govdata/domain';
import { containsText, departmentSummary } from '@govdata/core';
import { CatalogDedicatedDepartment, CatalogEntry, CatalogEntrySearch, CatalogItem, type ICatalogEntry } from '@govdata/catalog';
import type { ShareContext } from './common';

/**
 * The published resources a department can ask for, with how it gets each (第十五条 request, 第十六条(三) 专用,
 * 第十五条(三) coordination only for 不予共享, or its own) and its current items — the new-request picker.
 */
export async function listShareEntries(ctx: ShareContext, query: ShareEntryQuery): Promise<Page<ShareEntryDto>> {
  const { em } = ctx;
  const where: FilterQuery<ICatalogEntry> = { status: 'published' };
  if (query.providerId) where.provider = query.providerId;
  if (query.shareType) where.shareType = query.shareType;
  if (query.q) {
    // the catalog's narrow search table: name, code, summary and item names, lower-cased
    const hits = await em.find(CatalogEntrySearch, { text: containsText(em, query.q.toLowerCase()) }, { fields: ['entry'] });
    where.id = { $in: hits.map((h) => h.entry.id) };
  }
  const [rows, total] = await em.findAndCount(CatalogEntry, where, { populate: ['provider'], orderBy: { code: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: await entryDtos(ctx, rows), total, page: query.page, pageSize: query.pageSize };
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
