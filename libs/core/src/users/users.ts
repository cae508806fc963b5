import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  type Actor,
  type CreateUserInput,
  type Page,
  type UpdateUserInput,
  type UserDto,
  type UserQuery,
} from '@govdata/domain';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import { assertAcceptablePassword } from '../auth/password-policy';
import { revokeSessions } from '../auth/sessions';
import { departmentSummary } from '../departments/departments';
import { Department } from '../entities/department.entity';
import { User, type IUser } from '../entities/user.entity';
import { containsText } from '../orm/sql';

export function userDto(u: IUser): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    department: departmentSummary(u.department.getEntity()),
    roles: [...u.roles],
    phone: u.phone ?? null,
    email: u.email ?? null,
    disabled: u.disabled,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** What an audit event records of a user: never the password hash. */
const snapshot = (u: IUser) => {
  const { lastLoginAt: _l, createdAt: _c, ...rest } = userDto(u);
  return rest;
};

export async function listUsers(em: EntityManager, query: UserQuery): Promise<Page<UserDto>> {
  const where: FilterQuery<IUser> = {};
  if (query.departmentId) where.department = query.departmentId;
  if (query.disabled !== undefined) where.disabled = query.disabled;
  if (query.q) {
    const like = containsText(em, query.q);
    where.$or = [{ username: like }, { displayName: like }];
  }
  // roles is a JSON array: match its text, which reads the same on SQLite (json) and PostgreSQL (jsonb)
  if (query.role) Object.assign(where, { [raw((alias) => `cast(${alias}.roles as text)`)]: { $like: `%"${query.role}"%` } });
  const [rows, total] = await em.findAndCount(User, where, {
    populate: ['department'],
    orderBy: { id: 'asc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(userDto), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(em: EntityManager, id: number): Promise<IUser> {
  const u = await em.findOne(User, id, { populate: ['department'] });
  if (!u) throw new NotFoundError(`用户 ${id} 不存在`, 'user.not_found');
  return u;
}

async function requireDepartment(em: EntityManager, id: number) {
  const d = await em.findOne(Department, id);
  if (!d) throw new RuleViolationError(`所属部门 ${id} 不存在`, 'user.department_not_found');
  return d;
}

/** `production` refuses the published demo password too (assertAcceptablePassword). */
export async function createUser(em: EntityManager, actor: Actor | null, input: CreateUserInput, now: Date, options: { production: boolean } = { production: true }): Promise<UserDto> {
  if (await em.findOne(User, { username: input.username })) throw new ConflictError(`用户名“${input.username}”已被使用`, 'user.duplicate_username');
  await assertAcceptablePassword(input.password, input, options);
  const department = await requireDepartment(em, input.departmentId);
  const user = em.create(User, {
    username: input.username,
    displayName: input.displayName,
    department,
    roles: [...new Set(input.roles)],
    passwordHash: await hashPassword(input.password),
    phone: input.phone ?? null,
    email: input.email ?? null,
    disabled: false,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  audit(em, { actor, systemName: 'create-admin', action: 'user.create', subjectType: 'user', subjectId: user.id, after: snapshot(user), at: now });
  await em.flush();
  return userDto(user);
}

/** `realNow` (real time) stamps the end of the user's sessions when they are disabled or get a new password. */
export async function updateUser(
  em: EntityManager,
  actor: Actor,
  id: number,
  patch: UpdateUserInput,
  now: Date,
  realNow: Date = now,
  options: { production: boolean } = { production: true },
): Promise<UserDto> {
  const user = await getUser(em, id);
  if (patch.password) await assertAcceptablePassword(patch.password, { username: user.username, displayName: patch.displayName ?? user.displayName }, options);
  const before = snapshot(user);
  if (actor.userId === id && (patch.disabled === true || (patch.roles && !patch.roles.includes('bureau_admin') && user.roles.includes('bureau_admin')))) {
    throw new RuleViolationError('不能停用自己的账号或取消自己的平台管理员角色', 'user.self_lockout');
  }
  const { password, departmentId, roles, ...fields } = patch;
  if (departmentId !== undefined) user.department = (await requireDepartment(em, departmentId)) as never;
  if (roles) user.roles = [...new Set(roles)];
  em.assign(user, fields);
  if (password) user.passwordHash = await hashPassword(password);
  user.updatedAt = now;
  if (patch.disabled === true || password) await revokeSessions(em, id, realNow);
  const after = snapshot(user);
  const action = patch.disabled === true && !before.disabled ? 'user.disable' : patch.disabled === false && before.disabled ? 'user.enable' : 'user.update';
  audit(em, { actor, action, subjectType: 'user', subjectId: id, before, after: { ...after, ...(password ? { passwordChanged: true } : {}) }, at: now });
  await em.flush();
  return userDto(user);
}
