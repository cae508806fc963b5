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

/**
 * Login throttle counters, one row per key, counted atomically in the database (an upsert that returns the new
 * count), so simultaneous attempts on several API processes cannot all pass one check (issue 18 item 4).
 * Keys: `pair:<username>|<client>` counts attempts in a fixed window, `client:<client>` failures over all
 * accounts, and `account:<username>` failures and holds the time before which the account's next attempt is refused (slowing).
 */
export const LoginThrottle = defineEntity({
  name: 'LoginThrottle',
  tableName: 'login_throttles',
  properties: {
    key: p.string().length(200).primary(),
    windowStart: p.datetime(),
    count: p.integer(),
    /** account keys: no attempt before this time (real time) */
    nextAt: p.datetime().nullable(),
  },
});
export type ILoginThrottle = InferEntity<typeof LoginThrottle>;
