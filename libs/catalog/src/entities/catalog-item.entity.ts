import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Desensitization, ItemDataType } from '@govdata/domain';
import { CatalogEntry } from './catalog-entry.entity';

/**
 * 信息项 — a data item of an entry. The id is stable across versions (edits keep it) and a removed item is only
 * marked `removedAt`, so share requests that name item ids still resolve.
 */
export const CatalogItem = defineEntity({
  name: 'CatalogItem',
  tableName: 'catalog_items',
  indexes: [{ properties: ['entry', 'removedAt', 'position'] }, { properties: ['normalizedName'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    position: p.integer(),
    name: p.string().length(100),
    /** 字段名 — the column name systems use (unique among the entry's live items; FIELD_NAME_PATTERN) */
    fieldName: p.string().length(63),
    /** the name under the 一数一源 synonym table (第九条), e.g. 身份证号 → 公民身份号码 */
    normalizedName: p.string().length(100),
    dataType: p.string().length(12).$type<ItemDataType>(),
    length: p.integer().nullable(),
    nullable: p.boolean().default(true),
    primaryKey: p.boolean().default(false),
    /** may be used as a gateway query filter (primary-key items always may) */
    queryKey: p.boolean().default(false),
    sensitive: p.boolean().default(false),
    secret: p.boolean().default(false),
    desensitization: p.string().length(16).$type<Desensitization>(),
    description: p.string().length(500).nullable(),
    createdAt: p.datetime(),
    removedAt: p.datetime().nullable(),
  },
});
export type ICatalogItem = InferEntity<typeof CatalogItem>;
