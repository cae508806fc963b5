import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** A login session. Only the SHA-256 of the cookie token is stored. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.integer().primary(),
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(User).ref().index(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime().index(),
    revokedAt: p.datetime().nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(300).nullable(),
  },
});
export type ISession = InferEntity<typeof Session>;

/** Failed login attempts, counted per username and per client address for throttling. */
export const LoginFailure = defineEntity({
  name: 'LoginFailure',
  tableName: 'login_failures',
  indexes: [{ properties: ['key', 'at'] }],
  properties: {
    id: p.integer().primary(),
    /** `user:<name>` or `ip:<address>` */
    key: p.string().length(100),
    at: p.datetime(),
  },
});
export type ILoginFailure = InferEntity<typeof LoginFailure>;
