import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { EntryStatus, OpenType, ShareType } from '@govdata/domain';
import { CatalogEntry } from './catalog-entry.entity';
import { CatalogEntryVersion } from './catalog-entry-version.entity';
import { Department, User } from '@govdata/core';

/**
 * 《朔州市政务数据资源目录》 release (第八条): a numbered, dated, immutable snapshot of every published entry, filed
 * with the province. Never updated after it is written (only the filing record is added).
 */
export const CatalogRelease = defineEntity({
  name: 'CatalogRelease',
  tableName: 'catalog_releases',
  properties: {
    id: p.integer().primary(),
    /** 1, 2, 3 … — never reused */
    number: p.integer().unique(),
    title: p.string().length(100),
    releasedAt: p.datetime(),
    releasedBy: () => p.manyToOne(User).ref().nullable(),
    releasedByName: p.string().length(60),
    note: p.text().nullable(),
    previous: () => p.manyToOne(CatalogRelease).ref().nullable(),
    entryCount: p.integer(),
    addedCount: p.integer(),
    changedCount: p.integer(),
    retiredCount: p.integer(),
    /** 向省级平台备案 */
    filedAt: p.datetime().nullable(),
    filingReference: p.string().length(100).nullable(),
  },
});
export type ICatalogRelease = InferEntity<typeof CatalogRelease>;

/**
 * One entry in a release, pointing at the (append-only) version it had; the columns the release lists and diffs by
 * are copied so a release reads without touching the live catalog. A release is never changed, so the order it is
 * read in is fixed when it is made: `position` numbers its entries 1, 2, 3 … in code order (the 序号 of the filed
 * workbook) and `providerPosition` numbers each provider's entries the same way. A page of the release — of one
 * provider's entries — is then a range of its index whatever its depth (issue 19, finding 1: counting the release and
 * skipping by OFFSET took 0.3–1.7 s a page at provincial size).
 */
export const CatalogReleaseEntry = defineEntity({
  name: 'CatalogReleaseEntry',
  tableName: 'catalog_release_entries',
  uniques: [
    { properties: ['release', 'entry'] },
    { name: 'catalog_release_entries_position_unique', properties: ['release', 'position'] },
    { name: 'catalog_release_entries_provider_position_unique', properties: ['release', 'provider', 'providerPosition'] },
  ],
  // what the list and the export read by before the positions: kept while replicas of the previous release line may
  // still run beside this one during an upgrade (docs/operations.md § 4), to go with the next line
  indexes: [{ properties: ['release', 'code'] }],
  properties: {
    id: p.integer().primary(),
    release: () => p.manyToOne(CatalogRelease).ref(),
    entry: () => p.manyToOne(CatalogEntry).ref().index(),
    entryVersion: () => p.manyToOne(CatalogEntryVersion).ref().index(),
    versionNumber: p.integer(),
    code: p.string().length(40),
    name: p.string().length(200),
    provider: () => p.manyToOne(Department).ref().index(),
    shareType: p.string().length(16).$type<ShareType>(),
    openType: p.string().length(16).$type<OpenType>(),
    status: p.string().length(12).$type<EntryStatus>(),
    /** 序号: 1 … the release's entry count, in code order */
    position: p.integer(),
    /** 1 … the provider's entry count in the release, in code order */
    providerPosition: p.integer(),
  },
});
export type ICatalogReleaseEntry = InferEntity<typeof CatalogReleaseEntry>;
