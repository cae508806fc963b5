import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Role } from '@govdata/domain';
import { Department } from './department.entity';

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.integer().primary(),
    username: p.string().length(32).unique(),
    displayName: p.string().length(30),
    department: () => p.manyToOne(Department).ref().index(),
    roles: p.json<Role[]>(),
    /** scrypt$N$r$p$salt$hash (node:crypto) */
    passwordHash: p.string().length(200).hidden().lazy(true, false),
    phone: p.string().length(20).nullable(),
    email: p.string().length(100).nullable(),
    disabled: p.boolean().default(false),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type IUser = InferEntity<typeof User>;
