import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DestructionMethod, GrantSource, GrantStatus } from '@govdata/domain';
import { CatalogEntry } from '@govdata/catalog';
import { Department, User } from '@govdata/core';
import { ShareRequest } from './share-request.entity';

/**
 * 数据使用授权 (第二十七条): a consumer department may use these items of an entry for this purpose until a date.
 * The provider or the bureau can revoke it; a consumer that no longer uses the data confirms its destruction.
 * One grant per request (unique), and one active 专用 grant per entry and department (`activeKey`).
 */
export const ShareGrant = defineEntity({
  name: 'ShareGrant',
  tableName: 'share_grants',
  indexes: [{ properties: ['consumer', 'status'] }, { properties: ['consumer', 'entry'] }, { properties: ['provider', 'status'] }, { properties: ['status', 'validUntil'] }, { properties: ['grantedAt'] }],
  properties: {
    id: p.integer().primary(),
    consumer: () => p.manyToOne(Department).ref(),
    provider: () => p.manyToOne(Department).ref(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    source: p.string().length(16).$type<GrantSource>(),
    request: () => p.oneToOne(ShareRequest).ref().nullable().owner().unique(),
    /** `dedicated:<entry>:<department>` while a 专用 grant is active, else null (nulls never collide) */
    activeKey: p.string().length(40).nullable().unique(),
    itemIds: p.json<number[]>(),
    purpose: p.text(),
    conditions: p.text().nullable(),
    grantedAt: p.datetime(),
    /** the last day of validity, YYYY-MM-DD Asia/Shanghai, inclusive */
    validUntil: p.string().length(10),
    status: p.string().length(12).$type<GrantStatus>(),
    renewCount: p.integer().default(0),
    renewedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: () => p.manyToOne(User).ref().nullable(),
    revokedByName: p.string().length(60).nullable(),
    revokedBySide: p.string().length(12).$type<'provider' | 'bureau'>().nullable(),
    revokeReason: p.text().nullable(),
    destroyedOn: p.string().length(10).nullable(),
    destructionMethod: p.string().length(20).$type<DestructionMethod>().nullable(),
    destructionNote: p.text().nullable(),
    destructionDeclaredAt: p.datetime().nullable(),
    destructionDeclaredBy: p.string().length(60).nullable(),
    createdAt: p.datetime(),
    lockVersion: p.integer().version(),
  },
});
export type IShareGrant = InferEntity<typeof ShareGrant>;

/**
 * 授权代理方 (第十六条(一)): a user who answers conditional share requests for a provider department, for one entry or
 * (entry null, scope key `all`) all its entries. The unique key makes a designation exist once.
 */
export const ShareAgent = defineEntity({
  name: 'ShareAgent',
  tableName: 'share_agents',
  uniques: [{ properties: ['provider', 'user', 'scopeKey'] }],
  properties: {
    id: p.integer().primary(),
    provider: () => p.manyToOne(Department).ref(),
    user: () => p.manyToOne(User).ref().index(),
    entry: () => p.manyToOne(CatalogEntry).ref().nullable().deleteRule('cascade'),
    scopeKey: p.string().length(20),
    createdBy: () => p.manyToOne(User).ref().nullable(),
    createdByName: p.string().length(60),
    createdAt: p.datetime(),
  },
});
export type IShareAgent = InferEntity<typeof ShareAgent>;
