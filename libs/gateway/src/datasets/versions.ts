import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanManageDataset,
  canManageDataset,
  canReadEntry,
  canReadDatasetFull,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  SUPERSEDED_READABLE_DAYS,
  type Actor,
  type DatasetListDto,
  type DatasetPreviewDto,
  type DatasetVersionDto,
  type Desensitization,
} from '@govdata/domain';
import { CatalogEntry, CatalogItem, libraryLeadId } from '@govdata/catalog';
import { audit } from '@govdata/core';
import { DatasetVersion, type IDatasetVersion } from '../entities/dataset-version.entity';
import { maskRow, servedItem } from '../masking';
import type { DatasetContext } from './upload';
import { readRows } from './rows-table';

const DAY = 86_400_000;

export function versionDto(v: IDatasetVersion): DatasetVersionDto {
  return {
    id: v.id,
    entryId: v.entry.id,
    version: v.version,
    status: v.status,
    format: v.format,
    encoding: v.encoding ?? null,
    rows: v.rows,
    bytes: Number(v.bytes),
    sha256: v.sha256,
    columns: v.columns.map(({ itemId, fieldName, name, dataType }) => ({ itemId, fieldName, name, dataType })),
    uploadedAt: v.uploadedAt.toISOString(),
    uploadedByName: v.uploadedByName,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    supersededAt: v.supersededAt?.toISOString() ?? null,
    readableUntil: v.readableUntil?.toISOString() ?? null,
  };
}

async function loadEntry(em: EntityManager, entryId: number) {
  const entry = await em.findOne(CatalogEntry, entryId);
  if (!entry) throw new NotFoundError(`资源目录条目 ${entryId} 不存在`, 'catalog.entry_not_found');
  return entry;
}

/** The entry if the person may read it — a draft is another department's business: its data (versions, 接口服务) is as unseen as the draft itself (the catalog's read rule) — else 404. */
export async function readableEntry(em: EntityManager, actor: Actor, entryId: number) {
  const entry = await loadEntry(em, entryId);
  const facts = { providerId: entry.provider.id, resourceType: entry.resourceType, library: entry.library ?? null, status: entry.status };
  if (!canReadEntry(actor, facts, await libraryLeadId(em, entry.resourceType, entry.library))) throw new NotFoundError(`资源目录条目 ${entryId} 不存在`, 'catalog.entry_not_found');
  return entry;
}

/** The versions of an entry's data, newest first (what the 数据 tab lists), and what the person may do with them. */
export async function listDatasetVersions(ctx: DatasetContext, entryId: number): Promise<DatasetListDto> {
  const entry = await readableEntry(ctx.em, ctx.actor, entryId);
  const rows = await ctx.em.find(DatasetVersion, { entry: entryId }, { orderBy: { version: 'desc' } });
  const manages = canManageDataset(ctx.actor, entry.provider.id);
  return {
    items: rows.map(versionDto),
    permissions: { canUpload: manages && entry.status !== 'retired', canPublish: manages, canPreviewAll: canReadDatasetFull(ctx.actor, entry.provider.id) },
  };
}

/** The live version of an entry, or null. */
export async function liveVersion(em: EntityManager, entryId: number): Promise<IDatasetVersion | null> {
  return em.findOne(DatasetVersion, { entry: entryId, status: 'live' });
}

/**
 * 发布: the version becomes the live one; the one it replaces stays readable for 30 days. A version is published
 * once: a superseded version is not brought back (upload it again instead — versions are immutable).
 */
export async function publishDatasetVersion(ctx: DatasetContext, versionId: number): Promise<DatasetVersionDto> {
  const { em, actor, now } = ctx;
  const v = await em.findOne(DatasetVersion, versionId, { populate: ['entry'] });
  if (!v) throw new NotFoundError(`数据版本 ${versionId} 不存在`, 'dataset.not_found');
  assertCanManageDataset(actor, v.entry.getEntity().provider.id);
  if (v.status === 'live') throw new ConflictError(`第 ${v.version} 版已是现行版本`, 'dataset.already_live');
  if (v.status === 'superseded') throw new ConflictError(`第 ${v.version} 版已被替代，不能再次发布；如需恢复请重新上传该数据`, 'dataset.superseded');
  const previous = await liveVersion(em, v.entry.id);
  if (previous) {
    previous.status = 'superseded';
    previous.supersededAt = now;
    previous.readableUntil = new Date(now.getTime() + SUPERSEDED_READABLE_DAYS * DAY);
  }
  v.status = 'live';
  // a live version is data on the platform: the fact rule sets may make the reply period depend on (issue 12 §1)
  v.entry.getEntity().dataOnPlatform = true;
  v.publishedAt = now;
  audit(em, { actor, action: 'dataset.publish', subjectType: 'catalog_entry', subjectId: v.entry.id, before: previous ? { liveVersion: previous.version } : null, after: { liveVersion: v.version, rows: v.rows }, at: now });
  await em.flush();
  return versionDto(v);
}

/**
 * The first rows of a version as a consumer would receive them (masked by each item's current rule); the provider
 * and the bureau see any version, others only the live one.
 */
export async function previewDataset(ctx: DatasetContext & { hash: (text: string) => string }, entryId: number, versionId: number | undefined, limit = 20): Promise<DatasetPreviewDto> {
  const { em, actor } = ctx;
  const entry = await loadEntry(em, entryId);
  const v = versionId ? await em.findOne(DatasetVersion, { id: versionId, entry: entryId }) : await liveVersion(em, entryId);
  if (!v) throw new NotFoundError(versionId ? `数据版本 ${versionId} 不存在` : '该资源还没有发布数据', 'dataset.not_found');
  if (v.status !== 'live' && !canReadDatasetFull(actor, entry.provider.id)) throw new ForbiddenError('只有提供部门可以预览未发布或已替代的数据版本', 'dataset.preview_forbidden');
  const items = await em.find(CatalogItem, { entry: entryId, removedAt: null }, { orderBy: { position: 'asc' } });
  const rule = new Map(items.map((i) => [i.id, i.desensitization as Desensitization]));
  const served = v.columns.filter((c) => rule.has(c.itemId)).map((c) => ({ ...c, desensitization: rule.get(c.itemId) as Desensitization }));
  const { rows, total } = await readRows(em, v.rowsTable, v.columns, [], 1, limit);
  const items2 = served.map(servedItem);
  return {
    version: v.version,
    columns: served.map((c) => ({ fieldName: c.fieldName, name: c.name, desensitization: c.desensitization })),
    items: rows.map((r) => maskRow(r, items2, ctx.hash)),
    total,
  };
}
