import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { IdentifierType, PublicAccountKind } from '@govdata/domain';

/**
 * 开放平台用户 (issue 16 item 3): a person or an organisation registered on the open portal. Not a staff user: its
 * own table, sessions and API keys, so no staff route can ever take it for one. The identifier is an e-mail address
 * (lower-case) or a mainland mobile number; the 开放数据使用协议 accepted is kept with its version and time.
 */
export const PublicUser = defineEntity({
  name: 'PublicUser',
  tableName: 'public_users',
  properties: {
    id: p.integer().primary(),
    kind: p.string().length(16).$type<PublicAccountKind>(),
    identifier: p.string().length(254).unique(),
    identifierType: p.string().length(8).$type<IdentifierType>(),
    /** scrypt$N$r$p$salt$hash, as staff passwords */
    passwordHash: p.string().length(200).hidden().lazy(true, false),
    displayName: p.string().length(50),
    organisationName: p.string().length(100).nullable(),
    /** 统一社会信用代码 (GB 32100-2015), organisations only */
    creditCode: p.string().length(18).nullable(),
    agreementVersion: p.string().length(40),
    agreementAcceptedAt: p.datetime(),
    disabled: p.boolean().default(false),
    createdAt: p.datetime(),
    lastLoginAt: p.datetime().nullable(),
  },
});
export type IPublicUser = InferEntity<typeof PublicUser>;

/** A public user's login session: only the SHA-256 of the cookie token is stored (its cookie is not the staff one). */
export const PublicSession = defineEntity({
  name: 'PublicSession',
  tableName: 'public_sessions',
  properties: {
    id: p.integer().primary(),
    tokenHash: p.string().length(64).unique(),
    user: () => p.manyToOne(PublicUser).ref().index(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime().index(),
    revokedAt: p.datetime().nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(300).nullable(),
  },
});
export type IPublicSession = InferEntity<typeof PublicSession>;

/**
 * 开放接口密钥: a public user's key for the open-data API. The key (32 random bytes) is shown once and stored as its
 * SHA-256: with that much entropy a slow hash adds only latency (as the gateway's client secrets).
 */
export const PublicApiKey = defineEntity({
  name: 'PublicApiKey',
  tableName: 'public_api_keys',
  properties: {
    id: p.integer().primary(),
    user: () => p.manyToOne(PublicUser).ref().index(),
    name: p.string().length(50),
    /** the key's first characters, shown to recognise it and written as the call record's client id */
    prefix: p.string().length(16).unique(),
    keyHash: p.string().length(64).unique(),
    createdAt: p.datetime(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type IPublicApiKey = InferEntity<typeof PublicApiKey>;
