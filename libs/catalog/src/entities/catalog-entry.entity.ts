import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type {
  ClosedReason,
  CollectionBasisType,
  EntryStatus,
  InternalReview,
  OpenType,
  ResourceFormat,
  ResourceType,
  SecurityGrade,
  ShareMethod,
  ShareType,
  UpdateCycle,
} from '@govdata/domain';
import { Department, User } from '@govdata/core';

/**
 * 目录条目 — one data resource of the catalog (政务数据资源目录, 第六条), with the metadata of the national
 * 政务信息资源目录编制指南 and what the regulation adds (第十至十六条, 第二十三条). The columns hold the current
 * state; every published state is also frozen in `catalog_entry_versions`.
 */
export const CatalogEntry = defineEntity({
  name: 'CatalogEntry',
  tableName: 'catalog_entries',
  indexes: [
    { properties: ['provider', 'status'] },
    // the list's default order (updated_at, then id for ties — a bulk import gives thousands of entries one
    // updated_at): its first page is read off these indexes, with or without the status filter
    { properties: ['status', 'updatedAt', 'id'] },
    { properties: ['updatedAt', 'id'] },
    { properties: ['resourceType', 'library'] },
    { properties: ['updateCycle', 'dataUpdatedAt'] },
    // covers every filter of the list, so counting a filtered page never reads the (wide) rows
    { name: 'catalog_entries_list_filter_index', properties: ['status', 'shareType', 'openType', 'securityGrade', 'updateCycle', 'resourceType', 'provider', 'library', 'updatedAt'] },
    // covers the open catalog's facet columns: the portal's and CKAN's facet counts group these without the rows
    { name: 'catalog_entries_open_facets_index', properties: ['status', 'openType', 'provider', 'resourceType', 'library', 'format', 'updateCycle'] },
  ],
  properties: {
    id: p.integer().primary(),
    /** 资源代码: classification digits + '/' + a per-classification sequence; unique and never reused */
    code: p.string().length(40).unique(),
    name: p.string().length(200),
    resourceType: p.string().length(12).$type<ResourceType>(),
    /** base library id (population …) for base resources, the thematic library's name for thematic ones */
    library: p.string().length(60).nullable(),
    /** 类-项-目-细目, e.g. 3-12-001-002 */
    classCode: p.string().length(16).index(),
    provider: () => p.manyToOne(Department).ref(),
    summary: p.text(),
    format: p.string().length(16).$type<ResourceFormat>(),
    formatDetail: p.string().length(100).nullable(),
    /** 第十三条 */
    shareType: p.string().length(16).$type<ShareType>(),
    shareConditions: p.text().nullable(),
    /** 第十三条(三), 第十四条(一): reasons and legal basis of 不予共享 */
    noShareReason: p.text().nullable(),
    noShareBasis: p.text().nullable(),
    shareMethod: p.string().length(16).$type<ShareMethod>(),
    /** 专用 (第十六条(三)); the list is in catalog_dedicated_departments */
    dedicated: p.boolean().default(false),
    /** 第二十三条 */
    openType: p.string().length(16).$type<OpenType>(),
    openConditions: p.text().nullable(),
    closedReason: p.string().length(20).$type<ClosedReason>().nullable(),
    closedBasis: p.text().nullable(),
    updateCycle: p.string().length(12).$type<UpdateCycle>(),
    /** the date (YYYY-MM-DD, Asia/Shanghai) the data itself was last updated — read by the freshness check */
    dataUpdatedAt: p.string().length(10).nullable(),
    /** GB/T 43697-2024 */
    securityGrade: p.string().length(12).$type<SecurityGrade>(),
    securityAgreementRequired: p.boolean().default(false),
    /** 第十一条 内部审查: scenarios, user identity, region, scope */
    internalReview: p.json<InternalReview>(),
    /** 第十条: a law names the collection, or the subjects consented */
    collectionBasisType: p.string().length(12).$type<CollectionBasisType>(),
    collectionBasis: p.text(),
    dataRange: p.text().nullable(),
    applicationScenarios: p.text().nullable(),
    relatedCodes: p.json<string[]>(),
    status: p.string().length(12).$type<EntryStatus>(),
    /** 下线 (第十九条): the entry that replaces this one, set when its retirement is approved */
    replacedById: p.integer().nullable(),
    /** first publication */
    publishedAt: p.datetime().nullable(),
    /** the published version number; 0 while never published */
    currentVersion: p.integer().default(0),
    /**
     * 数据已在平台 — the requested data is already on the platform. A fact some rule sets make the provider's reply
     * period depend on (issue 12 §1); the provider sets it, and publishing a gateway dataset version sets it.
     */
    dataOnPlatform: p.boolean().default(false),
    /** 高频数据共享库 (第十八条): a member of the library the bureau curates (libs/lifecycle keeps the memberships) */
    highFrequency: p.boolean().default(false),
    createdBy: () => p.manyToOne(User).ref().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    /** optimistic lock: a stale edit is refused with 409 */
    lockVersion: p.integer().version(),
  },
});
export type ICatalogEntry = InferEntity<typeof CatalogEntry>;

/**
 * 专用部门 (第十六条(三)): the departments a dedicated resource is shared with without a request. The unique index
 * (department, entry) answers "is department X dedicated for entry Y" in one lookup.
 */
export const CatalogDedicatedDepartment = defineEntity({
  name: 'CatalogDedicatedDepartment',
  tableName: 'catalog_dedicated_departments',
  uniques: [{ properties: ['department', 'entry'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref().index().deleteRule('cascade'),
    department: () => p.manyToOne(Department).ref(),
  },
});
export type ICatalogDedicatedDepartment = InferEntity<typeof CatalogDedicatedDepartment>;

/** The last sequence number handed out per classification code: codes are never reused, even of deleted drafts. */
export const CatalogCodeSequence = defineEntity({
  name: 'CatalogCodeSequence',
  tableName: 'catalog_code_sequences',
  properties: {
    classCode: p.string().length(16).primary(),
    lastValue: p.integer(),
  },
});
export type ICatalogCodeSequence = InferEntity<typeof CatalogCodeSequence>;

/**
 * The list's full-text search: name, code, summary and item names of an entry, lower-cased, in a narrow table of
 * its own so that a substring scan reads a few MB instead of the entries' wide rows.
 */
export const CatalogEntrySearch = defineEntity({
  name: 'CatalogEntrySearch',
  tableName: 'catalog_search',
  properties: {
    entry: () => p.oneToOne(CatalogEntry).primary().owner().ref().deleteRule('cascade'),
    text: p.text(),
  },
});
export type ICatalogEntrySearch = InferEntity<typeof CatalogEntrySearch>;
