import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanManageSystems,
  canManageSystems,
  NotFoundError,
  readsAllDepartments,
  type Actor,
  type SystemCredentials,
  type SystemDto,
  type SystemInput,
  type SystemStatus,
} from '@govdata/domain';
import { audit, Department, fromSqlTime, sqlAll } from '@govdata/core';
import { AppSystem, type IAppSystem } from '../entities/app-system.entity';

export interface SystemContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
}

/**
 * The secret is 32 random bytes (base64url): with that much entropy a plain SHA-256 is as safe as a slow password
 * hash, and keeps the token endpoint fast. Only the hash is stored; the secret is shown once.
 */
export const secretHash = (secret: string): string => `sha256$${createHash('sha256').update(secret, 'utf8').digest('base64')}`;

export function secretMatches(secret: string, stored: string): boolean {
  const a = Buffer.from(secretHash(secret));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

const newSecret = (): string => randomBytes(32).toString('base64url');
const newClientId = (): string => `gd_${randomBytes(10).toString('hex')}`;

export function systemDto(s: IAppSystem, departmentName: string, actor: Actor): SystemDto {
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? null,
    department: { id: s.department.id, name: departmentName },
    clientId: s.clientId,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    secretRotatedAt: s.secretRotatedAt.toISOString(),
    lastCalledAt: s.lastCalledAt?.toISOString() ?? null,
    permissions: { canManage: canManageSystems(actor, s.department.id) },
  };
}

async function departmentName(em: EntityManager, id: number): Promise<string> {
  const d = await em.findOne(Department, id, { fields: ['name'] });
  if (!d) throw new NotFoundError(`部门 ${id} 不存在`, 'department.not_found');
  return d.name;
}

/** 登记接入系统 (第四条): a department's application system gets a client id and a secret shown this once. */
export async function registerSystem(ctx: SystemContext, input: SystemInput): Promise<SystemCredentials> {
  const { em, actor, now } = ctx;
  const departmentId = input.departmentId ?? actor.departmentId;
  assertCanManageSystems(actor, departmentId);
  const name = await departmentName(em, departmentId);
  const secret = newSecret();
  const s = em.create(AppSystem, {
    department: departmentId,
    name: input.name,
    description: input.description,
    clientId: newClientId(),
    secretHash: secretHash(secret),
    status: 'active',
    createdAt: now,
    createdBy: actor.userId,
    secretRotatedAt: now,
    disabledAt: null,
    lastCalledAt: null,
  });
  await em.flush();
  audit(em, { actor, action: 'system.register', subjectType: 'app_system', subjectId: s.id, after: { name: s.name, clientId: s.clientId, departmentId }, at: now });
  await em.flush();
  return { id: s.id, clientId: s.clientId, clientSecret: secret, system: systemDto(s, name, actor) };
}

async function loadManaged(ctx: SystemContext, id: number): Promise<IAppSystem> {
  const s = await ctx.em.findOne(AppSystem, id);
  if (!s) throw new NotFoundError(`接入系统 ${id} 不存在`, 'system.not_found');
  assertCanManageSystems(ctx.actor, s.department.id);
  return s;
}

/** 重置密钥: a new secret, shown once; the old one stops working at once (tokens already issued run out within minutes). */
export async function rotateSystemSecret(ctx: SystemContext, id: number): Promise<SystemCredentials> {
  const s = await loadManaged(ctx, id);
  const secret = newSecret();
  s.secretHash = secretHash(secret);
  s.secretRotatedAt = ctx.now;
  audit(ctx.em, { actor: ctx.actor, action: 'system.rotate_secret', subjectType: 'app_system', subjectId: s.id, at: ctx.now });
  await ctx.em.flush();
  return { id: s.id, clientId: s.clientId, clientSecret: secret, system: systemDto(s, await departmentName(ctx.em, s.department.id), ctx.actor) };
}

/** 停用 / 启用: a disabled system is refused by the token endpoint and by the gateway on its very next call. */
export async function setSystemStatus(ctx: SystemContext, id: number, status: SystemStatus): Promise<SystemDto> {
  const s = await loadManaged(ctx, id);
  if (s.status !== status) {
    const before = s.status;
    s.status = status;
    s.disabledAt = status === 'disabled' ? ctx.now : null;
    audit(ctx.em, { actor: ctx.actor, action: status === 'disabled' ? 'system.disable' : 'system.enable', subjectType: 'app_system', subjectId: s.id, before: { status: before }, after: { status }, at: ctx.now });
    await ctx.em.flush();
  }
  return systemDto(s, await departmentName(ctx.em, s.department.id), ctx.actor);
}

/** The systems an actor sees: its department's, or all for the bureau and leaders. */
export async function listSystems(ctx: Pick<SystemContext, 'em' | 'actor'>, departmentId?: number): Promise<SystemDto[]> {
  const scope = readsAllDepartments(ctx.actor) ? departmentId : ctx.actor.departmentId;
  const rows = await ctx.em.find(AppSystem, scope ? { department: scope } : {}, { populate: ['department'], orderBy: { department: { sortOrder: 'asc' }, id: 'asc' } });
  const last = await lastCalls(ctx.em, rows.map((s) => s.id));
  return rows.map((s) => ({ ...systemDto(s, s.department.getEntity().name, ctx.actor), lastCalledAt: last.get(s.id) ?? s.lastCalledAt?.toISOString() ?? null }));
}

/**
 * Each system's latest call, read from the call records (the evidence; one indexed read on (system_id, at)) rather
 * than written on the system by every gateway call.
 */
async function lastCalls(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await sqlAll<{ system_id: number | string; last: unknown }>(em, `select system_id, max(at) as last from call_records where system_id in (${ids.map(() => '?').join(', ')}) group by system_id`, ids);
  return new Map(rows.filter((r) => r.last != null).map((r) => [Number(r.system_id), fromSqlTime(r.last).toISOString()]));
}
