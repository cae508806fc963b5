import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';

/**
 * 开放目录 (第二十二条): an entry the bureau published to the open catalog, under a stable public name. Withdrawing
 * keeps the row (and its name) so links and harvesters see it gone rather than renamed; publishing again reopens it.
 * Views and downloads are counted here for the portal and the assessment's open-data indicators.
 */
export const OpenDataset = defineEntity({
  name: 'OpenDataset',
  tableName: 'open_datasets',
  // (entry, withdrawn): the catalog's joins to its open datasets read the index alone
  indexes: [{ properties: ['withdrawnAt', 'publishedAt'] }, { properties: ['entry', 'withdrawnAt'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.oneToOne(CatalogEntry).owner().ref().unique(),
    name: p.string().length(100).unique(),
    publishedBy: () => p.manyToOne(User).ref(),
    publishedAt: p.datetime(),
    withdrawnAt: p.datetime().nullable(),
    withdrawnReason: p.string().length(500).nullable(),
    views: p.integer().default(0),
    downloads: p.integer().default(0),
  },
});
export type IOpenDataset = InferEntity<typeof OpenDataset>;
