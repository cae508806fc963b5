import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RetirementStatus } from '@govdata/domain';
import { Department, User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';

/**
 * 下线 (第十九条): the provider's proposal to retire an entry on a date at least 20 natural days ahead, with a live
 * replacement; the bureau approves (the entry is `retiring`, consumers are told) or returns it; the daily job reminds
 * the consumers 5 days before and retires the entry on the date (grants end, destruction declarations requested).
 */
export const Retirement = defineEntity({
  name: 'Retirement',
  tableName: 'retirements',
  indexes: [{ properties: ['status', 'retireOn'] }, { properties: ['entry', 'status'] }, { properties: ['provider', 'status'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    replacement: () => p.manyToOne(CatalogEntry).ref(),
    provider: () => p.manyToOne(Department).ref(),
    reason: p.text(),
    /** YYYY-MM-DD Asia/Shanghai: from this day on the entry is retired */
    retireOn: p.string().length(10),
    status: p.string().length(12).$type<RetirementStatus>(),
    proposedBy: () => p.manyToOne(User).ref(),
    proposedByName: p.string().length(60),
    proposedAt: p.datetime(),
    decidedByName: p.string().length(60).nullable(),
    decidedAt: p.datetime().nullable(),
    returnReason: p.text().nullable(),
    remindedAt: p.datetime().nullable(),
    retiredAt: p.datetime().nullable(),
  },
});
export type IRetirement = InferEntity<typeof Retirement>;
