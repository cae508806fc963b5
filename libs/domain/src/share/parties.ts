import { ForbiddenError, RuleViolationError } from '../errors';
import { hasRole, isBureau, type Actor } from '../roles';
import type { ShareType } from '../catalog';
import type { ShareParty } from './enums';

/** 授权代理 (第十六条(一)): the user answers for the provider, for one entry or (entryId null) all its entries. */
export interface AgentScope {
  providerId: number;
  entryId: number | null;
}

export interface RequestSides {
  requesterId: number;
  providerId: number;
  entryId: number;
}

/** Whether an agent scope covers an entry of a provider. */
export const scopeCovers = (scopes: readonly AgentScope[], providerId: number, entryId: number): boolean =>
  scopes.some((s) => s.providerId === providerId && (s.entryId === null || s.entryId === entryId));

export interface PartyResolution {
  parties: ShareParty[];
  /** set when the user is the provider only as its agent: the reply is recorded as made on the provider's behalf */
  onBehalfOfProviderId: number | null;
}

/**
 * Which sides of a request a user is on. A department's data officer is the requester or the provider of its own
 * department's requests; an agent is the provider for the entries delegated to it; the bureau is the bureau (and a
 * requester or provider of its own department's requests). Leaders are on no side.
 */
export function partiesOf(actor: Actor, sides: RequestSides, scopes: readonly AgentScope[]): PartyResolution {
  const parties: ShareParty[] = [];
  const officer = hasRole(actor, 'dept_admin', 'bureau_admin');
  if (officer && actor.departmentId === sides.requesterId) parties.push('requester');
  let onBehalf: number | null = null;
  if (officer && actor.departmentId === sides.providerId) parties.push('provider');
  else if (hasRole(actor, 'dept_agent') && scopeCovers(scopes, sides.providerId, sides.entryId)) {
    parties.push('provider');
    onBehalf = sides.providerId;
  }
  if (isBureau(actor)) parties.push('bureau');
  return { parties, onBehalfOfProviderId: onBehalf };
}

/**
 * Who may read a request: its parties, the bureau, and the leadership group (read-only, 第四条). Everyone else gets
 * 404-like silence from lists and 403 here.
 */
export function assertCanRead(actor: Actor, sides: RequestSides, scopes: readonly AgentScope[]): PartyResolution {
  const r = partiesOf(actor, sides, scopes);
  if (r.parties.length > 0 || hasRole(actor, 'leader')) return r;
  throw new ForbiddenError('无权查看该共享申请：仅申请部门、提供部门（含其授权代理方）和平台管理员可以查看', 'share_request.not_party');
}

export interface RequestableEntry {
  id: number;
  name: string;
  status: string;
  providerId: number;
  shareType: ShareType;
  noShareReason: string | null;
  noShareBasis: string | null;
  dedicated: boolean;
  /** 下线 (第十九条): the replacement of a retiring or retired entry */
  replacedById?: number | null;
}

/**
 * Whether a department may request an entry through the workflow (第十五条): the entry must be published and
 * belong to another department; a 不予共享 resource is refused with the provider's stated reasons (第十三条(三)) —
 * the requester may only ask the bureau to coordinate; a department on a 专用 list needs no request (第十六条(三)).
 */
export function assertRequestable(entry: RequestableEntry, requesterId: number, dedicatedIds: readonly number[]): void {
  if (entry.status !== 'published' && entry.replacedById) {
    throw new RuleViolationError(
      `资源“${entry.name}”${entry.status === 'retired' ? '已下线' : '正在下线过渡期'}，不再受理新的共享申请，请改为申请其替代资源（资源编号 ${entry.replacedById}，第十九条）`,
      'share_request.entry_retiring',
      { entryId: entry.id, replacementEntryId: entry.replacedById },
    );
  }
  if (entry.status !== 'published') {
    throw new RuleViolationError(`资源“${entry.name}”不是已发布状态（下线过渡中或已下线的资源不能再申请）`, 'share_request.entry_not_published');
  }
  if (entry.providerId === requesterId) throw new RuleViolationError('这是本部门的资源，无需申请共享', 'share_request.own_entry');
  if (entry.dedicated && dedicatedIds.includes(requesterId)) {
    throw new RuleViolationError(`本部门在资源“${entry.name}”的专用部门名单内，无需申请，可直接开通使用（第十六条第（三）项）`, 'share_request.dedicated', { entryId: entry.id });
  }
  if (entry.shareType === 'none') {
    throw new RuleViolationError(
      `资源“${entry.name}”为不予共享类，不能申请。提供部门说明的理由：${entry.noShareReason ?? '（未填写）'}；依据：${entry.noShareBasis ?? '（未填写）'}。如确因履职需要使用，可申请政务信息管理局协调（第十五条第（三）项）`,
      'share_request.not_shared',
      { entryId: entry.id, noShareReason: entry.noShareReason, noShareBasis: entry.noShareBasis },
    );
  }
}

/** The share actions a user may start from an entry's page: request it, open it as a 专用 department, or ask for coordination. */
export interface EntryShareActions {
  /** 申请共享 (第十五条) */
  request: boolean;
  /** 开通专用 (第十六条(三)): the department is on the entry's dedicated list */
  openDedicated: boolean;
  /** 申请协调 (第十五条(三)): a 不予共享 resource the department needs for its duties */
  coordinate: boolean;
}

/**
 * Which of those a department's data officer (or the bureau for itself) may start now — the same facts the
 * services check when the action is taken (`assertRequestable`, `assertCoordinationRequestable`, the dedicated grant).
 */
export function entryShareActions(actor: Actor, entry: RequestableEntry, dedicatedIds: readonly number[]): EntryShareActions {
  const none = { request: false, openDedicated: false, coordinate: false };
  if (!hasRole(actor, 'dept_admin', 'bureau_admin') || entry.status !== 'published' || entry.providerId === actor.departmentId) return none;
  const listed = entry.dedicated && dedicatedIds.includes(actor.departmentId);
  return { request: !listed && entry.shareType !== 'none', openDedicated: listed, coordinate: !listed && entry.shareType === 'none' };
}

/** A coordination request without a prior request is only for 不予共享 resources; others go through the normal flow. */
export function assertCoordinationRequestable(entry: RequestableEntry, requesterId: number): void {
  if (entry.status !== 'published') throw new RuleViolationError(`资源“${entry.name}”不是已发布状态`, 'share_request.entry_not_published');
  if (entry.providerId === requesterId) throw new RuleViolationError('这是本部门的资源，无需申请共享', 'share_request.own_entry');
  if (entry.shareType !== 'none') {
    throw new RuleViolationError(`资源“${entry.name}”可以申请共享，请直接提交共享申请；申请被驳回且协商未果时再提请协调`, 'share_request.coordination_not_needed');
  }
}

/** The items a request names must be current items of the entry, each once. */
export function assertItemsOf(requested: readonly number[], available: ReadonlyMap<number, string>, what = '申请的信息项'): void {
  const unknown = requested.filter((id) => !available.has(id));
  if (unknown.length) throw new RuleViolationError(`${what}不属于该资源或已删除：${unknown.join('、')}`, 'share_request.unknown_items', { itemIds: unknown });
}

/** A provider may narrow the items when approving, never widen them (第十五条第（二）项 答复意见). */
export function assertNarrowing(approved: readonly number[], requested: readonly number[]): void {
  const extra = approved.filter((id) => !requested.includes(id));
  if (extra.length) throw new RuleViolationError(`同意共享的信息项只能是申请范围内的信息项，以下不在申请范围内：${extra.join('、')}`, 'share_request.items_widened', { itemIds: extra });
}
