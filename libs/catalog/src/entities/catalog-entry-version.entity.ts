import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { EntrySnapshot, FieldChange } from '@govdata/domain';
import { CatalogEntry } from './catalog-entry.entity';
import { User } from '@govdata/core';

/**
 * A published version of an entry: the full snapshot and the field-by-field diff against the previous version.
 * Append-only — never updated — which is what makes the releases that point at versions immutable.
 */
export const CatalogEntryVersion = defineEntity({
  name: 'CatalogEntryVersion',
  tableName: 'catalog_entry_versions',
  uniques: [{ properties: ['entry', 'version'] }],
  indexes: [{ properties: ['changedAt'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    version: p.integer(),
    snapshot: p.json<EntrySnapshot>(),
    /** empty for version 1 */
    diff: p.json<FieldChange[]>(),
    note: p.string().length(500).nullable(),
    changedBy: () => p.manyToOne(User).ref().nullable(),
    changedByName: p.string().length(60),
    changedAt: p.datetime(),
  },
});
export type ICatalogEntryVersion = InferEntity<typeof CatalogEntryVersion>;
