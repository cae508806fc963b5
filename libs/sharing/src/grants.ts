import type { FilterQuery } from '@mikro-orm/core';
import {
  assertDestructionDate,
  assertGrantAction,
  assertItemsOf,
  canReadGrant,
  ConflictError,
  DESTRUCTION_METHOD_LABELS,
  entryShareActions,
  ForbiddenError,
  grantActions,
  grantListScope,
  parseShareRequestCode,
  shanghaiYearRange,
  grantState,
  isBureau,
  NotFoundError,
  RuleViolationError,
  renewedValidUntil,
  type Actor,
  type DedicatedGrantInput,
  type DestructionInput,
  type Page,
  type ShareGrantDto,
  type ShareGrantQuery,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { audit, containsText, departmentRecipients, departmentSummary, notify, User } from '@govdata/core';
import { ShareGrant, type IShareGrant } from './entities/share-grant.entity';
import { itemNames, loadEntryForSharing, type ShareContext } from './common';
import { requestableView } from '@govdata/catalog';
import { createGrant } from './grant-create';

export function grantDto(g: IShareGrant, names: Map<number, string>, actor: Actor, today: string): ShareGrantDto {
  const entry = g.entry.getEntity();
  const state = grantState(g.status, g.validUntil, today);
  return {
    id: g.id,
    consumer: departmentSummary(g.consumer.getEntity()),
    provider: departmentSummary(g.provider.getEntity()),
    entry: { id: entry.id, code: entry.code, name: entry.name, shareType: entry.shareType },
    source: g.source,
    requestId: g.request?.id ?? null,
    items: g.itemIds.map((id) => ({ id, name: names.get(id) ?? `#${id}` })),
    purpose: g.purpose,
    conditions: g.conditions ?? null,
    grantedAt: g.grantedAt.toISOString(),
    validUntil: g.validUntil,
    state,
    renewCount: g.renewCount,
    revocation: g.revokedAt ? { at: g.revokedAt.toISOString(), byName: g.revokedByName ?? '', bySide: g.revokedBySide ?? 'provider', reason: g.revokeReason ?? '' } : null,
    destruction:
      g.destroyedOn && g.destructionMethod
        ? { destroyedOn: g.destroyedOn, method: g.destructionMethod, methodLabel: DESTRUCTION_METHOD_LABELS[g.destructionMethod], note: g.destructionNote ?? null, declaredAt: g.destructionDeclaredAt?.toISOString() ?? '', declaredBy: g.destructionDeclaredBy ?? '' }
        : null,
    actions: grantActions(actor, { consumerId: g.consumer.id, providerId: g.provider.id }, state),
  };
}

async function dtos(ctx: ShareContext, rows: IShareGrant[]): Promise<ShareGrantDto[]> {
  const names = await itemNames(ctx.em, rows.flatMap((g) => g.itemIds));
  const today = shanghaiDate(ctx.now);
  return rows.map((g) => grantDto(g, names, ctx.actor, today));
}

const POPULATE = ['consumer', 'provider', 'entry'] as const;

/** Grants held (本部门使用) or given (本部门提供); the bureau and leaders see all. */
export async function listShareGrants(ctx: ShareContext, query: ShareGrantQuery): Promise<Page<ShareGrantDto>> {
  const { em, actor } = ctx;
  const today = shanghaiDate(ctx.now);
  const and: FilterQuery<IShareGrant>[] = [];
  const scope = grantListScope(actor);
  if (scope === 'none') return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (query.side === 'held') and.push({ consumer: actor.departmentId });
  else if (query.side === 'given') and.push({ provider: actor.departmentId });
  else if (scope === 'department') and.push({ $or: [{ consumer: actor.departmentId }, { provider: actor.departmentId }] });
  if (query.state === 'active') and.push({ status: 'active', validUntil: { $gte: today } });
  else if (query.state === 'expired') and.push({ status: 'active', validUntil: { $lt: today } });
  else if (query.state) and.push({ status: query.state });
  if (query.q) {
    // a 申请编号 finds the grant its request opened (issue 14, defect 2)
    const code = parseShareRequestCode(query.q);
    const like = containsText(em, query.q);
    and.push(code ? { request: { id: code.id, submittedAt: shanghaiYearRange(code.year) } } : { $or: [{ entry: { name: like } }, { entry: { code: like } }] });
  }
  const [rows, total] = await em.findAndCount(ShareGrant, { $and: and }, { populate: POPULATE, orderBy: { grantedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: await dtos(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

async function loadGrant(ctx: ShareContext, id: number): Promise<IShareGrant> {
  const g = await ctx.em.findOne(ShareGrant, id, { populate: POPULATE });
  if (!g) throw new NotFoundError(`授权 ${id} 不存在`, 'share_grant.not_found');
  const { actor } = ctx;
  if (!canReadGrant(actor, { consumerId: g.consumer.id, providerId: g.provider.id })) throw new ForbiddenError('无权查看该授权：仅使用部门、提供部门和平台管理员可以查看', 'share_grant.not_party');
  return g;
}

export async function getShareGrant(ctx: ShareContext, id: number): Promise<ShareGrantDto> {
  return (await dtos(ctx, [await loadGrant(ctx, id)]))[0];
}

const who = (a: Actor) => `${a.displayName}(${a.username})`;

async function tell(ctx: ShareContext, departmentId: number, g: IShareGrant, kind: string, title: string, body: string): Promise<void> {
  const recipients = (await departmentRecipients(ctx.em, departmentId, ['dept_admin', 'bureau_admin'])).filter((u) => u !== ctx.actor.userId);
  await notify(ctx.em, recipients, { kind, title, body, link: `/share/grants?focus=${g.id}`, subjectType: 'share_grant', subjectId: g.id }, ctx.now);
}

/** 专用 (第十六条(三)): a department on the entry's dedicated list opens it for itself, no request, recorded as such. */
export async function createDedicatedGrant(ctx: ShareContext, input: DedicatedGrantInput): Promise<ShareGrantDto> {
  const { em, actor, now } = ctx;
  const { entry, items, dedicatedIds } = await loadEntryForSharing(em, input.entryId);
  if (entry.status !== 'published') throw new RuleViolationError(`资源“${entry.name}”不是已发布状态`, 'share_request.entry_not_published');
  if (!entryShareActions(actor, requestableView(entry), dedicatedIds).openDedicated) {
    throw new RuleViolationError(`本部门不在资源“${entry.name}”的专用部门名单内，请通过共享申请获取（第十五条）`, 'share_grant.not_dedicated');
  }
  const itemIds = input.itemIds ?? [...items.keys()];
  assertItemsOf(itemIds, items);
  if (await em.count(ShareGrant, { activeKey: `dedicated:${entry.id}:${actor.departmentId}` })) {
    throw new ConflictError(`本部门已开通资源“${entry.name}”的专用授权`, 'share_grant.dedicated_exists');
  }
  const g = createGrant(ctx, { consumerId: actor.departmentId, providerId: entry.provider.id, entryId: entry.id, source: 'dedicated', request: null, itemIds, purpose: input.purpose, conditions: null });
  await em.flush();
  audit(em, { actor, action: 'share_grant.dedicated', subjectType: 'share_grant', subjectId: g.id, after: { entryId: entry.id, itemIds, validUntil: g.validUntil }, at: now });
  await em.populate(g, POPULATE);
  await tell(ctx, entry.provider.id, g, 'share_grant.dedicated', `专用资源已开通：${entry.name}`, `${g.consumer.getEntity().name}按专用部门名单开通了本部门资源「${entry.name}」（第十六条第（三）项），有效期至 ${g.validUntil}。`);
  await em.flush();
  return getShareGrant(ctx, g.id);
}

/** 收回使用权 (第二十七条): the provider or the bureau revokes with a reason; the consumer is told at once. */
export async function revokeShareGrant(ctx: ShareContext, id: number, reason: string): Promise<ShareGrantDto> {
  const { em, actor, now } = ctx;
  const g = await loadGrant(ctx, id);
  const state = grantState(g.status, g.validUntil, shanghaiDate(now));
  assertGrantAction(actor, { consumerId: g.consumer.id, providerId: g.provider.id }, state, 'revoke');
  const side = isBureau(actor) && actor.departmentId !== g.provider.id ? 'bureau' : 'provider';
  Object.assign(g, { status: 'revoked', activeKey: null, revokedAt: now, revokedBy: em.getReference(User, actor.userId, { wrapped: true }), revokedByName: who(actor), revokedBySide: side, revokeReason: reason });
  await em.flush();
  audit(em, { actor, action: 'share_grant.revoke', subjectType: 'share_grant', subjectId: g.id, before: { status: 'active' }, after: { status: 'revoked', reason, side }, at: now });
  const by = side === 'bureau' ? '政务信息管理局' : g.provider.getEntity().name;
  await tell(ctx, g.consumer.id, g, 'share_grant.revoked', `数据使用权已收回：${g.entry.getEntity().name}`, `${by}收回了本部门对「${g.entry.getEntity().name}」的使用权并切断共享通道（第二十七条）。理由：${reason}。请停止使用并按程序销毁已获取的数据。`);
  await em.flush();
  return getShareGrant(ctx, g.id);
}

/** 续期: one more year (or to the date asked, at most three years ahead). */
export async function renewShareGrant(ctx: ShareContext, id: number, validUntil?: string): Promise<ShareGrantDto> {
  const { em, actor, now } = ctx;
  const g = await loadGrant(ctx, id);
  const today = shanghaiDate(now);
  assertGrantAction(actor, { consumerId: g.consumer.id, providerId: g.provider.id }, grantState(g.status, g.validUntil, today), 'renew');
  const before = g.validUntil;
  g.validUntil = renewedValidUntil(g.validUntil, today, validUntil);
  g.renewCount += 1;
  g.renewedAt = now;
  await em.flush();
  audit(em, { actor, action: 'share_grant.renew', subjectType: 'share_grant', subjectId: g.id, before: { validUntil: before }, after: { validUntil: g.validUntil }, at: now });
  await tell(ctx, g.consumer.id, g, 'share_grant.renewed', `授权已续期：${g.entry.getEntity().name}`, `本部门对「${g.entry.getEntity().name}」的使用授权已续期至 ${g.validUntil}。`);
  await em.flush();
  return getShareGrant(ctx, g.id);
}

/** 不再使用的数据 … 按有关程序销毁 (第二十七条): the consumer declares it stopped and confirms the destruction. */
export async function declareDestruction(ctx: ShareContext, id: number, input: DestructionInput): Promise<ShareGrantDto> {
  const { em, actor, now } = ctx;
  const g = await loadGrant(ctx, id);
  const today = shanghaiDate(now);
  assertGrantAction(actor, { consumerId: g.consumer.id, providerId: g.provider.id }, grantState(g.status, g.validUntil, today), 'destroy');
  assertDestructionDate(input.destroyedOn, shanghaiDate(g.grantedAt), today);
  const before = g.status;
  Object.assign(g, { status: 'destroyed', activeKey: null, destroyedOn: input.destroyedOn, destructionMethod: input.method, destructionNote: input.note ?? null, destructionDeclaredAt: now, destructionDeclaredBy: who(actor) });
  await em.flush();
  audit(em, { actor, action: 'share_grant.destroy', subjectType: 'share_grant', subjectId: g.id, before: { status: before }, after: { status: 'destroyed', destroyedOn: input.destroyedOn, method: input.method }, at: now });
  await tell(ctx, g.provider.id, g, 'share_grant.destroyed', `使用部门已确认销毁：${g.entry.getEntity().name}`, `${g.consumer.getEntity().name}声明不再使用「${g.entry.getEntity().name}」，并确认于 ${input.destroyedOn} 以“${DESTRUCTION_METHOD_LABELS[input.method]}”方式销毁（第二十七条）。`);
  await em.flush();
  return getShareGrant(ctx, g.id);
}
