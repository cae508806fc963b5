import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import {
  ForbiddenError,
  SESSION_POLICY,
  UnauthorizedError,
  type Actor,
  type LoginInput,
  type Me,
  type Role,
} from '@govdata/domain';
import { audit } from '../audit/audit';
import { Session } from '../entities/session.entity';
import { User, type IUser } from '../entities/user.entity';
import { fromSqlTime, sqlAll, sqlRun } from '../orm/raw';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { admitLoginAttempt, clearLoginAttempts, recordLoginFailure } from './throttle';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface Authenticated {
  actor: Actor;
  /** the user as `/api/auth/me` shows them */
  user: Me;
  sessionId: number;
}

const MINUTE = 60_000;
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function actorOf(user: IUser): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    departmentId: user.department.id,
  };
}

/** When a security event happens: `real` (sessions, throttles) and the business `now` (the audit row's `at`). */
export interface SecurityTimes {
  now: Date;
  real: Date;
}

/**
 * Checks the password and opens a session. Attempts are throttled per account and client, per client, and slowed
 * per account (./throttle.ts, 429 with Retry-After). Unknown users take the same time as wrong passwords.
 * Sessions and throttles run on real time.
 */
export async function login(em: EntityManager, input: LoginInput, client: ClientInfo, times: SecurityTimes): Promise<{ token: string; authenticated: Authenticated }> {
  const { now, real } = times;
  await admitLoginAttempt(em, input.username, client.ip, real);

  const user = await em.findOne(User, { username: input.username }, { populate: ['passwordHash', 'department'] });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await recordLoginFailure(em, input.username, client.ip, real);
    audit(em, { actor: null, systemName: 'anonymous', action: 'auth.login_failed', subjectType: 'user', subjectId: input.username, ip: client.ip, at: now });
    await em.flush();
    throw new UnauthorizedError('用户名或密码错误', 'auth.invalid_credentials');
  }
  if (user.disabled) {
    audit(em, { actor: actorOf(user), action: 'auth.login_refused_disabled', subjectType: 'user', subjectId: user.id, ip: client.ip, at: now });
    await em.flush();
    throw new ForbiddenError('该账号已停用，请联系平台管理员（政务信息管理局）', 'auth.disabled');
  }

  const token = randomBytes(32).toString('base64url');
  const session = em.create(Session, {
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
  await clearLoginAttempts(em, input.username, client.ip);
  audit(em, { actor: actorOf(user), action: 'auth.login', subjectType: 'user', subjectId: user.id, ip: client.ip, at: now });
  await em.flush();
  const department = user.department.getEntity();
  const me: Me = { id: user.id, username: user.username, displayName: user.displayName, roles: [...user.roles], department: { id: department.id, code: department.code, name: department.name } };
  return { token, authenticated: { actor: actorOf(user), user: me, sessionId: session.id } };
}

/**
 * Resolves a session cookie to its user, or null when it is unknown, revoked, expired or idle too long.
 * `now` is real time (createRealClock), never the business clock.
 */
export async function authenticate(em: EntityManager, token: string, now: Date): Promise<Authenticated | null> {
  // every authenticated request passes here: one bound SQL statement, no entity hydration (bench:api)
  const [row] = await sqlAll<Record<string, unknown>>(
    em,
    'select s.id, s.last_seen_at, s.expires_at, s.revoked_at, u.id as user_id, u.username, u.display_name, u.roles, u.disabled, d.id as department_id, d.code as department_code, d.name as department_name' +
      ' from sessions s join users u on u.id = s.user_id join departments d on d.id = u.department_id where s.token_hash = ?',
    [hashToken(token)],
  );
  if (!row || row.revoked_at != null) return null;
  const lastSeenAt = fromSqlTime(row.last_seen_at);
  const idleLimit = lastSeenAt.getTime() + SESSION_POLICY.idleMinutes * MINUTE;
  if (now.getTime() >= fromSqlTime(row.expires_at).getTime() || now.getTime() >= idleLimit) return null;
  if (row.disabled === true || Number(row.disabled) === 1) return null;
  if (now.getTime() - lastSeenAt.getTime() > MINUTE) await sqlRun(em, 'update sessions set last_seen_at = ? where id = ?', [now, Number(row.id)]);
  const roles = (typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles) as Role[];
  const user: Me = {
    id: Number(row.user_id),
    username: String(row.username),
    displayName: String(row.display_name),
    roles,
    department: { id: Number(row.department_id), code: String(row.department_code), name: String(row.department_name) },
  };
  return { actor: { userId: user.id, username: user.username, displayName: user.displayName, roles: [...roles], departmentId: user.department.id }, user, sessionId: Number(row.id) };
}

export async function logout(em: EntityManager, auth: Authenticated, client: ClientInfo, times: SecurityTimes): Promise<void> {
  const { now, real } = times;
  await em.nativeUpdate(Session, { id: auth.sessionId }, { revokedAt: real });
  audit(em, { actor: auth.actor, action: 'auth.logout', subjectType: 'user', subjectId: auth.actor.userId, ip: client.ip, at: now });
  await em.flush();
}

/** Ends every open session of a user (disabled, password changed); `real` is real time. */
export async function revokeSessions(em: EntityManager, userId: number, real: Date): Promise<number> {
  return em.nativeUpdate(Session, { user: userId, revokedAt: null }, { revokedAt: real });
}
