import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';

/**
 * 高频数据共享库 (第十八条): one membership of an entry — added by the bureau with a reason, removed (or not yet) with
 * a reason. Rows are kept when a member is removed: the history of the library. `catalog_entries.high_frequency`
 * mirrors "has a membership not removed", so lists read it without a join.
 */
export const HighFrequencyMember = defineEntity({
  name: 'HighFrequencyMember',
  tableName: 'high_frequency_members',
  indexes: [{ properties: ['entry', 'removedAt'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    addedBy: () => p.manyToOne(User).ref(),
    addedByName: p.string().length(60),
    addedAt: p.datetime(),
    addReason: p.text(),
    removedByName: p.string().length(60).nullable(),
    removedAt: p.datetime().nullable(),
    removeReason: p.text().nullable(),
  },
});
export type IHighFrequencyMember = InferEntity<typeof HighFrequencyMember>;
