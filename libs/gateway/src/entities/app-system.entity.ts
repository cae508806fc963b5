import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { SystemStatus } from '@govdata/domain';
import { Department, User } from '@govdata/core';

/**
 * 接入系统 (第四条) — an application system of a consuming department that reads shared data through the gateway
 * with OAuth 2.0 client credentials. The secret is kept only as a scrypt hash; rotating replaces it.
 */
export const AppSystem = defineEntity({
  name: 'AppSystem',
  tableName: 'app_systems',
  indexes: [{ properties: ['department', 'status'] }],
  properties: {
    id: p.integer().primary(),
    department: () => p.manyToOne(Department).ref(),
    name: p.string().length(100),
    description: p.string().length(500).nullable(),
    clientId: p.string().length(40).unique(),
    secretHash: p.string().length(200),
    status: p.string().length(12).$type<SystemStatus>(),
    createdAt: p.datetime(),
    createdBy: () => p.manyToOne(User).ref().nullable(),
    secretRotatedAt: p.datetime(),
    disabledAt: p.datetime().nullable(),
    lastCalledAt: p.datetime().nullable(),
  },
});
export type IAppSystem = InferEntity<typeof AppSystem>;
