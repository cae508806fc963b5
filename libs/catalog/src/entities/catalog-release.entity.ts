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
 * are copied so a release reads without touching the live catalog.
 */
export const CatalogReleaseEntry = defineEntity({
  name: 'CatalogReleaseEntry',
  tableName: 'catalog_release_entries',
  uniques: [{ properties: ['release', 'entry'] }],
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
  },
});
export type ICatalogReleaseEntry = InferEntity<typeof CatalogReleaseEntry>;
