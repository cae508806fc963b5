import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DuplicateStatus, OverlapItem } from '@govdata/domain';
import { CatalogEntry } from './catalog-entry.entity';
import { Department, User } from '@govdata/core';

/**
 * 一数一源 (第九条): a possible duplicate collection — `entry` (of `department`) collects data items that
 * `sourceEntry` (of `sourceDepartment`, the base-library source where one exists) already holds.
 * One row per pair; a re-scan refreshes a candidate but never reopens a decided one.
 */
export const CatalogDuplicateCandidate = defineEntity({
  name: 'CatalogDuplicateCandidate',
  tableName: 'catalog_duplicate_candidates',
  uniques: [{ properties: ['entry', 'sourceEntry'] }],
  indexes: [{ properties: ['status', 'score'] }, { properties: ['department', 'status'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    department: () => p.manyToOne(Department).ref(),
    sourceEntry: () => p.manyToOne(CatalogEntry).ref().index(),
    sourceDepartment: () => p.manyToOne(Department).ref(),
    sourceIsBaseLibrary: p.boolean().default(false),
    overlap: p.json<OverlapItem[]>(),
    overlapCount: p.integer(),
    /** overlap / the smaller entry's comparable items, 0–1: the ranking */
    score: p.double(),
    status: p.string().length(12).$type<DuplicateStatus>(),
    detectedAt: p.datetime(),
    lastSeenAt: p.datetime(),
    decidedBy: () => p.manyToOne(User).ref().nullable(),
    decidedAt: p.datetime().nullable(),
    decisionNote: p.text().nullable(),
    violationId: p.integer().nullable(),
    lockVersion: p.integer().version(),
  },
});
export type ICatalogDuplicateCandidate = InferEntity<typeof CatalogDuplicateCandidate>;
