import { raw, type FilterQuery } from '@mikro-orm/core';
import {
  assertOwnDepartment,
  ConflictError,
  hasRole,
  isBureau,
  NotFoundError,
  RuleViolationError,
  type DesignateAgentInput,
  type ShareAgentDto,
} from '@govdata/domain';
import { audit, containsText, departmentSummary, type IUser, notify, User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { ShareAgent, type IShareAgent } from './entities/share-grant.entity';
import type { ShareContext } from './common';

export const agentDto = (a: IShareAgent): ShareAgentDto => {
  const user = a.user.getEntity();
  const entry = a.entry?.getEntity() ?? null;
  return {
    id: a.id,
    provider: departmentSummary(a.provider.getEntity()),
    user: { id: user.id, username: user.username, displayName: user.displayName, department: departmentSummary(user.department.getEntity()) },
    entry: entry ? { id: entry.id, code: entry.code, name: entry.name } : null,
    createdAt: a.createdAt.toISOString(),
    createdBy: a.createdByName,
  };
};

const POPULATE = ['provider', 'user', 'user.department', 'entry'] as const;

/**
 * 授权代理方 designations (第十六条(一)): a department's data officer sees its own; an agent sees what it acts for;
 * the bureau and leaders see all (or one department's).
 */
export async function listShareAgents(ctx: ShareContext, departmentId?: number): Promise<ShareAgentDto[]> {
  const { em, actor } = ctx;
  const ors: FilterQuery<IShareAgent>[] = [];
  if (isBureau(actor) || hasRole(actor, 'leader')) ors.push(departmentId ? { provider: departmentId } : {});
  else {
    if (hasRole(actor, 'dept_admin')) ors.push({ provider: actor.departmentId });
    if (hasRole(actor, 'dept_agent')) ors.push({ user: actor.userId });
  }
  if (!ors.length) return [];
  const rows = await em.find(ShareAgent, { $or: ors }, { populate: POPULATE, orderBy: { provider: { sortOrder: 'asc' }, user: { id: 'asc' }, id: 'asc' } });
  return rows.map(agentDto);
}

/** Users who can be designated: active holders of the 授权代理方 role, of any department. */
export async function agentCandidates(ctx: ShareContext, q?: string) {
  const where: FilterQuery<IUser> = { disabled: false, [raw((a) => `cast(${a}.roles as text)`)]: { $like: '%"dept_agent"%' } };
  if (q) Object.assign(where, { $or: [{ username: containsText(ctx.em, q) }, { displayName: containsText(ctx.em, q) }] });
  const users = await ctx.em.find(User, where, { populate: ['department'], orderBy: { id: 'asc' }, limit: 100 });
  return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, department: departmentSummary(u.department.getEntity()) }));
}

/**
 * The provider's data officer designates an agent for all its entries (entryIds empty) or some of them. The agent's
 * replies then count as the provider's. Designating what already exists is refused (409).
 */
export async function designateAgent(ctx: ShareContext, input: DesignateAgentInput): Promise<ShareAgentDto[]> {
  const { em, actor, now } = ctx;
  const providerId = actor.departmentId;
  const user = await em.findOne(User, input.userId, { populate: ['department'] });
  if (!user || user.disabled) throw new RuleViolationError(`用户 ${input.userId} 不存在或已停用`, 'share_agent.user_not_found');
  if (!user.roles.includes('dept_agent')) {
    throw new RuleViolationError(`用户“${user.displayName}”没有“授权代理方”角色，请先由平台管理员为其开通该角色`, 'share_agent.not_agent_role');
  }
  const entryIds = input.entryIds;
  if (entryIds.length) {
    const entries = await em.find(CatalogEntry, { id: { $in: entryIds } }, { fields: ['id', 'provider'] });
    const foreign = entryIds.filter((id) => !entries.some((e) => e.id === id && e.provider.id === providerId));
    if (foreign.length) throw new RuleViolationError(`只能为本部门的资源指定代理方，以下资源不属于本部门：${foreign.join('、')}`, 'share_agent.foreign_entry');
  }
  const keys = entryIds.length ? entryIds.map(String) : ['all'];
  const existing = await em.find(ShareAgent, { provider: providerId, user: user.id, scopeKey: { $in: keys } });
  if (existing.length) throw new ConflictError(`“${user.displayName}”已是所选资源的授权代理方`, 'share_agent.duplicate');
  const created = keys.map((k) => em.create(ShareAgent, { provider: providerId, user, entry: k === 'all' ? null : Number(k), scopeKey: k, createdBy: actor.userId, createdByName: actor.displayName, createdAt: now }));
  await em.flush();
  for (const a of created) {
    audit(em, { actor, action: 'share_agent.designate', subjectType: 'share_agent', subjectId: a.id, after: { providerId, userId: user.id, entryId: a.entry?.id ?? null }, at: now });
  }
  await em.populate(created, POPULATE);
  const scope = entryIds.length ? `${entryIds.length} 个资源` : '全部资源';
  await notify(em, [user.id], { kind: 'share_agent.designated', title: `您被指定为授权代理方：${created[0].provider.getEntity().name}`, body: `${created[0].provider.getEntity().name}指定您为其${scope}的共享申请审核代理方（第十六条第（一）项），您的审核结果视同该部门的审核结果。`, link: '/share/todo', subjectType: 'share_agent', subjectId: created[0].id }, now);
  await em.flush();
  return created.map(agentDto);
}

/** Ends a designation: the provider's data officer or the bureau. */
export async function removeShareAgent(ctx: ShareContext, id: number): Promise<void> {
  const { em, actor, now } = ctx;
  const a = await em.findOne(ShareAgent, id, { populate: POPULATE });
  if (!a) throw new NotFoundError(`代理指定 ${id} 不存在`, 'share_agent.not_found');
  assertOwnDepartment(actor, a.provider.id, '其他部门的代理指定');
  audit(em, { actor, action: 'share_agent.remove', subjectType: 'share_agent', subjectId: a.id, before: { providerId: a.provider.id, userId: a.user.id, entryId: a.entry?.id ?? null }, at: now });
  await notify(em, [a.user.id], { kind: 'share_agent.removed', title: `授权代理已取消：${a.provider.getEntity().name}`, body: `${a.provider.getEntity().name}取消了您对${a.entry ? `资源「${a.entry.getEntity().name}」` : '全部资源'}的审核代理。`, link: null, subjectType: 'share_agent', subjectId: a.id }, now);
  em.remove(a);
  await em.flush();
}
