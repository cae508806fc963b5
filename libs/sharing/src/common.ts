import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanRead,
  NotFoundError,
  partiesOf,
  type Actor,
  type AgentScope,
  type PartyResolution,
  type ShareParty,
} from '@govdata/domain';
import { type CalendarHolder, departmentRecipients, placeholders, roleRecipients, sqlAll } from '@govdata/core';
import { CatalogDedicatedDepartment, CatalogEntry, CatalogItem, type ICatalogEntry } from '@govdata/catalog';
import { ShareAgent } from './entities/share-grant.entity';
import { ShareRequest, type IShareRequest } from './entities/share-request.entity';

/** What every sharing service works with: the request's EntityManager (inside its transaction for writes), who acts, when, and the working-day calendar. */
export interface ShareContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
  calendar: CalendarHolder;
}

/** The delegations (第十六条(一)) a user holds. */
export async function agentScopes(em: EntityManager, userId: number): Promise<AgentScope[]> {
  // read on every request list and request page: bound SQL, no entities
  const rows = await sqlAll<{ provider_id: number; entry_id: number | null }>(em, 'select provider_id, entry_id from share_agents where user_id = ?', [userId]);
  return rows.map((r) => ({ providerId: Number(r.provider_id), entryId: r.entry_id == null ? null : Number(r.entry_id) }));
}

export const sidesOf = (r: IShareRequest) => ({ requesterId: r.requester.id, providerId: r.provider.id, entryId: r.entry.id });

export async function loadRequest(em: EntityManager, id: number): Promise<IShareRequest> {
  const r = await em.findOne(ShareRequest, id, { populate: ['entry', 'requester', 'provider'] });
  if (!r) throw new NotFoundError(`共享申请 ${id} 不存在`, 'share_request.not_found');
  return r;
}

/** Loads a request the actor may read, with the actor's sides of it. */
export async function loadReadable(ctx: Pick<ShareContext, 'em' | 'actor'>, id: number): Promise<{ request: IShareRequest; resolution: PartyResolution }> {
  const request = await loadRequest(ctx.em, id);
  const scopes = await agentScopes(ctx.em, ctx.actor.userId);
  return { request, resolution: assertCanRead(ctx.actor, sidesOf(request), scopes) };
}

/** The actor's sides of a request, for acting on it (no read check: the state machine refuses non-parties). */
export async function resolveParties(ctx: Pick<ShareContext, 'em' | 'actor'>, request: IShareRequest): Promise<PartyResolution> {
  return partiesOf(ctx.actor, sidesOf(request), await agentScopes(ctx.em, ctx.actor.userId));
}

export interface EntryForSharing {
  entry: ICatalogEntry;
  /** current (not removed) items by id */
  items: Map<number, string>;
  dedicatedIds: number[];
}

export async function loadEntryForSharing(em: EntityManager, entryId: number): Promise<EntryForSharing> {
  const entry = await em.findOne(CatalogEntry, entryId, { populate: ['provider'] });
  if (!entry) throw new NotFoundError(`资源 ${entryId} 不存在`, 'share_request.entry_not_found');
  const items = await em.find(CatalogItem, { entry: entryId, removedAt: null }, { orderBy: { position: 'asc' } });
  const dedicated = entry.dedicated ? await em.find(CatalogDedicatedDepartment, { entry: entryId }) : [];
  return { entry, items: new Map(items.map((i) => [i.id, i.name])), dedicatedIds: dedicated.map((d) => d.department.id) };
}

/** Names of items by id, removed ones included: ids are stable, so an old request still reads right. */
export async function itemNames(em: EntityManager, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows = await sqlAll<{ id: number; name: string }>(em, `select id, name from catalog_items where id in (${placeholders(unique.length)})`, unique);
  return new Map(rows.map((i) => [Number(i.id), String(i.name)]));
}

/**
 * The people of a party of a request: the data officers of the requester or the provider (plus the provider's
 * agents for that entry), or every bureau admin. The one who acted is never told about their own act.
 */
export async function partyRecipients(em: EntityManager, request: IShareRequest, party: ShareParty): Promise<number[]> {
  if (party === 'bureau') return roleRecipients(em, ['bureau_admin']);
  if (party === 'requester') return departmentRecipients(em, request.requester.id, ['dept_admin', 'bureau_admin']);
  const officers = await departmentRecipients(em, request.provider.id, ['dept_admin', 'bureau_admin']);
  const agents = await em.find(ShareAgent, { provider: request.provider.id, $or: [{ entry: null }, { entry: request.entry.id }] }, { fields: ['user'] });
  return [...officers, ...agents.map((a) => a.user.id)];
}
