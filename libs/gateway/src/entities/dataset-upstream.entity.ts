import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CatalogEntry } from '@govdata/catalog';
import { User } from '@govdata/core';

/**
 * 接口服务 (issue 15 §2) — an entry's data served by the providing department's own HTTP interface, which the gateway
 * proxies instead of a dataset version. One per entry. The circuit breaker's state lives here (all API processes share
 * it); its times are real time, not the business clock — they describe the interface, not a deadline.
 */
export const DatasetUpstream = defineEntity({
  name: 'DatasetUpstream',
  tableName: 'dataset_upstreams',
  properties: {
    id: p.integer().primary(),
    entry: () => p.oneToOne(CatalogEntry).ref().owner().unique(),
    url: p.string().length(2000),
    timeoutMs: p.integer(),
    registeredAt: p.datetime(),
    registeredBy: () => p.manyToOne(User).ref().nullable(),
    registeredByName: p.string().length(60),
    updatedAt: p.datetime(),
    consecutiveFailures: p.integer().default(0),
    openedUntil: p.datetime().nullable(),
    lastSuccessAt: p.datetime().nullable(),
    lastFailureAt: p.datetime().nullable(),
    lastError: p.string().length(300).nullable(),
  },
});
export type IDatasetUpstream = InferEntity<typeof DatasetUpstream>;
