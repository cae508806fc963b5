import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ResourceType } from '@govdata/domain';
import { Department, User } from '@govdata/core';

/**
 * 牵头部门 of a base or thematic library (第六条): it compiles and maintains that library's entries. Configured by
 * the bureau.
 */
export const CatalogLibraryLead = defineEntity({
  name: 'CatalogLibraryLead',
  tableName: 'catalog_library_leads',
  uniques: [{ properties: ['resourceType', 'library'] }],
  properties: {
    id: p.integer().primary(),
    resourceType: p.string().length(12).$type<Extract<ResourceType, 'base' | 'thematic'>>(),
    library: p.string().length(60),
    department: () => p.manyToOne(Department).ref().index(),
    updatedBy: () => p.manyToOne(User).ref().nullable(),
    updatedAt: p.datetime(),
  },
});
export type ICatalogLibraryLead = InferEntity<typeof CatalogLibraryLead>;
