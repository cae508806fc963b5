import type { EntityManager } from '@mikro-orm/knex';
import {
  NotFoundError,
  normalizeItemName,
  type EntryInput,
  type EntrySnapshot,
  type EntrySummaryDto,
  type ItemDto,
  type ItemSnapshot,
} from '@govdata/domain';
import { CatalogDedicatedDepartment, CatalogEntry, type ICatalogEntry } from './entities/catalog-entry.entity';
import { CatalogItem, type ICatalogItem } from './entities/catalog-item.entity';
import { Department, departmentSummary, type IDepartment } from '@govdata/core';

/** An entry with what belongs to it: its live items (position order) and its dedicated departments. */
export interface EntryAggregate {
  entry: ICatalogEntry;
  provider: IDepartment;
  items: ICatalogItem[];
  dedicated: IDepartment[];
}

export async function loadAggregate(em: EntityManager, id: number): Promise<EntryAggregate> {
  const entry = await em.findOne(CatalogEntry, id, { populate: ['provider'] });
  if (!entry) throw new NotFoundError(`资源目录条目 ${id} 不存在`, 'catalog.entry_not_found');
  const [items, dedicated] = await Promise.all([
    em.find(CatalogItem, { entry: id, removedAt: null }, { orderBy: { position: 'asc', id: 'asc' } }),
    em.find(CatalogDedicatedDepartment, { entry: id }, { populate: ['department'], orderBy: { department: { sortOrder: 'asc', id: 'asc' } } }),
  ]);
  return { entry, provider: entry.provider.getEntity(), items, dedicated: dedicated.map((d) => d.department.getEntity()) };
}

export const itemSnapshot = (i: ICatalogItem): ItemSnapshot => ({
  id: i.id,
  name: i.name,
  fieldName: i.fieldName,
  dataType: i.dataType,
  length: i.length ?? null,
  nullable: i.nullable,
  primaryKey: i.primaryKey,
  queryKey: i.queryKey,
  sensitive: i.sensitive,
  secret: i.secret,
  desensitization: i.desensitization,
  description: i.description ?? null,
});

export const itemDto = (i: ICatalogItem): ItemDto => ({ ...itemSnapshot(i), fieldName: i.fieldName, queryKey: i.queryKey, position: i.position, normalizedName: i.normalizedName, dataType: i.dataType, desensitization: i.desensitization });

/** The descriptive metadata an entry's snapshot and its edit form share, field for field. */
/** The metadata of an entry (第六条) as every projection shares it: the version snapshot, the edit form, the detail page. */
export function metadataOf(e: ICatalogEntry) {
  return {
    summary: e.summary,
    format: e.format,
    formatDetail: e.formatDetail ?? null,
    shareType: e.shareType,
    shareConditions: e.shareConditions ?? null,
    noShareReason: e.noShareReason ?? null,
    noShareBasis: e.noShareBasis ?? null,
    shareMethod: e.shareMethod,
    openType: e.openType,
    openConditions: e.openConditions ?? null,
    closedReason: e.closedReason ?? null,
    closedBasis: e.closedBasis ?? null,
    updateCycle: e.updateCycle,
    dataUpdatedAt: e.dataUpdatedAt ?? null,
    securityGrade: e.securityGrade,
    securityAgreementRequired: e.securityAgreementRequired,
    internalReview: { ...e.internalReview },
    collectionBasisType: e.collectionBasisType,
    collectionBasis: e.collectionBasis,
    dataRange: e.dataRange ?? null,
    applicationScenarios: e.applicationScenarios ?? null,
    relatedCodes: [...e.relatedCodes],
  } satisfies Partial<EntrySnapshot> & Partial<EntryInput>;
}

/** The full state of an entry: what a version freezes, what a release files, what diffs compare. */
export function snapshotOf(a: EntryAggregate): EntrySnapshot {
  const e = a.entry;
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    resourceType: e.resourceType,
    library: e.library ?? null,
    classCode: e.classCode,
    provider: departmentSummary(a.provider),
    dedicatedDepartments: a.dedicated.map((d) => ({ id: d.id, name: d.name })),
    ...metadataOf(e),
    items: a.items.map(itemSnapshot),
  };
}

/** The entry as the form that edits it would hold it: an edit is merged over this and validated as a whole. */
export function inputOf(a: EntryAggregate): EntryInput {
  const e = a.entry;
  return {
    name: e.name,
    resourceType: e.resourceType,
    library: e.library ?? null,
    classCode: e.classCode,
    providerId: a.provider.id,
    dedicatedDepartmentIds: a.dedicated.map((d) => d.id),
    ...metadataOf(e),
    // the snapshot's item with the entity's enum-typed fields (a snapshot keeps them as stored strings)
    items: a.items.map((i) => ({ ...itemSnapshot(i), fieldName: i.fieldName, queryKey: i.queryKey, dataType: i.dataType, desensitization: i.desensitization })),
  };
}

/** What the list's full-text search scans: name, code, summary and item names (and their canonical names), lower-cased. */
export function searchTextOf(e: Pick<ICatalogEntry, 'name' | 'code' | 'summary'>, itemNames: readonly string[]): string {
  const names = new Set<string>();
  for (const n of itemNames) {
    names.add(n);
    names.add(normalizeItemName(n));
  }
  return [e.code, e.name, e.summary, [...names].join(' ')].join('\n').toLowerCase();
}

export function entrySummaryDto(e: ICatalogEntry, provider: IDepartment, itemCount: number): EntrySummaryDto {
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    resourceType: e.resourceType,
    library: e.library ?? null,
    classCode: e.classCode,
    provider: departmentSummary(provider),
    format: e.format,
    shareType: e.shareType,
    openType: e.openType,
    securityGrade: e.securityGrade,
    updateCycle: e.updateCycle,
    dataUpdatedAt: e.dataUpdatedAt ?? null,
    dedicated: e.dedicated,
    highFrequency: e.highFrequency,
    status: e.status,
    currentVersion: e.currentVersion,
    itemCount,
    publishedAt: e.publishedAt?.toISOString() ?? null,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Departments by id, refusing unknown ones with a message on the field that named them. */
export async function departmentsById(em: EntityManager, ids: readonly number[]): Promise<Map<number, IDepartment>> {
  if (ids.length === 0) return new Map();
  const rows = await em.find(Department, { id: { $in: [...new Set(ids)] } });
  return new Map(rows.map((d) => [d.id, d]));
}

/** What the share rules read of an entry (`assertRequestable`, `entryShareActions` in libs/domain). */
export const requestableView = (e: ICatalogEntry) => ({
  id: e.id,
  name: e.name,
  status: e.status,
  providerId: e.provider.id,
  shareType: e.shareType,
  noShareReason: e.noShareReason ?? null,
  noShareBasis: e.noShareBasis ?? null,
  dedicated: e.dedicated,
  replacedById: e.replacedById ?? null,
});
