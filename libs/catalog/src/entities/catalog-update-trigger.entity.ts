import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { TriggerKind, TriggerStatus } from '@govdata/domain';
import { CatalogEntryVersion } from './catalog-entry-version.entity';
import { Department, User } from '@govdata/core';

/**
 * 目录更新触发 (第七条): a law revision or a change of a department's functions obliges it to update its catalog within
 * 15 working days. The clock is a `deadlines` row (kind catalog_update, subject update_trigger/id).
 */
export const CatalogUpdateTrigger = defineEntity({
  name: 'CatalogUpdateTrigger',
  tableName: 'catalog_update_triggers',
  indexes: [{ properties: ['department', 'status'] }],
  properties: {
    id: p.integer().primary(),
    department: () => p.manyToOne(Department).ref(),
    kind: p.string().length(20).$type<TriggerKind>(),
    /** the document: 《…》修订 / 朔编发〔2026〕N号 */
    reference: p.string().length(200),
    /** the day the revision or the change of functions took effect, YYYY-MM-DD — the clock starts then */
    effectiveDate: p.string().length(10),
    note: p.text().nullable(),
    status: p.string().length(12).$type<TriggerStatus>(),
    registeredBy: () => p.manyToOne(User).ref().nullable(),
    registeredAt: p.datetime(),
    resolvedBy: () => p.manyToOne(User).ref().nullable(),
    resolvedAt: p.datetime().nullable(),
    resolutionNote: p.text().nullable(),
    cancelReason: p.text().nullable(),
    lockVersion: p.integer().version(),
  },
});
export type ICatalogUpdateTrigger = InferEntity<typeof CatalogUpdateTrigger>;

/** The published versions a department linked to resolve a trigger. */
export const CatalogTriggerLink = defineEntity({
  name: 'CatalogTriggerLink',
  tableName: 'catalog_trigger_links',
  uniques: [{ properties: ['trigger', 'version'] }],
  properties: {
    id: p.integer().primary(),
    trigger: () => p.manyToOne(CatalogUpdateTrigger).ref(),
    version: () => p.manyToOne(CatalogEntryVersion).ref().index(),
  },
});
export type ICatalogTriggerLink = InferEntity<typeof CatalogTriggerLink>;
