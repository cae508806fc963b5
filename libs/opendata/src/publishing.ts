import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  canPublishOpen,
  canReadOpenStatus,
  canRecordOpenReview,
  openability,
  openDatasetName,
  type Actor,
  type EntryOpenStatusDto,
  type OpenQueueQuery,
  type OpenQueueRowDto,
  type OpenReviewDto,
  type OpenReviewKind,
  type OpenState,
  type Page,
  type RecordOpenReviewInput,
} from '@govdata/domain';
import { audit, containsText, User, type ClientInfo } from '@govdata/core';
import { CatalogEntry, type ICatalogEntry } from '@govdata/catalog';
import { OpenDataset, type IOpenDataset } from './entities/open-dataset.entity';
import { OpenReview, type IOpenReview } from './entities/open-review.entity';

type LatestReviews = Partial<Record<OpenReviewKind, IOpenReview>>;

async function loadEntry(em: EntityManager, entryId: number): Promise<ICatalogEntry> {
  const entry = await em.findOne(CatalogEntry, entryId, { populate: ['provider'] });
  if (!entry) throw new NotFoundError(`目录条目 ${entryId} 不存在`, 'catalog.entry_not_found');
  return entry;
}

/** Every review of the given entries, newest first, and the latest of each kind per entry. */
async function reviewsOf(em: EntityManager, entryIds: readonly number[]): Promise<{ all: Map<number, IOpenReview[]>; latest: Map<number, LatestReviews> }> {
  const all = new Map<number, IOpenReview[]>();
  const latest = new Map<number, LatestReviews>();
  if (!entryIds.length) return { all, latest };
  const rows = await em.find(OpenReview, { entry: { $in: [...entryIds] } }, { orderBy: { recordedAt: 'desc', id: 'desc' }, populate: ['recordedBy'] });
  for (const r of rows) {
    const id = r.entry.id;
    all.set(id, [...(all.get(id) ?? []), r]);
    const l = latest.get(id) ?? {};
    if (!l[r.kind]) l[r.kind] = r;
    latest.set(id, l);
  }
  return { all, latest };
}

/** Where an entry stands; `ready` says whether it may be (re)published now. */
function stateOf(entry: ICatalogEntry, reviews: LatestReviews, dataset: IOpenDataset | null): { state: OpenState; ready: boolean; reasons: string[] } {
  const { ready, reasons } = openability({ status: entry.status, openType: entry.openType, reviews });
  if (dataset && !dataset.withdrawnAt) return { state: 'published', ready, reasons };
  if (dataset?.withdrawnAt) return { state: 'withdrawn', ready, reasons };
  return { state: ready ? 'ready' : 'not_ready', ready, reasons };
}

const reviewDto = (r: IOpenReview): OpenReviewDto => ({
  id: r.id,
  kind: r.kind,
  conclusion: r.conclusion,
  basis: r.basis,
  reviewer: r.reviewer,
  recordedBy: r.recordedBy.getEntity().displayName,
  recordedAt: r.recordedAt.toISOString(),
});

/** The open-data side of one entry: reviews, whether it may be opened and why not, its publication. */
export async function entryOpenStatus(em: EntityManager, actor: Actor, entryId: number): Promise<EntryOpenStatusDto> {
  const entry = await loadEntry(em, entryId);
  if (!canReadOpenStatus(actor, entry.provider.id)) throw new ForbiddenError('只能查看本部门资源的开放情况', 'opendata.other_department');
  const [{ all, latest }, dataset] = await Promise.all([reviewsOf(em, [entryId]), em.findOne(OpenDataset, { entry: entryId })]);
  const { state, ready, reasons } = stateOf(entry, latest.get(entryId) ?? {}, dataset);
  return {
    entryId,
    state,
    reasons,
    datasetName: dataset?.name ?? null,
    publishedAt: dataset?.publishedAt.toISOString() ?? null,
    withdrawnAt: dataset?.withdrawnAt?.toISOString() ?? null,
    withdrawnReason: dataset?.withdrawnReason ?? null,
    reviews: (all.get(entryId) ?? []).map(reviewDto),
    permissions: {
      canReview: canRecordOpenReview(actor, entry.provider.id) && entry.openType !== 'closed',
      canPublish: canPublishOpen(actor) && ready && state !== 'published',
      canWithdraw: canPublishOpen(actor) && state === 'published',
    },
  };
}

/** 第二十六条: the provider records a 保密审查 or 政务公开审查 for an entry it wants opened. */
export async function recordOpenReview(
  em: EntityManager,
  actor: Actor,
  entryId: number,
  input: RecordOpenReviewInput,
  now: Date,
  client?: ClientInfo,
): Promise<EntryOpenStatusDto> {
  const entry = await loadEntry(em, entryId);
  if (!canRecordOpenReview(actor, entry.provider.id)) throw new ForbiddenError('开放前审查由资源提供部门的数据管理员记录', 'opendata.review_forbidden');
  if (entry.openType === 'closed') throw new RuleViolationError('该资源的开放类型为“不予开放”，无需开放前审查；如需开放请先修改目录', 'opendata.closed', { field: 'kind' });
  const review = em.create(OpenReview, { entry: entryId, ...input, recordedBy: actor.userId, recordedAt: now });
  // a rejection takes an opened dataset out of the open catalog at once: the data may no longer be public
  const dataset = await em.findOne(OpenDataset, { entry: entryId, withdrawnAt: null });
  if (dataset && input.conclusion === 'rejected') {
    dataset.withdrawnAt = now;
    dataset.withdrawnReason = `${input.kind === 'secrecy' ? '保密审查' : '政务公开审查'}结论为不同意开放`;
  }
  await em.flush();
  audit(em, { actor, action: 'opendata.review', subjectType: 'catalog_entry', subjectId: entryId, after: { id: review.id, ...input }, ip: client?.ip, at: now });
  await em.flush();
  return entryOpenStatus(em, actor, entryId);
}

/** 第二十二条: the bureau publishes a reviewed entry to the open catalog. */
export async function publishOpen(em: EntityManager, actor: Actor, entryId: number, now: Date, client?: ClientInfo): Promise<EntryOpenStatusDto> {
  if (!canPublishOpen(actor)) throw new ForbiddenError('开放目录由平台管理员发布', 'opendata.publish_forbidden');
  const entry = await loadEntry(em, entryId);
  const { latest } = await reviewsOf(em, [entryId]);
  const { ready, reasons } = openability({ status: entry.status, openType: entry.openType, reviews: latest.get(entryId) ?? {} });
  if (!ready) throw new RuleViolationError(`尚不能开放：${reasons.join('；')}`, 'opendata.not_ready', { reasons });
  const existing = await em.findOne(OpenDataset, { entry: entryId });
  if (existing && !existing.withdrawnAt) throw new ConflictError('该资源已在开放目录中', 'opendata.already_published');
  if (existing) {
    existing.withdrawnAt = null;
    existing.withdrawnReason = null;
    existing.publishedAt = now;
    existing.publishedBy = em.getReference(User, actor.userId, { wrapped: true });
  } else {
    em.create(OpenDataset, { entry: entryId, name: openDatasetName(entry.code), publishedBy: actor.userId, publishedAt: now });
  }
  audit(em, { actor, action: 'opendata.publish', subjectType: 'catalog_entry', subjectId: entryId, ip: client?.ip, at: now });
  await em.flush();
  return entryOpenStatus(em, actor, entryId);
}

/** The bureau takes a dataset out of the open catalog, with a reason the provider and the public can read. */
export async function withdrawOpen(em: EntityManager, actor: Actor, entryId: number, reason: string, now: Date, client?: ClientInfo): Promise<EntryOpenStatusDto> {
  if (!canPublishOpen(actor)) throw new ForbiddenError('开放目录由平台管理员维护', 'opendata.publish_forbidden');
  await loadEntry(em, entryId);
  const dataset = await em.findOne(OpenDataset, { entry: entryId, withdrawnAt: null });
  if (!dataset) throw new ConflictError('该资源不在开放目录中', 'opendata.not_published');
  dataset.withdrawnAt = now;
  dataset.withdrawnReason = reason;
  audit(em, { actor, action: 'opendata.withdraw', subjectType: 'catalog_entry', subjectId: entryId, after: { reason }, ip: client?.ip, at: now });
  await em.flush();
  return entryOpenStatus(em, actor, entryId);
}

/**
 * The bureau's publishing queue: every published entry whose open type is not 不予开放, with where it stands
 * (awaiting review, ready, open, withdrawn). Ready ones first, as they are the bureau's to-do.
 */
export async function openQueue(em: EntityManager, actor: Actor, query: OpenQueueQuery): Promise<Page<OpenQueueRowDto>> {
  if (!canPublishOpen(actor) && !actor.roles.includes('leader')) throw new ForbiddenError('开放目录发布队列仅平台管理员和领导小组可查看', 'opendata.queue_forbidden');
  const where: Record<string, unknown> = { status: 'published', openType: { $ne: 'closed' } };
  if (query.q) where.$or = [{ name: containsText(em, query.q) }, { code: containsText(em, query.q) }];
  const entries = await em.find(CatalogEntry, where, { populate: ['provider'], orderBy: { code: 'asc' } });
  const ids = entries.map((e) => e.id);
  const [{ latest }, datasets] = await Promise.all([reviewsOf(em, ids), ids.length ? em.find(OpenDataset, { entry: { $in: ids } }) : []]);
  const byEntry = new Map(datasets.map((d) => [d.entry.id, d]));
  const order: Record<OpenState, number> = { ready: 0, not_ready: 1, published: 2, withdrawn: 3 };
  const rows = entries
    .map((e) => {
      const ds = byEntry.get(e.id) ?? null;
      const { state, reasons } = stateOf(e, latest.get(e.id) ?? {}, ds);
      return {
        entryId: e.id,
        code: e.code,
        name: e.name,
        provider: e.provider.getEntity().name,
        openType: e.openType,
        state,
        reasons,
        datasetName: ds?.name ?? null,
        publishedAt: ds && !ds.withdrawnAt ? ds.publishedAt.toISOString() : null,
      } satisfies OpenQueueRowDto;
    })
    .filter((r) => !query.state || r.state === query.state)
    .sort((a, b) => order[a.state] - order[b.state] || a.code.localeCompare(b.code));
  const start = (query.page - 1) * query.pageSize;
  return { items: rows.slice(start, start + query.pageSize), total: rows.length, page: query.page, pageSize: query.pageSize };
}
