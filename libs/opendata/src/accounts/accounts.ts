import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  ForbiddenError,
  identifierTypeOf,
  NotFoundError,
  PUBLIC_KEY_POLICY,
  SESSION_POLICY,
  TooManyRequestsError,
  UnauthorizedError,
  type ApiKeyDto,
  type CreateApiKeyInput,
  type CreatedApiKeyDto,
  type PublicLoginInput,
  type PublicMeDto,
  type PublicRegisterInput,
} from '@govdata/domain';
import {
  admitLoginAttempt,
  assertAcceptablePassword,
  audit,
  clearLoginAttempts,
  dummyPasswordHash,
  fromSqlTime,
  hashPassword,
  hashToken,
  recordLoginFailure,
  sqlAll,
  sqlRun,
  verifyPassword,
  type ClientInfo,
  type SecurityTimes,
} from '@govdata/core';
import { PublicApiKey, PublicSession, PublicUser, type IPublicApiKey, type IPublicUser } from '../entities/public-account.entity';

const MINUTE = 60_000;

/** A public user's resolved session (the portal's `req.publicAuth`). */
export interface PublicAuthenticated {
  userId: number;
  sessionId: number;
  displayName: string;
}

/** The throttle keys of public logins never meet a staff username (those cannot contain a colon). */
const throttleName = (identifier: string) => `p:${identifier}`.slice(0, 64);
/** the audit row's actor for a public user: not a staff user, named by id */
export const publicActorName = (u: { id: number; displayName: string }) => `开放平台用户 ${u.displayName}(#${u.id})`;

export function publicMe(u: IPublicUser): PublicMeDto {
  return {
    id: u.id,
    kind: u.kind,
    identifier: u.identifier,
    identifierType: u.identifierType,
    displayName: u.displayName,
    organisationName: u.organisationName ?? null,
    creditCode: u.creditCode ?? null,
    agreement: { version: u.agreementVersion, acceptedAt: u.agreementAcceptedAt.toISOString() },
    createdAt: u.createdAt.toISOString(),
  };
}

/** Registrations per client address in the login throttle's window: enough for an office, not for a script. */
export const REGISTRATIONS_PER_CLIENT = 20;
const REGISTER_WINDOW_MS = 15 * MINUTE;

async function admitRegistration(em: EntityManager, client: string | null, real: Date): Promise<void> {
  const key = `register:${(client ?? 'unknown').slice(0, 64)}`;
  const expired = new Date(real.getTime() - REGISTER_WINDOW_MS);
  const [row] = await sqlAll<{ count: number | string; window_start: unknown }>(
    em,
    'insert into login_throttles (key, window_start, count, next_at) values (?, ?, 1, null) on conflict (key) do update set ' +
      'count = case when login_throttles.window_start <= ? then 1 else login_throttles.count + 1 end, ' +
      'window_start = case when login_throttles.window_start <= ? then excluded.window_start else login_throttles.window_start end ' +
      'returning count, window_start',
    [key, real, expired, expired],
  );
  if (Number(row.count) > REGISTRATIONS_PER_CLIENT) {
    const wait = Math.ceil((fromSqlTime(row.window_start).getTime() + REGISTER_WINDOW_MS - real.getTime()) / 1000);
    throw new TooManyRequestsError(`注册过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试`, Math.max(1, wait), 'public_user.register_throttled');
  }
}

async function openSession(em: EntityManager, user: IPublicUser, client: ClientInfo, real: Date): Promise<{ token: string; session: { id: number } }> {
  const token = randomBytes(32).toString('base64url');
  const session = em.create(PublicSession, {
    tokenHash: hashToken(token),
    user,
    createdAt: real,
    lastSeenAt: real,
    expiresAt: new Date(real.getTime() + SESSION_POLICY.absoluteHours * 60 * MINUTE),
    revokedAt: null,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  user.lastLoginAt = real;
  await em.flush();
  return { token, session };
}

/**
 * 注册 (issue 16 item 3): the password under the staff policy (schema, then zxcvbn and the identifier), the
 * identifier unique (409), the 开放数据使用协议's version and time kept. Registrations are counted per client
 * (429 past REGISTRATIONS_PER_CLIENT in 15 minutes). Opens a session: the new user is logged in.
 * `transactional: false` callers: the throttle count stays even when the registration fails.
 */
export async function registerPublicUser(em: EntityManager, input: PublicRegisterInput, client: ClientInfo, times: SecurityTimes, options: { production: boolean }): Promise<{ token: string; me: PublicMeDto }> {
  await admitRegistration(em, client.ip, times.real);
  const localPart = input.identifier.split('@')[0] ?? input.identifier;
  await assertAcceptablePassword(input.password, { username: localPart, displayName: input.displayName }, options);
  return em.transactional(async (tx) => {
    // the unique index decides between simultaneous registrations; this check words the common case
    if (await tx.count(PublicUser, { identifier: input.identifier })) {
      throw new ConflictError('该邮箱或手机号已注册，请直接登录；忘记密码请联系平台运维', 'public_user.exists');
    }
    const user = tx.create(PublicUser, {
      kind: input.kind,
      identifier: input.identifier,
      identifierType: identifierTypeOf(input.identifier) ?? 'email',
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      organisationName: input.kind === 'organisation' ? (input.organisationName ?? null) : null,
      creditCode: input.kind === 'organisation' ? (input.creditCode ?? null) : null,
      agreementVersion: input.agreementVersion,
      agreementAcceptedAt: times.now,
      disabled: false,
      createdAt: times.now,
      lastLoginAt: null,
    });
    await tx.flush();
    audit(tx, {
      actor: null,
      systemName: publicActorName(user),
      action: 'public_user.register',
      subjectType: 'public_user',
      subjectId: user.id,
      after: { kind: user.kind, identifierType: user.identifierType, organisationName: user.organisationName, creditCode: user.creditCode, agreementVersion: user.agreementVersion },
      ip: client.ip,
      at: times.now,
    });
    const { token } = await openSession(tx, user, client, times.real);
    return { token, me: publicMe(user) };
  });
}

/**
 * 登录 for public users: the staff login's throttles (per identifier and client, per client, slowing per identifier)
 * on keys of their own; unknown identifiers take the time of a wrong password.
 */
export async function loginPublicUser(em: EntityManager, input: PublicLoginInput, client: ClientInfo, times: SecurityTimes): Promise<{ token: string; me: PublicMeDto }> {
  const identifier = input.identifier.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '').toLowerCase();
  const name = throttleName(identifier);
  await admitLoginAttempt(em, name, client.ip, times.real);
  const user = await em.findOne(PublicUser, { identifier }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await recordLoginFailure(em, name, client.ip, times.real);
    throw new UnauthorizedError('邮箱/手机号或密码错误', 'public_user.invalid_credentials');
  }
  if (user.disabled) throw new ForbiddenError('该账号已停用，请联系开放平台运维', 'public_user.disabled');
  await clearLoginAttempts(em, name, client.ip);
  audit(em, { actor: null, systemName: publicActorName(user), action: 'public_user.login', subjectType: 'public_user', subjectId: user.id, ip: client.ip, at: times.now });
  const { token } = await openSession(em, user, client, times.real);
  return { token, me: publicMe(user) };
}

/** Resolves a public session cookie, or null (unknown, revoked, expired, idle, disabled). `now` is real time. */
export async function authenticatePublic(em: EntityManager, token: string, now: Date): Promise<PublicAuthenticated | null> {
  const [row] = await sqlAll<Record<string, unknown>>(
    em,
    'select s.id, s.last_seen_at, s.expires_at, s.revoked_at, u.id as user_id, u.display_name, u.disabled from public_sessions s join public_users u on u.id = s.user_id where s.token_hash = ?',
    [hashToken(token)],
  );
  if (!row || row.revoked_at != null) return null;
  const lastSeenAt = fromSqlTime(row.last_seen_at);
  if (now.getTime() >= fromSqlTime(row.expires_at).getTime() || now.getTime() >= lastSeenAt.getTime() + SESSION_POLICY.idleMinutes * MINUTE) return null;
  if (row.disabled === true || Number(row.disabled) === 1) return null;
  if (now.getTime() - lastSeenAt.getTime() > MINUTE) await sqlRun(em, 'update public_sessions set last_seen_at = ? where id = ?', [now, Number(row.id)]);
  return { userId: Number(row.user_id), sessionId: Number(row.id), displayName: String(row.display_name) };
}

export async function logoutPublicUser(em: EntityManager, auth: PublicAuthenticated, real: Date): Promise<void> {
  await em.nativeUpdate(PublicSession, { id: auth.sessionId }, { revokedAt: real });
}

export async function publicUserMe(em: EntityManager, auth: PublicAuthenticated): Promise<PublicMeDto> {
  return publicMe(await em.findOneOrFail(PublicUser, auth.userId));
}

const keyDto = (k: IPublicApiKey): ApiKeyDto => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** API key format: `ok_` + 43 base64url characters (32 random bytes); the first 11 characters are its prefix. */
export const API_KEY_PATTERN = /^ok_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 11;

export async function listApiKeys(em: EntityManager, auth: PublicAuthenticated): Promise<ApiKeyDto[]> {
  return (await em.find(PublicApiKey, { user: auth.userId }, { orderBy: { id: 'desc' } })).map(keyDto);
}

/** Issues a key: shown once in the answer, stored as its SHA-256. At most PUBLIC_KEY_POLICY.maxActiveKeys live keys. */
export async function createApiKey(em: EntityManager, auth: PublicAuthenticated, input: CreateApiKeyInput, now: Date, real: Date): Promise<CreatedApiKeyDto> {
  const live = await em.count(PublicApiKey, { user: auth.userId, revokedAt: null });
  if (live >= PUBLIC_KEY_POLICY.maxActiveKeys) throw new ConflictError(`最多同时持有 ${PUBLIC_KEY_POLICY.maxActiveKeys} 个有效密钥，请先停用不用的密钥`, 'api_key.too_many');
  const key = `ok_${randomBytes(32).toString('base64url')}`;
  const row = em.create(PublicApiKey, { user: auth.userId, name: input.name, prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashToken(key), createdAt: real, lastUsedAt: null, revokedAt: null });
  await em.flush();
  audit(em, { actor: null, systemName: `开放平台用户 #${auth.userId}`, action: 'api_key.create', subjectType: 'public_api_key', subjectId: row.id, after: { name: row.name, prefix: row.prefix }, at: now });
  return { key, apiKey: keyDto(row) };
}

/** Revokes one of the user's own keys: the next call with it is refused. Another user's key reads as not found. */
export async function revokeApiKey(em: EntityManager, auth: PublicAuthenticated, id: number, now: Date, real: Date): Promise<ApiKeyDto> {
  const row = await em.findOne(PublicApiKey, { id, user: auth.userId });
  if (!row) throw new NotFoundError(`密钥 ${id} 不存在`, 'api_key.not_found');
  if (!row.revokedAt) {
    row.revokedAt = real;
    audit(em, { actor: null, systemName: `开放平台用户 #${auth.userId}`, action: 'api_key.revoke', subjectType: 'public_api_key', subjectId: row.id, at: now });
    await em.flush();
  }
  return keyDto(row);
}

/** The key a request presents (`Authorization: Bearer ok_…` or `X-API-Key: ok_…`), or null when it presents none. */
export function presentedKey(headers: { authorization?: string; 'x-api-key'?: string | string[] }): string | null {
  const direct = headers['x-api-key'];
  if (typeof direct === 'string' && direct.length) return direct.trim();
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  return null;
}

/** Resolves an API key to its live row and user; 401 naming what is wrong otherwise. */
export async function authenticateApiKey(em: EntityManager, key: string | null): Promise<{ keyId: number; userId: number; prefix: string }> {
  if (!key) throw new UnauthorizedError('请在请求头中提供开放接口密钥：Authorization: Bearer ok_…（在开放门户“我的账户”中创建）', 'api_key.missing');
  if (!API_KEY_PATTERN.test(key)) throw new UnauthorizedError('开放接口密钥格式不正确（应为 ok_ 开头的 46 位字符）', 'api_key.invalid');
  const [row] = await sqlAll<{ id: number | string; user_id: number | string; prefix: string; revoked_at: unknown; disabled: unknown }>(
    em,
    'select k.id, k.user_id, k.prefix, k.revoked_at, u.disabled from public_api_keys k join public_users u on u.id = k.user_id where k.key_hash = ?',
    [hashToken(key)],
  );
  if (!row) throw new UnauthorizedError('开放接口密钥无效', 'api_key.invalid');
  if (row.revoked_at != null) throw new UnauthorizedError('该开放接口密钥已停用', 'api_key.revoked');
  if (row.disabled === true || Number(row.disabled) === 1) throw new UnauthorizedError('该账号已停用', 'api_key.user_disabled');
  return { keyId: Number(row.id), userId: Number(row.user_id), prefix: row.prefix };
}

/** Marks a key used (at most once a minute per key: a busy key does not write on every call). */
export async function touchApiKey(em: EntityManager, keyId: number, real: Date): Promise<void> {
  await sqlRun(em, 'update public_api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)', [real, keyId, new Date(real.getTime() - MINUTE)]);
}
